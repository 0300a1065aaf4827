using System.Net;
using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Silo.Grains;
using Exchange.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace Exchange.Silo.Hosting;

/// <summary>Settings of a silo, read from configuration ("Exchange" section, "ConnectionStrings:Exchange").</summary>
public sealed record SiloSettings(string ConnectionString, string ClusterId, string ServiceId, int SiloPort, int GatewayPort, TimeSpan IdleDeactivation)
{
    public static SiloSettings From(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Exchange");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:Exchange is not set (environment variable ConnectionStrings__Exchange).");
        }

        var section = configuration.GetSection("Exchange");
        return new SiloSettings(
            WithStatementPreparation(connectionString),
            section["ClusterId"] ?? "exchange",
            section["ServiceId"] ?? "exchange",
            section.GetValue("SiloPort", 11111),
            section.GetValue("GatewayPort", 30000),
            TimeSpan.FromMinutes(section.GetValue("IdleDeactivationMinutes", 15.0)));
    }

    /// <summary>
    /// The Orleans ADO.NET providers prepare no statements; Npgsql's automatic preparation cut
    /// PostgreSQL's CPU per write by 20–30 % in our spikes, so it is on unless configured otherwise.
    /// </summary>
    public static string WithStatementPreparation(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The connection string of the Orleans providers (storage, clustering, reminders): as
    /// <see cref="ConnectionString"/>, but a connection going back to the pool is not reset. Npgsql's
    /// reset is seven statements (RESET ALL, CLOSE ALL, UNLISTEN *, …) that PostgreSQL parses and runs
    /// before the next command on that connection (the profile and storage-cost figures are in
    /// docs/BENCHMARKS.md), and the providers open a connection for every write; their statements
    /// change no session state, so there is nothing to reset. (Our own code keeps the reset: the
    /// schema installer takes an advisory lock.)
    /// </summary>
    public string ProviderConnectionString
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            if (!ExplicitlySets(ConnectionString, "No Reset On Close"))
            {
                builder.NoResetOnClose = true;
            }

            return builder.ConnectionString;
        }
    }

    private static bool ExplicitlySets(string connectionString, string keyword)
    {
        var parts = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return parts.ContainsKey(keyword) || parts.ContainsKey(keyword.Replace(" ", "", StringComparison.Ordinal));
    }
}

public static class SiloHostingExtensions
{
    private const string Invariant = "Npgsql";

    /// <summary>Adds the Orleans silo with PostgreSQL clustering, grain storage and reminders.</summary>
    public static IHostApplicationBuilder AddExchangeSilo(this IHostApplicationBuilder builder, SiloSettings settings)
    {
        builder.Services.Configure<DeadlineOptions>(builder.Configuration.GetSection("Exchange:Deadlines"));
        builder.Services.AddSingleton(_ => CourtRegistry.LoadSample());
        builder.Services.AddSingleton(_ => HolidayCalendar.LoadEmbedded());
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.ConnectionString));
        builder.Services.AddSingleton<AttachmentContentStore>();
        builder.Services.AddSingleton<ApplicationIndex>();
        builder.Services.AddSingleton<ActiveApplications>();
        builder.Services.AddSingleton<Exchange.Storage.Deadlines.DueDeadlines>();
        builder.Services.AddSingleton<StuckDeadlineChecks>();
        builder.Services.AddHostedService<MemoryReturnService>();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = settings.ProviderConnectionString;
            });
            silo.AddAdoNetGrainStorage(ExchangeStorage.ProviderName, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = settings.ProviderConnectionString;
                o.GrainStorageSerializer = new ApplicationStateSerializer();
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = settings.ProviderConnectionString;
            });
            var checkPeriod = builder.Configuration.GetSection("Exchange:Deadlines").GetValue("CheckPeriod", new DeadlineOptions().CheckPeriod);
            if (checkPeriod < TimeSpan.FromMinutes(1))
            {
                // Only tests that drive a shifted clock look at it this often.
                silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = checkPeriod);
            }
            // No failure of PostgreSQL or the cluster leaves a grain as an exception a gateway cannot read.
            silo.AddIncomingGrainCallFilter<BackendFailureFilter>();
            // The silo's own calls, and the co-hosted gateway's (it uses the silo's client), read this type.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = GrainCalls.ResponseTimeout);
            // An application nobody touched for this long leaves memory; its state stays in PostgreSQL.
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = settings.IdleDeactivation);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // A silo restarted after a crash (same address and port, new generation) should not wait
                // long on its dead predecessor; the dead rows are removed after a day.
                o.DefunctSiloExpiration = TimeSpan.FromDays(1);
            });
        });
        builder.Services.AddHostedService<DeadlineWatchStarter>();
        // After UseOrleans, which registers the system clock: the last registration is the one resolved.
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton(ShiftedClock.For(builder.Configuration["Exchange:ClockFile"]));
        return builder;
    }
}
