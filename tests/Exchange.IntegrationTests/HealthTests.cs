using System.Diagnostics;
using Exchange.IntegrationTests.Infrastructure;
using Grpc.Health.V1;
using Npgsql;
using Xunit;

namespace Exchange.IntegrationTests;

/// <summary>
/// A hub on a PostgreSQL server of its own (started with the project's scripts/pg.sh), because the
/// test stops that server.
/// </summary>
public sealed class OwnPostgresHubFixture : HubFixture
{
    private string dataFolder = "";

    public int PostgresPort { get; } = HubProcess.FreePort();

    /// <summary>The server's data folder (scripts/pg.sh's layout: the cluster in db/).</summary>
    public string DataFolder => dataFolder;

    protected override async Task<TestDatabase> CreateDatabaseAsync()
    {
        var work = Environment.GetEnvironmentVariable("EXCHANGE_TEST_WORK") ?? Path.GetTempPath();
        dataFolder = Path.Combine(work, "pg-health-" + Guid.NewGuid().ToString("N")[..6]);
        await PostgresAsync("start", dataFolder, PostgresPort.ToString());
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Port = PostgresPort, Database = "exchange" };
        return await TestDatabase.CreateAsync(server.ConnectionString);
    }

    public Task StopPostgresAsync() => PostgresAsync("stop", dataFolder);

    public Task StartPostgresAsync() => PostgresAsync("start", dataFolder, PostgresPort.ToString());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (dataFolder != "")
        {
            await PostgresAsync("stop", dataFolder);
        }
    }

    private static async Task PostgresAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(SolutionPaths.Root, "scripts", "pg.sh"), args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/pg.sh {string.Join(' ', args)} failed: {await stderr}");
        }
    }
}

public sealed class HealthTests(OwnPostgresHubFixture hub) : IClassFixture<OwnPostgresHubFixture>
{
    [DatabaseFact]
    public async Task Health_WhilePostgreSqlIsStopped_IsNotServing_AndServingAgainOnceItIsBack()
    {
        var client = new Health.HealthClient(hub.Channel);
        static bool Is(HealthCheckResponse r, HealthCheckResponse.Types.ServingStatus s) => r.Status == s;
        Task<HealthCheckResponse> Check() => client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync;

        await Probe.UntilAsync(Check, r => Is(r, HealthCheckResponse.Types.ServingStatus.Serving), TimeSpan.FromSeconds(30));

        await hub.StopPostgresAsync();
        var down = await Probe.UntilAsync(Check, r => Is(r, HealthCheckResponse.Types.ServingStatus.NotServing), TimeSpan.FromSeconds(30));

        await hub.StartPostgresAsync();
        var up = await Probe.UntilAsync(Check, r => Is(r, HealthCheckResponse.Types.ServingStatus.Serving), TimeSpan.FromSeconds(60));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, down.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, up.Status);
    }
}
