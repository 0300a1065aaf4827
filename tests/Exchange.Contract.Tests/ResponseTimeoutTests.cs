using Exchange.Abstractions;
using Exchange.Gateway.Hosting;
using Exchange.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Exchange.Contract.Tests;

/// <summary>
/// The grain response timeout as Orleans reads it, in both hosting modes: the separate gateway's
/// client reads ClientMessagingOptions, a silo (and the gateway co-hosted in it, which uses the
/// silo's client) SiloMessagingOptions. Setting the abstract MessagingOptions, as the gateway once
/// did, left both at Orleans' 30 s.
/// </summary>
public sealed class ResponseTimeoutTests
{
    private const string Connection = "Host=127.0.0.1;Port=1;Username=postgres;Database=unused";

    [Fact]
    public void ResponseTimeout_IsAboveTheLargestDeadlineTheContractTellsPlatformsToSet() =>
        Assert.True(GrainCalls.ResponseTimeout > TimeSpan.FromSeconds(30));

    [Fact]
    public void SeparateGateway_ItsClusterClientWaits60Seconds()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Exchange"] = Connection;
        builder.AddExchangeGateway();
        using var app = builder.Build();

        Assert.Equal(GrainCalls.ResponseTimeout, app.Services.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout);
        Assert.Equal(GrainCalls.ResponseTimeout, RuntimeClientTimeout(app.Services));
    }

    [Fact]
    public void GatewayCoHostedInTheSilo_TheSilosClientWaits60Seconds()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Exchange"] = Connection;
        builder.AddExchangeSilo();
        builder.AddExchangeGateway(inSilo: true);
        using var app = builder.Build();

        Assert.Equal(GrainCalls.ResponseTimeout, app.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout);
        Assert.Equal(GrainCalls.ResponseTimeout, RuntimeClientTimeout(app.Services));
    }

    /// <summary>
    /// What the grain references actually use: the runtime client's GetResponseTimeout (an internal
    /// Orleans interface, read by reflection because nothing public exposes it).
    /// </summary>
    private static TimeSpan RuntimeClientTimeout(IServiceProvider services)
    {
        var type = typeof(IClusterClient).Assembly.GetType("Orleans.Runtime.IRuntimeClient", throwOnError: true)!;
        var client = services.GetRequiredService(type);
        return (TimeSpan)type.GetMethod("GetResponseTimeout")!.Invoke(client, null)!;
    }
}
