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
        // The legal clock (receipt checks, the docket's deadline states) apart from the unkeyed
        // TimeProvider, which the Orleans client and the call deadlines keep on the system clock.
        builder.Services.TryAddKeyedSingleton<TimeProvider>(Exchange.Abstractions.ShiftedClock.LegalClock, (sp, _) => Exchange.Abstractions.ShiftedClock.For(Settings(sp).ClockFile));
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
        builder.Services.TryAddSingleton<Exchange.Storage.Applications.AttachmentUploads>();
        builder.Services.AddSingleton<AttachmentTransfers>();
        builder.Services.AddSingleton<CourtStatisticsReader>();
        builder.Services.AddSingleton<ApplicationResponseCache>();
        // Also registered by the silo when co-hosted: one store either way.
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<Exchange.Storage.Documents.DocumentStore>(builder.Services);
        builder.Services.AddSingleton<DocumentDownloads>();
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
                // Check and Watch answer at once from the last publication: a prober with a short
                // deadline reads NOT_SERVING during an outage instead of waiting for the checks'
                // timeouts (3.1 s per call measured when each call ran them), and probers cannot
                // multiply the checks' queries.
                o.UseHealthChecksCache = true;
            })
            .AddCheck<StoreHealthCheck>("postgresql")
            .AddCheck<ClusterHealthCheck>("orleans-cluster");
        // One instance (and pool) for every round: AddCheck takes a registered service.
        builder.Services.AddSingleton(sp => new StoreHealthCheck(StoreHealthCheck.CreateProbes(Settings(sp).ConnectionString)));
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.Zero;
            o.Period = HealthPublication.Period;
            o.Timeout = HealthPublication.Timeout;
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
            // A call in flight through a silo whose connection closed (a killed silo) fails at once
            // instead of after the response timeout.
            client.Services.AddSingleton<SiloConnectionLoss>();
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<SiloConnectionLoss>());
            client.AddOutgoingGrainCallFilter<FailCallsOnSiloConnectionLoss>();
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
        app.MapGrpcService<DirectoryGrpcService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapCourtConsole();
        return app;
    }
}
