using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Exchange.Storage.Admin;

/// <summary>
/// The hub's API keys, in one place: "exk_" and 32 random bytes in base64url. The hub stores only
/// the SHA-256 of the key's UTF-8 bytes, and its first 12 characters to tell keys apart.
/// </summary>
public static class ApiKeys
{
    public const string Scheme = "exk_";
    public const int RandomBytes = 32;
    public const int PrefixLength = 12;

    /// <summary>"exk_" + 43 base64url characters (no padding): 47 characters in all.</summary>
    public static string Generate()
    {
        Span<byte> secret = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(secret);
        return Scheme + Base64Url.EncodeToString(secret);
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string PrefixOf(string key) => key[..PrefixLength];

    /// <summary>What a key prefix looks like: 12 characters starting with the scheme.</summary>
    public static bool IsPrefix(string prefix) =>
        prefix.Length == PrefixLength && prefix.StartsWith(Scheme, StringComparison.Ordinal);
}
