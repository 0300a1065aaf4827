using System.Security.Cryptography;
using System.Text;
using Exchange.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;

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

    public const string PlatformA = "platform-a";
    public const string PlatformB = "platform-b";
    public const string Court = "新0102";

    protected int SiloPort { get; } = HubProcess.FreePort();

    protected int SiloGatewayPort { get; } = HubProcess.FreePort();

    public int GatewayPort { get; } = HubProcess.FreePort();

    public string ClusterId { get; } = "it-" + Guid.NewGuid().ToString("N")[..8];

    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    public virtual async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await StartSiloAsync();
        await StartGatewayAsync();
        Channel = GrpcChannel.ForAddress($"http://{GatewayAddress}:{GatewayPort}");
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

    private async Task<HubProcess> StartGatewayProcessAsync()
    {
        var environment = new Dictionary<string, string>(ExtraEnvironment)
        {
            ["ConnectionStrings__Exchange"] = Database.ConnectionString,
            ["Exchange__ClusterId"] = ClusterId,
            ["Exchange__Port"] = GatewayPort.ToString(),
            ["Exchange__ListenAddress"] = GatewayAddress,
        };
        return await HubProcess.StartAsync("Exchange.Gateway", environment, "Exchange gateway ready", StartTimeout);
    }

    /// <summary>Settings given to both silo and gateway processes (e.g. a shifted clock for deadline tests).</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>Registers a principal the way the CLI's admin commands do, and returns its new key.</summary>
    public async Task<string> RegisterAsync(string kind, string id, string name)
    {
        var key = "exk_test_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        if (kind == "platform")
        {
            await using var platform = Database.DataSource.CreateCommand(
                "INSERT INTO exchange_platforms (platform_id, display_name) VALUES ($1, $2) ON CONFLICT DO NOTHING");
            platform.Parameters.Add(new NpgsqlParameter { Value = id });
            platform.Parameters.Add(new NpgsqlParameter { Value = name });
            await platform.ExecuteNonQueryAsync();
        }

        await using var credential = Database.DataSource.CreateCommand(
            "INSERT INTO exchange_credentials (key_hash, key_prefix, principal_kind, principal_id, display_name) VALUES ($1, $2, $3, $4, $5)");
        credential.Parameters.Add(new NpgsqlParameter { Value = SHA256.HashData(Encoding.UTF8.GetBytes(key)) });
        credential.Parameters.Add(new NpgsqlParameter { Value = key[..12] });
        credential.Parameters.Add(new NpgsqlParameter { Value = kind });
        credential.Parameters.Add(new NpgsqlParameter { Value = id });
        credential.Parameters.Add(new NpgsqlParameter { Value = name });
        await credential.ExecuteNonQueryAsync();
        return key;
    }

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
