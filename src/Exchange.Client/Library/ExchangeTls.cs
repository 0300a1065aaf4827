using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Exchange.Client;

/// <summary>
/// TLS towards the hub: trusting the hub's own CA (a court's IT department may run one, or
/// ./run.sh's local CA), and a client certificate for mutual TLS.
/// </summary>
public static class ExchangeTls
{
    /// <summary>
    /// A server-certificate check that trusts <paramref name="ca"/> alone as the root — not the
    /// machine's trust store — and still requires the certificate to name the host called.
    /// </summary>
    public static RemoteCertificateValidationCallback TrustOnly(X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        return (_, certificate, _, errors) =>
        {
            // A name mismatch or no certificate is fatal whoever the issuer; a chain error is
            // expected (the CA is not in the machine's store) and judged below.
            if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            // A private CA publishes no revocation lists.
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var server = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return chain.Build(server);
        };
    }

    /// <summary>
    /// The HTTP handler for <see cref="ExchangeClientOptions.CaCertificate"/> and
    /// <see cref="ExchangeClientOptions.ClientCertificate"/>; null when neither is set.
    /// </summary>
    public static SocketsHttpHandler? CreateHandler(ExchangeClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CaCertificate is null && options.ClientCertificate is null)
        {
            return null;
        }

        if (options.HttpHandler is not null)
        {
            throw new ArgumentException("Set either HttpHandler or CaCertificate/ClientCertificate: the certificates are applied to a handler the client makes.", nameof(options));
        }

        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (options.CaCertificate is { } ca)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = TrustOnly(ca);
        }

        if (options.ClientCertificate is { } client)
        {
            if (!client.HasPrivateKey)
            {
                throw new ArgumentException("The client certificate has no private key.", nameof(options));
            }

            handler.SslOptions.ClientCertificates = [client];
        }

        return handler;
    }

    /// <summary>
    /// Reads a certificate: PKCS#12 (.pfx, .p12, with its key), or PEM with its key in
    /// <paramref name="keyFile"/> (or in the same file), or a PEM/DER certificate alone when
    /// <paramref name="withKey"/> is false (a CA).
    /// </summary>
    public static X509Certificate2 LoadCertificate(string file, string? keyFile = null, string? password = null, bool withKey = true)
    {
        var extension = Path.GetExtension(file);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(file, password);
        }

        if (!withKey)
        {
            return X509CertificateLoader.LoadCertificateFromFile(file);
        }

        return string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(file, keyFile)
            : X509Certificate2.CreateFromEncryptedPemFile(file, password, keyFile);
    }
}
