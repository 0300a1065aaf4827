using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Exchange.Gateway.Tls;

/// <summary>
/// A certificate authority of this machine's own, for a hub run without an operator's certificate
/// (./run.sh): on first use it creates a CA (ca.crt, and its key in ca.key, readable by the owner
/// only) and a server certificate it signed (server.pfx, owner only) for localhost, 127.0.0.1, ::1
/// and the machine's name and addresses. Later uses keep both; the server certificate is issued
/// again when it is missing, about to expire, or not the CA's. Clients trust ca.crt when told to
/// (the CLI's --ca-file); nothing is added to the machine's trust store.
/// </summary>
public static class LocalCertificateAuthority
{
    public const string CaCertificateFile = "ca.crt";
    public const string CaKeyFile = "ca.key";
    public const string ServerCertificateFile = "server.pfx";

    private static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(397);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    /// <summary>The server certificate (with its key) kept in <paramref name="directory"/>, created with the CA when missing.</summary>
    public static X509Certificate2 ServerCertificate(string directory, TimeProvider clock)
    {
        Directory.CreateDirectory(directory);
        var ca = LoadOrCreateCa(directory, clock);
        var serverPath = Path.Combine(directory, ServerCertificateFile);
        if (File.Exists(serverPath))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(serverPath, password: null);
            if (existing.NotAfter.ToUniversalTime() - clock.GetUtcNow().UtcDateTime > RenewBefore && Exchange.Abstractions.CertificateFiles.ChainsTo(existing, ca))
            {
                return existing;
            }

            existing.Dispose();
        }

        using var server = IssueServer(ca, clock);
        WriteOwnerOnly(serverPath, server.Export(X509ContentType.Pkcs12));
        return X509CertificateLoader.LoadPkcs12FromFile(serverPath, password: null);
    }

    /// <summary>The names a client may use to reach this machine: localhost, loopback and the host's own.</summary>
    public static (IReadOnlyList<string> Names, IReadOnlyList<IPAddress> Addresses) SubjectAlternativeNames()
    {
        var names = new List<string> { "localhost" };
        var addresses = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        var host = Dns.GetHostName();
        if (!string.IsNullOrEmpty(host) && !names.Contains(host, StringComparer.OrdinalIgnoreCase))
        {
            names.Add(host);
        }

        try
        {
            addresses.AddRange(Dns.GetHostAddresses(host).Where(a => !addresses.Contains(a) && !a.IsIPv6LinkLocal));
        }
        catch (System.Net.Sockets.SocketException)
        {
            // A host name that does not resolve: the certificate names what is known.
        }

        return (names, addresses.Distinct().ToList());
    }

    private static X509Certificate2 LoadOrCreateCa(string directory, TimeProvider clock)
    {
        var certPath = Path.Combine(directory, CaCertificateFile);
        var keyPath = Path.Combine(directory, CaKeyFile);
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            return X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Exchange local CA ({Dns.GetHostName()}), O=Exchange", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = clock.GetUtcNow();
        var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        WriteOwnerOnly(keyPath, System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        File.WriteAllText(certPath, ca.ExportCertificatePem() + "\n");
        return ca;
    }

    private static X509Certificate2 IssueServer(X509Certificate2 ca, TimeProvider clock)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Exchange hub (" + Dns.GetHostName() + ")", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        var (names, addresses) = SubjectAlternativeNames();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        foreach (var address in addresses)
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var now = clock.GetUtcNow();
        var notAfter = now.Add(ServerLifetime) < ca.NotAfter ? now.Add(ServerLifetime) : new DateTimeOffset(ca.NotAfter);
        using var signed = request.Create(ca, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }

    private static void WriteOwnerOnly(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(content);
    }
}
