using System.Security.Cryptography;
using System.Text;

namespace Exchange.Storage.Admin;

/// <summary>
/// AIP-155 request ids of admin changes. The first answer to a request id is stored so that a
/// retry gets it again — and that answer may hold a newly issued API key, which the hub otherwise
/// never keeps. So the id is stored only as a hash, and the answer is encrypted (AES-GCM) under a
/// key derived from the id: the table alone opens nothing.
/// </summary>
public static class AdminRequests
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] HashLabel = "exchange admin request id\n"u8.ToArray();
    private static readonly byte[] KeyLabel = "exchange admin answer key"u8.ToArray();

    public static byte[] Hash(string requestId) => SHA256.HashData([.. HashLabel, .. Encoding.UTF8.GetBytes(requestId)]);

    public static byte[] Seal(string requestId, byte[] answer)
    {
        var sealedAnswer = new byte[NonceSize + TagSize + answer.Length];
        var nonce = sealedAnswer.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyOf(requestId), TagSize);
        aes.Encrypt(nonce, answer, sealedAnswer.AsSpan(NonceSize + TagSize), sealedAnswer.AsSpan(NonceSize, TagSize));
        return sealedAnswer;
    }

    public static byte[] Open(string requestId, byte[] sealedAnswer)
    {
        var answer = new byte[sealedAnswer.Length - NonceSize - TagSize];
        using var aes = new AesGcm(KeyOf(requestId), TagSize);
        aes.Decrypt(sealedAnswer.AsSpan(0, NonceSize), sealedAnswer.AsSpan(NonceSize + TagSize), sealedAnswer.AsSpan(NonceSize, TagSize), answer);
        return answer;
    }

    private static byte[] KeyOf(string requestId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(requestId), 32, salt: [], info: KeyLabel);
}
