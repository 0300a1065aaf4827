using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Exchange.Client;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Exchange.IntegrationTests.Tls;

/// <summary>
/// A hub whose gateway serves its TLS port with a certificate of its own local CA (as ./run.sh
/// runs it: Exchange:Tls:LocalCaDirectory, Exchange:Tls:Port), beside the loopback h2c port the
/// fixture's own channel uses.
/// </summary>
public sealed class TlsHubFixture : HubFixture
{
    public string TlsDirectory { get; } = Directory.CreateTempSubdirectory("exchange-tls-").FullName;

    public int TlsPort { get; } = HubProcess.FreePort();

    public Uri TlsEndpoint => new($"https://127.0.0.1:{TlsPort}");

    public X509Certificate2 HubCa => X509CertificateLoader.LoadCertificateFromFile(Path.Combine(TlsDirectory, "ca.crt"));

    /// <summary>The certificate silo and gateway share for Orleans TLS (Exchange:Orleans:Tls, no CA: the same certificate).</summary>
    public string ClusterCertificate => Path.Combine(TlsDirectory, "cluster.pfx");

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment => new Dictionary<string, string>
    {
        ["Exchange__Tls__LocalCaDirectory"] = TlsDirectory,
        ["Exchange__Tls__Port"] = TlsPort.ToString(),
        ["Exchange__Orleans__Tls__CertificateFile"] = ClusterCertificate,
    };

    protected override Task StartAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=exchange-cluster", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(ClusterCertificate, certificate.Export(X509ContentType.Pkcs12));
        return base.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(TlsDirectory, recursive: true);
    }
}

/// <summary>TLS towards the gateway and mutual TLS for platforms, over real TLS channels.</summary>
public sealed class TlsTests(TlsHubFixture hub) : IClassFixture<TlsHubFixture>
{
    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);

    [DatabaseFact]
    public async Task AClientTrustingTheHubsCa_FilesOverTls_WithItsApiKey()
    {
        using var client = ExchangeClient.Create(hub.TlsEndpoint, hub.PlatformAKey, new ExchangeClientOptions { CaCertificate = hub.HubCa });
        var filing = new FilingService.FilingServiceClient(client.CallInvoker);

        var receipt = await filing.SubmitApplicationAsync(Requests.MediationDocument("tls-key-" + Guid.NewGuid().ToString("N")[..8]), deadline: Deadline());

        var application = await filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, deadline: Deadline());
        Assert.Equal(receipt.ApplicationId, application.Receipt.ApplicationId);
    }

    [DatabaseFact]
    public async Task AClientTrustingAnotherCa_RefusesTheHubsCertificate_AndSendsNothing()
    {
        using var otherCa = SelfSigned("CN=Some other CA", ca: true);
        using var client = ExchangeClient.Create(hub.TlsEndpoint, hub.PlatformAKey, new ExchangeClientOptions
        {
            CaCertificate = X509CertificateLoader.LoadCertificate(otherCa.RawData),
            Retry = RetrySettings.None,
        });

        var ex = await Assert.ThrowsAsync<RpcException>(() => new FilingService.FilingServiceClient(client.CallInvoker)
            .ListApplicationsAsync(new ListApplicationsRequest(), deadline: Deadline()).ResponseAsync);

        // grpc-dotnet answers a failed handshake INTERNAL ("Error starting gRPC call"); what matters is why.
        Assert.Contains(Chain(ex), e => e is AuthenticationException);
    }

    [DatabaseFact]
    public async Task APlatformWithABoundClientCertificate_AndNoKey_FilesAnApplication()
    {
        const string platform = "platform-mtls";
        await hub.RegisterAsync("platform", platform, "Platform with a certificate");
        using var certificate = SelfSigned("CN=" + platform, ca: false);
        var binding = await hub.Admin.BindClientCertificateAsync(new BindClientCertificateRequest
        {
            PlatformId = platform,
            Certificate = ByteString.CopyFromUtf8(certificate.ExportCertificatePem()),
        }, hub.AsAdmin);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)), binding.Sha256);

        using var client = ExchangeClient.Create(hub.TlsEndpoint, apiKey: null, new ExchangeClientOptions { CaCertificate = hub.HubCa, ClientCertificate = certificate });
        var filing = new FilingService.FilingServiceClient(client.CallInvoker);
        var receipt = await filing.SubmitApplicationAsync(Requests.MediationDocument("tls-cert-" + Guid.NewGuid().ToString("N")[..8]), deadline: Deadline());

        // The application is the certificate's platform's: its key sees it, another platform's does not.
        var platformKey = await hub.RegisterAsync("platform", platform, "Platform with a certificate");
        var own = await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, HubFixture.As(platformKey));
        Assert.Equal(receipt.ApplicationId, own.Receipt.ApplicationId);
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformA).ResponseAsync);
    }

    [DatabaseFact]
    public async Task AnUnboundClientCertificate_WithoutAKey_IsUnauthenticated()
    {
        using var certificate = SelfSigned("CN=nobody-bound-this", ca: false);
        using var client = ExchangeClient.Create(hub.TlsEndpoint, apiKey: null, new ExchangeClientOptions { CaCertificate = hub.HubCa, ClientCertificate = certificate });

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => new FilingService.FilingServiceClient(client.CallInvoker)
            .ListApplicationsAsync(new ListApplicationsRequest(), deadline: Deadline()).ResponseAsync);
    }

    [DatabaseFact]
    public async Task ARevokedPlatformsCertificate_IsUnauthenticated_AndCannotBeBoundAgain()
    {
        const string platform = "platform-mtls-revoked";
        await hub.RegisterAsync("platform", platform, "Platform revoked");
        using var certificate = SelfSigned("CN=" + platform, ca: false);
        await hub.Admin.BindClientCertificateAsync(new BindClientCertificateRequest { PlatformId = platform, Certificate = ByteString.CopyFrom(certificate.RawData) }, hub.AsAdmin);
        using var client = ExchangeClient.Create(hub.TlsEndpoint, apiKey: null, new ExchangeClientOptions { CaCertificate = hub.HubCa, ClientCertificate = certificate });
        var filing = new FilingService.FilingServiceClient(client.CallInvoker);
        await filing.ListApplicationsAsync(new ListApplicationsRequest(), deadline: Deadline());

        await hub.Admin.RevokePlatformAsync(new RevokePlatformRequest { PlatformId = platform }, hub.AsAdmin);

        // Every gateway is notified and drops its cache: within Revocation.Bound, as for keys.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await filing.ListApplicationsAsync(new ListApplicationsRequest(), deadline: Deadline());
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), "the revoked platform's certificate still worked after 40 s");
                await Task.Delay(TimeSpan.FromMilliseconds(10)); // the measurement's resolution, not a barrier
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
            {
                break;
            }
        }

        Assert.True(clock.Elapsed < Revocation.Bound, $"refused only after {clock.Elapsed}");
        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => hub.Admin.BindClientCertificateAsync(
            new BindClientCertificateRequest { PlatformId = platform, Certificate = ByteString.CopyFrom(certificate.RawData) }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("PLATFORM_REVOKED", status.Info().Reason);
    }

    [DatabaseFact]
    public async Task BindClientCertificate_OfAnotherPlatformsCertificate_IsAlreadyExists_AndGarbageIsInvalidArgument()
    {
        using var certificate = SelfSigned("CN=shared", ca: false);
        var request = new BindClientCertificateRequest { PlatformId = HubFixture.PlatformA, Certificate = ByteString.CopyFrom(certificate.RawData) };
        await hub.Admin.BindClientCertificateAsync(request, hub.AsAdmin);
        // The same binding again answers it unchanged.
        await hub.Admin.BindClientCertificateAsync(request, hub.AsAdmin);

        var status = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => hub.Admin.BindClientCertificateAsync(
            new BindClientCertificateRequest { PlatformId = HubFixture.PlatformB, Certificate = request.Certificate }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("CLIENT_CERTIFICATE_ALREADY_BOUND", status.Info().Reason);

        var invalid = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => hub.Admin.BindClientCertificateAsync(
            new BindClientCertificateRequest { PlatformId = HubFixture.PlatformB, Certificate = ByteString.CopyFromUtf8("not a certificate") }, hub.AsAdmin).ResponseAsync);
        Assert.Contains("certificate", invalid.ViolatedFields());
        Assert.Equal(1, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_client_certificates WHERE subject = 'CN=shared'"));
    }

    [DatabaseFact]
    public async Task OrleansTls_AGatewayWithAnotherClusterCertificate_CannotReachTheSilo()
    {
        // The fixture's silo and gateway talk over Orleans TLS (every test here files through them).
        // A gateway whose certificate the silo does not accept never gets a grain call through.
        var other = Path.Combine(hub.TlsDirectory, "other-cluster.pfx");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        using (var certificate = new CertificateRequest("CN=not-the-cluster", key, HashAlgorithmName.SHA256)
                   .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1)))
        {
            File.WriteAllBytes(other, certificate.Export(X509ContentType.Pkcs12));
        }

        var port = HubProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Exchange"] = hub.Database.ConnectionString,
            ["Exchange__ClusterId"] = hub.ClusterId,
            ["Exchange__Port"] = port.ToString(),
            ["Exchange__Orleans__Tls__CertificateFile"] = other,
        };
        HubProcess gateway;
        try
        {
            gateway = await HubProcess.StartAsync("Exchange.Gateway", environment, "Exchange gateway ready", TimeSpan.FromSeconds(45));
        }
        catch (Exception refused) when (refused is TimeoutException or InvalidOperationException)
        {
            // Its cluster client cannot connect at start: each handshake with the silo is refused.
            Assert.Contains("The remote certificate was rejected", refused.Message, StringComparison.Ordinal);
            return;
        }

        await using var started = gateway;
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var ex = await Assert.ThrowsAsync<RpcException>(() => new FilingService.FilingServiceClient(channel).SubmitApplicationAsync(
            Requests.MediationDocument("tls-orleans-" + Guid.NewGuid().ToString("N")[..8]), hub.AsPlatformA).ResponseAsync);
        Assert.Contains(ex.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Unknown, StatusCode.DeadlineExceeded });
    }

    [DatabaseFact]
    public async Task TheCleartextPort_StillServesLoopbackCallers()
    {
        var answer = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest(), hub.AsPlatformA);
        Assert.NotNull(answer);
    }

    private static IEnumerable<Exception> Chain(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            yield return ex;
        }
    }

    /// <summary>A self-signed certificate with its key: a CA, or a client certificate.</summary>
    private static X509Certificate2 SelfSigned(string subject, bool ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        if (!ca)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
    }
}
