using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Gateway.Callbacks;
using Exchange.Gateway.Auth;
using Exchange.Gateway.CourtConsole;
using Exchange.Gateway.Errors;
using Exchange.Gateway.Feed;
using Exchange.Gateway.Health;
using Exchange.Gateway.Limits;
using Exchange.Gateway.ReadModel;
using Exchange.Storage.ReadModel;
using Exchange.Gateway.Services;
using Exchange.Gateway.Telemetry;
using Exchange.Storage.Admin;
using Exchange.Storage.Courts;
using Exchange.Storage.Feed;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Exchange.Gateway.Hosting;

public static class GatewayHostingExtensions
{
    /// <summary>
    /// Adds the gRPC gateway. <paramref name="inSilo"/>: co-hosted in a silo process, which already
    /// provides the cluster client, instead of joining the cluster as an Orleans client. Its settings
    /// (<see cref="GatewaySettings"/>) are read when the host starts, after they are checked.
    /// </summary>
    public static WebApplicationBuilder AddExchangeGateway(this WebApplicationBuilder builder, bool inSilo = false)
    {
        GatewaySettings.Register(builder);
        builder.AddExchangeGatewayTelemetry(inSilo ? "exchange-host" : "exchange-gateway");
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewaySettings>>((kestrel, settings) =>
        {
            // Cleartext HTTP/2 (h2c) on loopback only; TLS on any other address (Exchange:Tls).
            Tls.GatewayTls.Listen(kestrel, settings.Value);
        });

        if (!inSilo)
        {
            AddOrleansClient(builder);
        }

        // TryAdd: in a silo these are already there, configured by the silo.
        // Replace, not TryAdd: the Orleans client registers the system clock, and a test's shifted
        // clock (Exchange:ClockFile) must reach the docket's deadline states too.
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton(sp => Exchange.Abstractions.ShiftedClock.For(Settings(sp).ClockFile));
        builder.Services.TryAddSingleton(sp => NpgsqlDataSource.Create(Settings(sp).ConnectionString));
        builder.Services.AddCourtDirectory();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<CredentialStore>();
        builder.Services.AddSingleton<CredentialChanges>();
        builder.Services.AddSingleton<AdminStore>();
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        builder.Services.AddSingleton<RefusedAuthenticationLog>();
        builder.Services.AddHostedService<CredentialChangeListener>();
        builder.Services.AddHostedService<BootstrapKeyFile>();
        builder.Services.AddSingleton<ApplicationListing>();
        builder.Services.AddSingleton<Docket>();
        builder.Services.AddSingleton<HistoryReader>();
        builder.Services.AddSingleton<CourtStatisticsReader>();
        builder.Services.AddSingleton<ApplicationResponseCache>();
        builder.Services.AddSingleton<FeedStore>();
        builder.Services.AddSingleton<FeedTokens>();
        builder.Services.AddSingleton<FeedSignal>();
        builder.Services.AddSingleton<UpdateFeed>();
        builder.Services.AddHostedService<FeedSignalListener>();
        builder.Services.AddExchangeCallbacks(builder.Configuration);
        builder.Services.AddSingleton<CourtOffice>();
        builder.Services.AddSingleton<Exchange.Storage.Officers.OfficerStore>();

        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<ErrorMappingInterceptor>();
            // A request larger than this is refused with RESOURCE_EXHAUSTED before it is read.
            o.MaxReceiveMessageSize = 4 * 1024 * 1024;
        }).AddServiceOptions<FilingGrpcService>(AuthenticateThenCheckText)
          .AddServiceOptions<CourtGrpcService>(AuthenticateThenCheckText)
          .AddServiceOptions<AdminGrpcService>(AuthenticateThenCheckText);
        builder.Services.AddSingleton<AuthenticationInterceptor>();
        builder.Services.AddSingleton<RequestTextInterceptor>();
        builder.Services.AddSingleton<ErrorMappingInterceptor>();
        builder.Services.AddGrpcReflection();
        builder.AddCourtConsole();

        builder.Services.AddGrpcHealthChecks(o =>
            {
                // One service name for the whole hub, plus the empty name ("" = overall) that load balancers ask for.
                o.Services.Map("", _ => true);
                o.Services.Map("exchange.v1.FilingService", _ => true);
            })
            .AddNpgSql(sp => Settings(sp).ConnectionString, name: "postgresql", timeout: TimeSpan.FromSeconds(3))
            .AddCheck<ClusterHealthCheck>("orleans-cluster");
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            // The gRPC health service reports what the last publication saw: publish often.
            o.Delay = TimeSpan.Zero;
            o.Period = TimeSpan.FromSeconds(2);
            o.Timeout = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddExchangeRateLimits(builder.Configuration);
        CheckedMessages.Register(builder.Services);
        return builder;
    }

    // Authentication first: an unknown caller learns nothing about its request's text.
    private static void AuthenticateThenCheckText<TService>(GrpcServiceOptions<TService> o)
        where TService : class
    {
        o.Interceptors.Add<AuthenticationInterceptor>();
        o.Interceptors.Add<RequestTextInterceptor>();
    }

    private static GatewaySettings Settings(IServiceProvider services) => services.GetRequiredService<IOptions<GatewaySettings>>().Value;

    private static void AddOrleansClient(WebApplicationBuilder builder)
    {
        builder.UseOrleansClient(client =>
        {
            client.Services.AddOptions<ClusterOptions>().Configure<IOptions<GatewaySettings>>((o, settings) =>
            {
                o.ClusterId = settings.Value.ClusterId;
                o.ServiceId = settings.Value.ServiceId;
            });
            client.UseAdoNetClustering(options => options.Configure<IOptions<GatewaySettings>>((o, settings) =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = settings.Value.ConnectionString;
            }));
            // Find a restarted silo quickly.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            // The client reads this type, not the abstract MessagingOptions (which went unread: 30 s).
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = Abstractions.GrainCalls.ResponseTimeout);
            // Silos on other machines: TLS towards them when Exchange:Orleans:Tls is set.
            client.UseExchangeTls(builder.Configuration);
            // Traces continue from the gRPC call into the grain.
            client.AddActivityPropagation();
            if (GatewayTelemetry.Dashboard(builder.Configuration))
            {
                client.AddDashboard();
            }
        });
    }

    public static WebApplication MapExchangeGateway(this WebApplication app)
    {
        // First: it counts every call with the status the caller got, refusals before the body included.
        app.UseMiddleware<RpcMetricsMiddleware>();
        app.MapExchangeGatewayTelemetry();
        // Before the gRPC endpoint reads the body: who calls, then whether they may call now.
        app.UseMiddleware<AuthenticationMiddleware>();
        app.UseRateLimiter();
        app.MapGrpcService<FilingGrpcService>();
        app.MapGrpcService<CourtGrpcService>();
        app.MapGrpcService<AdminGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapCourtConsole();
        return app;
    }
}
