using Exchange.Domain;
using Exchange.Gateway.Auth;
using Exchange.Gateway.Errors;
using Exchange.Gateway.Health;
using Exchange.Gateway.ReadModel;
using Exchange.Gateway.Services;
using Exchange.Storage.Admin;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.Configuration;

namespace Exchange.Gateway.Hosting;

/// <summary>Settings of a gateway, read from configuration ("Exchange" section, "ConnectionStrings:Exchange").</summary>
public sealed record GatewaySettings(string ConnectionString, string ClusterId, string ServiceId, string ListenAddress, int Port)
{
    public static GatewaySettings From(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Exchange");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:Exchange is not set (environment variable ConnectionStrings__Exchange).");
        }

        var section = configuration.GetSection("Exchange");
        return new GatewaySettings(connectionString, section["ClusterId"] ?? "exchange", section["ServiceId"] ?? "exchange",
            section["ListenAddress"] ?? "127.0.0.1", section.GetValue("Port", 5180));
    }
}

public static class GatewayHostingExtensions
{
    /// <summary>
    /// Adds the gRPC gateway. <paramref name="inSilo"/>: co-hosted in a silo process, which already
    /// provides the cluster client, instead of joining the cluster as an Orleans client.
    /// </summary>
    public static WebApplicationBuilder AddExchangeGateway(this WebApplicationBuilder builder, GatewaySettings settings, bool inSilo = false)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Cleartext HTTP/2 (h2c) on loopback by default; put TLS in front, or configure Kestrel's
            // HTTPS endpoints, for anything beyond this machine.
            kestrel.Listen(System.Net.IPAddress.Parse(settings.ListenAddress), settings.Port, o => o.Protocols = HttpProtocols.Http2);
        });

        if (!inSilo)
        {
            AddOrleansClient(builder, settings);
        }

        // TryAdd: in a silo these are already there, configured by the silo.
        // Replace, not TryAdd: the Orleans client registers the system clock, and a test's shifted
        // clock (Exchange:ClockFile) must reach the docket's deadline states too.
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton(Exchange.Abstractions.ShiftedClock.For(builder.Configuration["Exchange:ClockFile"]));
        builder.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(settings.ConnectionString));
        builder.Services.TryAddSingleton(_ => CourtRegistry.LoadSample());
        builder.Services.TryAddSingleton(_ => HolidayCalendar.LoadEmbedded());
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<CredentialStore>();
        builder.Services.AddSingleton<CredentialChanges>();
        builder.Services.AddSingleton<AdminStore>();
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        builder.Services.AddHostedService<CredentialChangeListener>();
        builder.Services.AddHostedService<BootstrapKeyFile>();
        builder.Services.AddSingleton<ApplicationListing>();
        builder.Services.AddSingleton<Docket>();
        builder.Services.AddSingleton<HistoryReader>();
        builder.Services.AddSingleton<CourtStatisticsReader>();
        builder.Services.AddSingleton<ApplicationResponseCache>();

        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<ErrorMappingInterceptor>();
            // A request larger than this is refused with RESOURCE_EXHAUSTED before it is read.
            o.MaxReceiveMessageSize = 4 * 1024 * 1024;
        }).AddServiceOptions<FilingGrpcService>(o => o.Interceptors.Add<AuthenticationInterceptor>())
          .AddServiceOptions<CourtGrpcService>(o => o.Interceptors.Add<AuthenticationInterceptor>())
          .AddServiceOptions<AdminGrpcService>(o => o.Interceptors.Add<AuthenticationInterceptor>());
        builder.Services.AddSingleton<AuthenticationInterceptor>();
        builder.Services.AddSingleton<ErrorMappingInterceptor>();
        builder.Services.AddGrpcReflection();

        builder.Services.AddGrpcHealthChecks(o =>
            {
                // One service name for the whole hub, plus the empty name ("" = overall) that load balancers ask for.
                o.Services.Map("", _ => true);
                o.Services.Map("exchange.v1.FilingService", _ => true);
            })
            .AddNpgSql(settings.ConnectionString, name: "postgresql", timeout: TimeSpan.FromSeconds(3))
            .AddCheck<ClusterHealthCheck>("orleans-cluster");
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            // The gRPC health service reports what the last publication saw: publish often.
            o.Delay = TimeSpan.Zero;
            o.Period = TimeSpan.FromSeconds(2);
            o.Timeout = TimeSpan.FromSeconds(5);
        });
        return builder;
    }

    private static void AddOrleansClient(WebApplicationBuilder builder, GatewaySettings settings)
    {
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = settings.ConnectionString;
            });
            // Find a restarted silo quickly.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            // Above the largest deadline a platform should set (see README), so that the gateway answers
            // with the grain's outcome rather than its own timeout.
            client.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(60));
        });
    }

    public static WebApplication MapExchangeGateway(this WebApplication app)
    {
        app.MapGrpcService<FilingGrpcService>();
        app.MapGrpcService<CourtGrpcService>();
        app.MapGrpcService<AdminGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
