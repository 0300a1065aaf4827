using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Exchange.V1;
using Google.Protobuf;

namespace Exchange.Client;

/// <summary>What <see cref="CallbackSignature.Verify"/> found.</summary>
public enum CallbackVerification
{
    /// <summary>A signature made with one of the secrets over this timestamp and body, and the timestamp is recent.</summary>
    Valid,

    /// <summary>Exchange-Timestamp or Exchange-Signature is missing or not in the hub's format.</summary>
    Malformed,

    /// <summary>The timestamp is further from now than the tolerance (a replayed or badly delayed request).</summary>
    StaleTimestamp,

    /// <summary>No signature matches any of the secrets: the body or timestamp was changed, or the secret is wrong.</summary>
    SignatureMismatch,
}

/// <summary>
/// Verifies the hub's signed callbacks (updates.proto, "Signed callbacks") in a platform's
/// receiver: <c>Exchange-Signature: v1=hex(HMAC-SHA256(secret, "&lt;Exchange-Timestamp&gt;.&lt;body&gt;"))</c>,
/// one <c>v1=</c> per secret the hub signs with (two for a day after a rotation). The key is the
/// secret's text as UTF-8, exactly as SetCallbackEndpoint or RotateCallbackSecret returned it.
/// </summary>
/// <example>
/// <code>
/// var verifier = new CallbackSignature([currentSecret, previousSecret]);
/// var body = await ReadAllBytes(request.Body);            // the raw bytes, before any JSON parsing
/// if (verifier.Verify(request.Headers["Exchange-Timestamp"], request.Headers["Exchange-Signature"], body) != CallbackVerification.Valid)
///     return 401;
/// var update = CallbackSignature.ParseUpdate(body);        // de-duplicate on update.EventId (= Exchange-Event-Id)
/// </code>
/// </example>
public sealed class CallbackSignature
{
    public const string EventIdHeader = "Exchange-Event-Id";
    public const string TimestampHeader = "Exchange-Timestamp";
    public const string SignatureHeader = "Exchange-Signature";

    /// <summary>How far a timestamp may be from the receiver's clock: 5 minutes, as the contract advises.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private readonly byte[][] keys;
    private readonly TimeSpan tolerance;
    private readonly TimeProvider clock;

    /// <param name="secrets">Every secret a valid request may be signed with (during a rotation: the new and the old one).</param>
    /// <param name="tolerance">How far Exchange-Timestamp may be from now, either way; <see cref="DefaultTolerance"/> when null.</param>
    /// <param name="clock">The receiver's clock; the system's when null.</param>
    public CallbackSignature(IEnumerable<string> secrets, TimeSpan? tolerance = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        keys = [.. secrets.Select(s => Encoding.UTF8.GetBytes(s ?? throw new ArgumentException("a secret is null", nameof(secrets))))];
        if (keys.Length == 0 || keys.Any(k => k.Length == 0))
        {
            throw new ArgumentException("at least one secret, none empty", nameof(secrets));
        }

        this.tolerance = tolerance ?? DefaultTolerance;
        ArgumentOutOfRangeException.ThrowIfLessThan(this.tolerance, TimeSpan.Zero, nameof(tolerance));
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>Checks one request: its Exchange-Timestamp and Exchange-Signature headers and its body exactly as received.</summary>
    public CallbackVerification Verify(string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader)
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return CallbackVerification.Malformed;
        }

        var signatures = new List<byte[]>();
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // Other schemes than v1 may come one day: skip them rather than refuse the request.
            if (part.StartsWith("v1=", StringComparison.Ordinal) && part.Length == 3 + 64)
            {
                try
                {
                    signatures.Add(Convert.FromHexString(part.AsSpan(3)));
                }
                catch (FormatException)
                {
                    return CallbackVerification.Malformed;
                }
            }
        }

        if (signatures.Count == 0)
        {
            return CallbackVerification.Malformed;
        }

        var expected = new byte[32];
        var signed = Signed(timestamp, body);
        var match = false;
        foreach (var key in keys)
        {
            HMACSHA256.HashData(key, signed, expected);
            foreach (var signature in signatures)
            {
                match |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        if (!match)
        {
            return CallbackVerification.SignatureMismatch;
        }

        // Checked after the signature, so that a stale request is told apart from a forged one.
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        return age.Duration() <= tolerance ? CallbackVerification.Valid : CallbackVerification.StaleTimestamp;
    }

    /// <summary>The Exchange-Signature value the hub sends for one secret (for a receiver's own tests).</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Signed(timestamp, body)));
    }

    /// <summary>The update a callback carries (its body, proto3 JSON); fields this library does not know yet are ignored.</summary>
    public static Update ParseUpdate(ReadOnlySpan<byte> body) => Parser.Parse<Update>(Encoding.UTF8.GetString(body));

    private static byte[] Signed(long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return signed;
    }
}
