using System.Globalization;
using System.Security.Cryptography;
using System.Text;

// One source, compiled twice: into Exchange.Domain (the silo hashes what it writes) and, linked,
// into Exchange.Client (an outside client recomputes the chain from GetHistory). Different
// namespaces keep the two copies apart in an assembly that references both.
#if EXCHANGE_CLIENT
namespace Exchange.Client;
#else
namespace Exchange.Domain;
#endif

/// <summary>
/// The hash chain over an application's history (docs/ARCHITECTURE.md, "The hash chain"). Each
/// event's SHA-256 is taken over its predecessor's SHA-256 (32 bytes; <see cref="Genesis"/> for
/// the first event) followed by the event's canonical content: a run of netstrings
/// (<c>byte length ":" bytes ","</c>, the length in decimal ASCII, the bytes UTF-8), in this order:
/// the tag <see cref="FormatTag"/>; the application id (lower-case, hyphenated); the sequence
/// (decimal); occur_time in UTC as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> (microseconds, which is what
/// the hub keeps); kind (e.g. <c>ACCEPTED</c>); the actor's kind as its proto name (<c>COURT</c>);
/// the actor's id; the actor's name; reason; status_after as its proto name; then every detail as
/// key and value, in ascending order of the keys' UTF-8 bytes. An absent text is the empty one.
/// All of it is what GetHistory returns, so the chain can be checked without trusting the hub.
/// The same encoding is written in SQL (migration 0095, <c>exchange_event_sha256</c>), which is
/// what stores the hashes; the grain's copy must agree with it or the write fails.
/// </summary>
public static class EventChain
{
    /// <summary>The first field of every event's canonical content: names the encoding, so a later one can differ.</summary>
    public const string FormatTag = "exchange.v1.HistoryEvent/1";

    /// <summary>The predecessor of an application's first event: 32 zero bytes.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[32];

    /// <summary>The predecessor of an application's first event as lower-case hex (64 zeros).</summary>
    public static string GenesisHex { get; } = new('0', 64);

    /// <summary>The canonical content of one event (see the type's summary for the encoding).</summary>
    public static byte[] Canonical(
        string applicationId, long sequence, DateTimeOffset occurredAt, string kind, string actorKind, string actorId,
        string? actorName, string? reason, string statusAfter, IEnumerable<KeyValuePair<string, string>>? details)
    {
        var buffer = new List<byte>(256);
        Field(buffer, FormatTag);
        Field(buffer, applicationId.ToLowerInvariant());
        Field(buffer, sequence.ToString(CultureInfo.InvariantCulture));
        Field(buffer, FormatTime(occurredAt));
        Field(buffer, kind);
        Field(buffer, actorKind);
        Field(buffer, actorId);
        Field(buffer, actorName);
        Field(buffer, reason);
        Field(buffer, statusAfter);
        foreach (var (key, value) in (details ?? []).Select(p => (Key: Encoding.UTF8.GetBytes(p.Key), p.Value))
                     .OrderBy(p => p.Key, ByteOrder.Instance))
        {
            Field(buffer, key);
            Field(buffer, value);
        }

        return [.. buffer];
    }

    /// <summary>SHA-256 of <paramref name="previous"/> (32 bytes) followed by <paramref name="canonical"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previous, byte[] canonical)
    {
        if (previous.Length != 32)
        {
            throw new ArgumentException("a predecessor's hash is 32 bytes", nameof(previous));
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previous);
        sha.AppendData(canonical);
        return sha.GetHashAndReset();
    }

    /// <summary>The instant as the canonical content spells it: UTC, microseconds, a literal Z.</summary>
    public static string FormatTime(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        // The hub keeps whole microseconds (the grain truncates its clock); anything below is dropped.
        utc = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    private static void Field(List<byte> buffer, string? text) => Field(buffer, Encoding.UTF8.GetBytes(text ?? ""));

    private static void Field(List<byte> buffer, byte[] bytes)
    {
        buffer.AddRange(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture)));
        buffer.Add((byte)':');
        buffer.AddRange(bytes);
        buffer.Add((byte)',');
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
