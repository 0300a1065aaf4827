using System.Net;
using Exchange.Abstractions;
using Exchange.Abstractions.Telemetry;
using Exchange.Domain;
using Exchange.Silo.Grains;
using Exchange.Silo.Storage;
using Exchange.Storage.Applications;
using Exchange.Storage.Courts;
using Exchange.Storage.Feed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Exchange.Silo.Hosting;

public static class SiloHostingExtensions
{
    private const string Invariant = "Npgsql";

    /// <summary>
    /// Adds the Orleans silo with PostgreSQL clustering, grain storage and reminders. Its settings
    /// (<see cref="SiloSettings"/>) are read when the host starts, after they are checked.
    /// </summary>
    public static IHostApplicationBuilder AddExchangeSilo(this IHostApplicationBuilder builder)
    {
        SiloSettings.Register(builder);
        builder.Services.Configure<DeadlineOptions>(builder.Configuration.GetSection("Exchange:Deadlines"));
        builder.Services.AddSingleton(sp => NpgsqlDataSource.Create(Settings(sp).DataConnectionString));
        // Before UseOrleans: loaded from the database before the silo takes its first call.
        builder.Services.AddCourtDirectory();
        builder.Services.AddSingleton<AttachmentContentStore>();
        builder.Services.TryAddSingleton<AttachmentUploads>();
        builder.Services.AddSingleton<Exchange.Storage.Documents.DocumentStore>();
        builder.Services.AddSingleton<Exchange.Silo.Documents.DocumentRenderer>();
        builder.Services.AddHostedService<Exchange.Silo.Documents.DocumentWarmup>();
        builder.Services.AddSingleton<ApplicationIndex>();
        // The application grains' own store; first writes through the silo's one group-commit writer.
        builder.Services.AddSingleton<ApplicationStore>();
        builder.Services.AddSingleton(sp => new SubmissionWriter(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SubmissionWriter>>(),
            builder.Configuration.GetValue("Exchange:Submissions:MaxRowsPerFlush", SubmissionWriter.DefaultMaxRowsPerFlush)));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SubmissionWriter>());
        builder.Services.AddSingleton<ActiveApplications>();
        builder.Services.AddSingleton<Exchange.Storage.Deadlines.DueDeadlines>();
        builder.Services.AddSingleton<Exchange.Storage.Deadlines.DeadlinesInYear>();
        builder.Services.AddSingleton<StuckDeadlineChecks>();
        builder.Services.AddHostedService<MemoryReturnService>();

        builder.UseOrleans(silo =>
        {
            silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<SiloSettings>>((o, settings) =>
            {
                o.ClusterId = settings.Value.ClusterId;
                o.ServiceId = settings.Value.ServiceId;
            });
            silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<SiloSettings>>((o, settings) =>
            {
                // Advertised in the membership table (what other silos and the gateways connect to)
                // and bound, which may differ (0.0.0.0, or an address behind NAT).
                o.AdvertisedIPAddress = settings.Value.AdvertisedAddress;
                o.SiloPort = settings.Value.SiloPort;
                o.GatewayPort = settings.Value.GatewayPort;
                o.SiloListeningEndpoint = new IPEndPoint(settings.Value.ListenAddress, settings.Value.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(settings.Value.ListenAddress, settings.Value.GatewayPort);
            });
            silo.UseAdoNetClustering(options => options.Configure<IOptions<SiloSettings>>((o, settings) =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = settings.Value.ProviderConnectionString;
            }));
            silo.AddAdoNetGrainStorage(ExchangeStorage.ProviderName, options => options.Configure<IOptions<SiloSettings>>((o, settings) =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = settings.Value.ProviderConnectionString;
                o.GrainStorageSerializer = new ApplicationStateSerializer();
            }));
            silo.UseAdoNetReminderService(options => options.Configure<IOptions<SiloSettings>>((o, settings) =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = settings.Value.ProviderConnectionString;
            }));
            var checkPeriod = builder.Configuration.GetSection("Exchange:Deadlines").GetValue("CheckPeriod", new DeadlineOptions().CheckPeriod);
            if (checkPeriod < TimeSpan.FromMinutes(1))
            {
                // Only tests that drive a shifted clock look at it this often.
                silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = checkPeriod);
            }
            // Silos on different machines: TLS among silos and gateways when Exchange:Orleans:Tls is set.
            silo.UseExchangeTls(builder.Configuration);
            // Traces continue from the gateway's call through the grain to its SQL.
            silo.AddActivityPropagation();
            if (builder.Configuration.GetValue("Exchange:Dashboard", false))
            {
                // Off by default: it profiles every grain call. The live log view stays off.
                silo.AddDashboard(o => o.HideTrace = true);
            }
            // No failure of PostgreSQL or the cluster leaves a grain as an exception a gateway cannot read.
            silo.AddIncomingGrainCallFilter<BackendFailureFilter>();
            // The silo's own calls, and the co-hosted gateway's (it uses the silo's client), read this type.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = GrainCalls.ResponseTimeout);
            // An application nobody touched for this long leaves memory; its state stays in PostgreSQL.
            silo.Services.AddOptions<GrainCollectionOptions>()
                .Configure<IOptions<SiloSettings>>((o, settings) => o.CollectionAge = settings.Value.IdleDeactivation);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // A silo restarted after a crash (same address and port, new generation) should not wait
                // long on its dead predecessor; the dead rows are removed after a day.
                o.DefunctSiloExpiration = TimeSpan.FromDays(1);
            });
        });
        builder.Services.AddHostedService<DeadlineWatchStarter>();
        builder.Services.AddHostedService<CalendarRecountStarter>();
        builder.Services.Configure<FeedOptions>(builder.Configuration.GetSection("Exchange:Feed"));
        builder.Services.AddSingleton<FeedRelay>();
        builder.Services.AddSingleton<FeedRelayWake>();
        builder.Services.AddHostedService<FeedRelayService>();
        // The legal clock apart from Orleans' own (the system clock): a test's shifted time moves
        // deadlines and receipts, never membership and liveness.
        builder.Services.AddKeyedSingleton<TimeProvider>(ShiftedClock.LegalClock, (sp, _) => ShiftedClock.For(Settings(sp).ClockFile));
        return builder;
    }

    /// <summary>
    /// Metrics and traces of a silo process of its own (<see cref="ExchangeTelemetry"/>), and a
    /// Prometheus scrape endpoint at http://SiloAddress:Exchange:SiloMetricsPort/metrics when that
    /// port is set (0, the default, serves none). A co-hosted process takes the gateway's instead.
    /// </summary>
    public static IHostApplicationBuilder AddExchangeSiloTelemetry(this IHostApplicationBuilder builder)
    {
        var port = builder.Configuration.GetValue("Exchange:SiloMetricsPort", 0);
        var address = builder.Configuration["Exchange:SiloAddress"] ?? "127.0.0.1";
        builder.AddExchangeTelemetry("exchange-silo", metrics: m =>
        {
            if (port > 0)
            {
                m.AddPrometheusHttpListener(o =>
                {
                    o.Host = address;
                    o.Port = port;
                });
            }
        });
        return builder;
    }

    private static SiloSettings Settings(IServiceProvider services) => services.GetRequiredService<IOptions<SiloSettings>>().Value;
}
