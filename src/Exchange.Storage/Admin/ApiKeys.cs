using System.Buffers;
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

    /// <summary>The length of every key <see cref="Generate"/> gives.</summary>
    public static readonly int Length = Scheme.Length + Base64Url.GetEncodedLength(RandomBytes);

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>
    /// Whether <paramref name="key"/> has the form <see cref="Generate"/> gives. Checked before any
    /// lookup: a token of any other form costs no hash, no query and no cache entry.
    /// </summary>
    public static bool IsWellFormed(string? key) =>
        key is not null && key.Length == Length && key.StartsWith(Scheme, StringComparison.Ordinal)
        && !key.AsSpan(Scheme.Length).ContainsAnyExcept(Base64UrlAlphabet);

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string PrefixOf(string key) => key[..PrefixLength];

    /// <summary>What a key prefix looks like: 12 characters starting with the scheme.</summary>
    public static bool IsPrefix(string prefix) =>
        prefix.Length == PrefixLength && prefix.StartsWith(Scheme, StringComparison.Ordinal);
}
