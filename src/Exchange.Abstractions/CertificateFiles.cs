using System.Security.Cryptography.X509Certificates;

namespace Exchange.Abstractions;

/// <summary>Certificates as the hub's settings name them, for the gateway's TLS and Orleans TLS alike.</summary>
public static class CertificateFiles
{
    /// <summary>A certificate with its key: PKCS#12 (.pfx, .p12), or PEM with its key in <paramref name="keyFile"/> (or the same file).</summary>
    public static X509Certificate2 LoadWithKey(string file, string? keyFile, string? password)
    {
        var extension = Path.GetExtension(file);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(file, password);
        }

        var key = string.IsNullOrEmpty(keyFile) ? null : keyFile;
        return string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(file, key)
            : X509Certificate2.CreateFromEncryptedPemFile(file, password, key);
    }

    /// <summary>Whether <paramref name="certificate"/> chains to <paramref name="root"/>, trusting that root alone (no revocation lists: a private CA has none).</summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
