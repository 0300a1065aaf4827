using System.Net;
using System.Security.Cryptography.X509Certificates;
using Exchange.Gateway.Tls;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Contract.Tests.Tls;

/// <summary>The local CA ./run.sh's gateway makes in .exchange/tls: what it issues, what it keeps.</summary>
public sealed class LocalCertificateAuthorityTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("exchange-ca-").FullName;

    [Fact]
    public void FirstStart_IssuesAServerCertificateForLoopbackAndThisHost_ThatChainsToTheCaFile()
    {
        using var server = LocalCertificateAuthority.ServerCertificate(directory, TimeProvider.System);

        Assert.True(server.HasPrivateKey);
        var san = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", san.EnumerateDnsNames());
        Assert.Contains(Dns.GetHostName(), san.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, san.EnumerateIPAddresses());
        Assert.Contains(IPAddress.IPv6Loopback, san.EnumerateIPAddresses());

        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, LocalCertificateAuthority.CaCertificateFile));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(server));

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, LocalCertificateAuthority.CaKeyFile)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, LocalCertificateAuthority.ServerCertificateFile)));
        }
    }

    [Fact]
    public void LaterStarts_KeepTheCaAndTheServerCertificate_UntilItIsAboutToExpire()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var first = LocalCertificateAuthority.ServerCertificate(directory, clock);
        var caBytes = File.ReadAllBytes(Path.Combine(directory, LocalCertificateAuthority.CaCertificateFile));

        using var second = LocalCertificateAuthority.ServerCertificate(directory, clock);
        Assert.Equal(first.Thumbprint, second.Thumbprint);

        // 380 days on: within 30 days of its end, the server certificate is issued again, by the same CA.
        clock.Advance(TimeSpan.FromDays(380));
        using var renewed = LocalCertificateAuthority.ServerCertificate(directory, clock);
        Assert.NotEqual(first.Thumbprint, renewed.Thumbprint);
        Assert.Equal(caBytes, File.ReadAllBytes(Path.Combine(directory, LocalCertificateAuthority.CaCertificateFile)));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
