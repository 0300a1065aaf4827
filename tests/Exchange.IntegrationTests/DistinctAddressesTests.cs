using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Npgsql;

namespace Exchange.IntegrationTests;

/// <summary>
/// A hub laid out as on several machines: each process on an address of its own (Linux routes all of
/// 127/8 to the loopback interface, so 127.0.0.2–4 stand for three machines). Silo A is on 127.0.0.2
/// and the gateway on 127.0.0.4; the test adds silo B on 127.0.0.3 with the same ports as A, which
/// only works if each silo binds the address it was given.
/// </summary>
public sealed class DistinctAddressesHubFixture : HubFixture
{
    public const string SiloA = "127.0.0.2";
    public const string SiloB = "127.0.0.3";

    protected override string GatewayAddress => "127.0.0.4";

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } =
        new Dictionary<string, string> { ["Exchange__SiloAddress"] = SiloA };
}

public sealed class DistinctAddressesTests(DistinctAddressesHubFixture hub) : IClassFixture<DistinctAddressesHubFixture>
{
    [DatabaseFact]
    public async Task TwoSilosAndAGatewayOnDistinctAddresses_FormOneCluster_AndServeApplications()
    {
        var environment = hub.SiloEnvironment();
        environment["Exchange__SiloAddress"] = DistinctAddressesHubFixture.SiloB;
        await using var siloB = await HubProcess.StartAsync("Exchange.Silo", environment, "Exchange silo ready", HubFixture.StartTimeout);

        var active = await Probe.UntilAsync(ActiveSilosAsync, a => a.Count == 2, TimeSpan.FromSeconds(60));
        Assert.Equal([DistinctAddressesHubFixture.SiloA, DistinctAddressesHubFixture.SiloB], active.Select(a => a.Address).Order());
        Assert.Single(active.Select(a => a.Port).Distinct());

        // Enough applications that both silos activate some (placement is random).
        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation($"addr-{Guid.NewGuid():N}"[..20]), hub.AsPlatformA).ResponseAsync));
        foreach (var receipt in receipts)
        {
            var application = await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformA);
            Assert.Equal(receipt, application.Receipt);
        }

        Assert.Equal(2, (await ActiveSilosAsync()).Count);
    }

    /// <summary>The silos Orleans lists as active (status 3) in the cluster's membership table.</summary>
    private async Task<List<(string Address, int Port)>> ActiveSilosAsync()
    {
        await using var command = hub.Database.DataSource.CreateCommand(
            "SELECT address, port FROM orleans_membership WHERE deployment_id = $1 AND status = 3");
        command.Parameters.Add(new NpgsqlParameter { Value = hub.ClusterId });
        await using var reader = await command.ExecuteReaderAsync();
        var silos = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            silos.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return silos;
    }
}
