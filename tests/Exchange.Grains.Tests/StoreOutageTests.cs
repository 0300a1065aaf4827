using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Grains.Tests.Infrastructure;
using Exchange.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Exchange.Grains.Tests;

/// <summary>A cluster of its own: its test closes the database to new connections.</summary>
public sealed class StoreOutageCluster : GrainCluster;

/// <summary>A write the store cannot take: what the caller is told, and what is left behind.</summary>
public sealed class StoreOutageTests(StoreOutageCluster hub) : IClassFixture<StoreOutageCluster>
{
    /// <summary>
    /// The database refuses new connections while a court accepts an application whose activation
    /// holds it in memory: the caller gets a BackendFailureException that says nothing was done
    /// (no connection could be made), the store is unchanged row for row, and once the database is
    /// back the application is read as stored (still RECEIVED), not as the failed act left it in memory.
    /// </summary>
    [DatabaseFact]
    public async Task AWriteTheStoreCannotTake_IsABackendFailureThatChangedNothing_AndTheApplicationStaysAsStored()
    {
        var grain = await hub.FileAsync();
        var before = await grain.GetAsync(Drafts.Court);
        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);

        BackendFailureException failure;
        await SetConnectionsAllowedAsync(false);
        try
        {
            failure = await Assert.ThrowsAsync<BackendFailureException>(() => grain.ActAsync(Drafts.Court, Drafts.Accept()));
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
        }

        Assert.False(failure.OutcomeUnknown, failure.Message);
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
        var after = await grain.GetAsync(Drafts.Court);
        Assert.Equal(ApplicationStatus.Received, after!.Status);
        Assert.Equal(before!.Version, after.Version);
        Assert.Null(after.CaseNumber);

        // Nothing of the failed act lingers: the same act now is done, once.
        Assert.Equal(CommandResultKind.Done, (await grain.ActAsync(Drafts.Court, Drafts.Accept())).Kind);
        Assert.Equal(2, (await hub.Database.HistoryAsync(grain)).Count);
    }

    /// <summary>
    /// Closes (or opens) the test database to new connections and drops this process's idle ones
    /// (the silo runs in it, and the application store's data source's too): the next statement must connect, and cannot. The test's own
    /// connection (TestDatabase's data source) keeps its open one.
    /// </summary>
    private async Task SetConnectionsAllowedAsync(bool allowed)
    {
        await using (var server = new NpgsqlConnection(TestDatabase.ServerConnectionString))
        {
            await server.OpenAsync();
            // The name is the fixture's own (exchange_it_ and hex digits), never input.
            await using var alter = new NpgsqlCommand($"ALTER DATABASE {hub.Database.Name} ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", server);
            await alter.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        // The silo's own data source (the application store's connections) has a pool of its own.
        foreach (var silo in hub.Cluster.Silos)
        {
            silo.ServiceProvider.GetRequiredService<NpgsqlDataSource>().Clear();
        }
    }
}
