using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Exchange.Cli;

/// <summary>
/// API keys as the hub checks them: "exk_" and 32 random bytes in base64url; the hub stores only
/// the SHA-256 of the key's UTF-8 bytes, and its first 12 characters to tell keys apart.
/// </summary>
internal static class ApiKeys
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
}
