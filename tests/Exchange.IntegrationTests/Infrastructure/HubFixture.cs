using Exchange.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>
/// A whole hub for a group of tests: its own PostgreSQL database, a real silo process and a real
/// gateway process, reached through a real gRPC channel; plus credentials for two platforms and a court.
/// </summary>
public class HubFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>The silo process; with <see cref="CoHosted"/>, the host process that runs silo and gateway.</summary>
    public HubProcess Silo { get; private set; } = null!;

    /// <summary>The gateway process; null when the gateway is co-hosted with the silo (Exchange.Host).</summary>
    public HubProcess? Gateway { get; private set; }

    public GrpcChannel Channel { get; private set; } = null!;

    public string PlatformAKey { get; private set; } = "";

    public string PlatformBKey { get; private set; } = "";

    public string CourtKey { get; private set; } = "";

    /// <summary>The admin key the fixture bootstrapped.</summary>
    public string AdminKey { get; private set; } = "";

    public const string PlatformA = "platform-a";
    public const string PlatformB = "platform-b";
    public const string Court = "新0102";

    protected int SiloPort { get; } = HubProcess.FreePort();

    protected int SiloGatewayPort { get; } = HubProcess.FreePort();

    public int GatewayPort { get; } = HubProcess.FreePort();

    public string ClusterId { get; } = "it-" + Guid.NewGuid().ToString("N")[..8];

    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    public async Task InitializeAsync()
    {
        // Every test of a hub is skipped then (DatabaseFact): start nothing.
        if (TestPostgres.SkipReason is null)
        {
            await StartAsync();
        }
    }

    /// <summary>Creates the database, starts the processes and registers the credentials.</summary>
    protected virtual async Task StartAsync()
    {
        Database = await CreateDatabaseAsync();
        await StartSiloAsync();
        await StartGatewayAsync();
        Channel = GrpcChannel.ForAddress($"http://{GatewayAddress}:{GatewayPort}");
        AdminKey = await BootstrapAsync();
        PlatformAKey = await RegisterAsync("platform", PlatformA, "Platform A");
        PlatformBKey = await RegisterAsync("platform", PlatformB, "Platform B");
        CourtKey = await RegisterAsync("court", Court, "天山区人民法院 立案庭");
    }

    /// <summary>True: silo and gateway run in one process (Exchange.Host) instead of two.</summary>
    protected virtual bool CoHosted => false;

    /// <summary>The address the gRPC gateway listens on (Exchange:ListenAddress).</summary>
    protected virtual string GatewayAddress => "127.0.0.1";

    public async Task StartSiloAsync()
    {
        var environment = SiloEnvironment();
        if (CoHosted)
        {
            environment["Exchange__Port"] = GatewayPort.ToString();
        }

        Silo = CoHosted
            ? await HubProcess.StartAsync("Exchange.Host", environment, "Exchange gateway ready", StartTimeout)
            : await HubProcess.StartAsync("Exchange.Silo", environment, "Exchange silo ready", StartTimeout);
    }

    /// <summary>The settings of a silo of this hub's cluster.</summary>
    public Dictionary<string, string> SiloEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Exchange"] = Database.ConnectionString,
            ["Exchange__ClusterId"] = ClusterId,
            ["Exchange__SiloPort"] = SiloPort.ToString(),
            ["Exchange__GatewayPort"] = SiloGatewayPort.ToString(),
        };
        foreach (var (key, value) in ExtraEnvironment)
        {
            environment[key] = value;
        }

        return environment;
    }

    public async Task StartGatewayAsync()
    {
        if (CoHosted)
        {
            return;
        }

        Gateway = await StartGatewayProcessAsync();
    }

    /// <summary>A gateway process of this hub's cluster on <paramref name="port"/> (default: <see cref="GatewayPort"/>), with <paramref name="settings"/> over the fixture's.</summary>
    public async Task<HubProcess> StartGatewayProcessAsync(int? port = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(ExtraEnvironment)
        {
            ["ConnectionStrings__Exchange"] = Database.ConnectionString,
            ["Exchange__ClusterId"] = ClusterId,
            ["Exchange__Port"] = (port ?? GatewayPort).ToString(),
            ["Exchange__ListenAddress"] = GatewayAddress,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return await HubProcess.StartAsync("Exchange.Gateway", environment, "Exchange gateway ready", StartTimeout);
    }

    /// <summary>Settings given to both silo and gateway processes (e.g. a shifted clock for deadline tests).</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>
    /// Registers a principal through the AdminService, as the CLI's admin commands do, and returns
    /// its new key: a platform (another key when it is registered already) or a court.
    /// </summary>
    public async Task<string> RegisterAsync(string kind, string id, string name)
    {
        if (kind != "platform")
        {
            return (await Admin.RegisterCourtAsync(new RegisterCourtRequest { CourtCode = id, DisplayName = name }, AsAdmin)).ApiKey;
        }

        try
        {
            return (await Admin.RegisterPlatformAsync(new RegisterPlatformRequest { PlatformId = id, DisplayName = name }, AsAdmin)).IssuedKey.ApiKey;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            return (await Admin.IssueKeyAsync(
                new IssueKeyRequest { PrincipalKind = PrincipalKind.Platform, PrincipalId = id, DisplayName = name }, AsAdmin)).ApiKey;
        }
    }

    /// <summary>The hub's first admin key, from the unauthenticated Bootstrap (the test runs on the gateway's machine).</summary>
    protected virtual async Task<string> BootstrapAsync() =>
        (await Admin.BootstrapAsync(new BootstrapRequest { DisplayName = "test operators" }, deadline: DateTime.UtcNow.AddSeconds(30))).ApiKey;

    public AdminService.AdminServiceClient Admin => new(Channel);

    public CallOptions AsAdmin => As(AdminKey);

    public FilingService.FilingServiceClient Filing => new(Channel);

    public static CallOptions As(string key, TimeSpan? deadline = null) =>
        new(new Metadata { { "authorization", "Bearer " + key } }, DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(30)));

    public CallOptions AsPlatformA => As(PlatformAKey);

    public CallOptions AsPlatformB => As(PlatformBKey);

    public virtual async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<HubFixture>
{
    public const string Name = "hub";
}
