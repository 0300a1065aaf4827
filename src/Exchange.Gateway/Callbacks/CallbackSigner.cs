using System.Security.Cryptography;
using System.Text;

namespace Exchange.Gateway.Callbacks;

/// <summary>
/// Signs a callback as updates.proto specifies: Exchange-Signature is
/// <c>v1=hex(HMAC-SHA256(secret, "&lt;timestamp&gt;.&lt;body&gt;"))</c>, one per secret, comma-separated;
/// the key is the secret's text (UTF-8). The client library's CallbackSignature verifies it; the
/// integration tests check the two agree.
/// </summary>
public static class CallbackSigner
{
    public static string Header(IEnumerable<string> secrets, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return string.Join(',', secrets.Select(secret =>
            "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))));
    }
}
