using Exchange.IntegrationTests.Infrastructure;
using Exchange.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace Exchange.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process silo configured as the silo process configures itself (AddExchangeSilo: its ADO.NET
/// grain storage and reminders, services, filters and clock), on a database of its own on the test
/// PostgreSQL, with the schema installed as the silo installs it. Only membership and transport are
/// TestingHost's own (in memory): nothing here tests clustering, and the cluster starts in seconds.
/// </summary>
public class GrainCluster : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The hub's clock is shifted by the seconds this file holds (Exchange:ClockFile); none: real time.</summary>
    public string ClockFile { get; } = Path.Combine(Path.GetTempPath(), "exchange-grains-clock-" + Guid.NewGuid().ToString("N"));

    /// <summary>How often the deadline watcher's reminder ticks (Exchange:Deadlines:CheckPeriod).</summary>
    protected virtual TimeSpan DeadlineCheckPeriod => TimeSpan.FromMinutes(1);

    public async Task InitializeAsync()
    {
        // Every test here is skipped then (DatabaseFact): start nothing.
        if (TestPostgres.SkipReason is not null)
        {
            return;
        }

        Database = await TestDatabase.CreateAsync();
        await Schema.InstallAsync(Database);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((silo, host) =>
        {
            // The environment in which a silo honours Exchange:ClockFile.
            host.Environment.EnvironmentName = "Testing";
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Exchange"] = Database.ConnectionString,
                ["Exchange:SiloPort"] = silo.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Exchange:GatewayPort"] = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Exchange:ClockFile"] = ClockFile,
                ["Exchange:Deadlines:CheckPeriod"] = DeadlineCheckPeriod.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            });
            host.AddExchangeSilo();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Moves the hub's clock by <paramref name="offset"/> from real time (zero: back to real time).</summary>
    public void ShiftClock(TimeSpan offset) =>
        File.WriteAllText(ClockFile, offset.TotalSeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        File.Delete(ClockFile);
    }
}
