using Exchange.IntegrationTests.Infrastructure;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Xunit;

namespace Exchange.IntegrationTests;

/// <summary>Tools (grpcurl, Postman) and load balancers find their way without credentials.</summary>
[Collection(HubCollection.Name)]
public sealed class DiscoveryTests(HubFixture hub)
{
    [DatabaseFact]
    public async Task Reflection_ListsTheExchangeServices()
    {
        var client = new ServerReflection.ServerReflectionClient(hub.Channel);
        using var call = client.ServerReflectionInfo(deadline: DateTime.UtcNow.AddSeconds(30));

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("exchange.v1.FilingService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [DatabaseFact]
    public async Task Health_WithPostgreSqlAndClusterUp_IsServing()
    {
        var client = new Health.HealthClient(hub.Channel);

        var overall = await Probe.UntilAsync(() => client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync,
            r => r.Status == HealthCheckResponse.Types.ServingStatus.Serving, TimeSpan.FromSeconds(30));
        var filing = await client.CheckAsync(new HealthCheckRequest { Service = "exchange.v1.FilingService" }, deadline: DateTime.UtcNow.AddSeconds(10));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, filing.Status);
    }
}
