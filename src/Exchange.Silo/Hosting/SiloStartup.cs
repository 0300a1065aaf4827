using Exchange.Abstractions;
using Exchange.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Exchange.Silo.Hosting;

/// <summary>The start of a process that runs a silo: Exchange.Silo, or Exchange.Host with the gateway beside it.</summary>
public static class SiloStartup
{
    /// <summary>
    /// Builds the host, checks the settings (a bad one stops the process with a message naming it),
    /// brings the schema up to date, runs the host until it stops, and returns the exit code.
    /// <paramref name="ready"/> runs once the host has started, after the silo's ready line.
    /// </summary>
    public static async Task<int> RunAsync(string process, Func<IHost> build, Action<IServiceProvider>? ready = null)
    {
        try
        {
            // Building may read settings already (Kestrel's endpoints, in a host with the gateway).
            using var host = build();
            var settings = host.Services.GetRequiredService<IOptions<SiloSettings>>().Value;

            // The providers read their queries from the database when the silo starts: the schema
            // (pending migrations, changed provider queries) comes first.
            await using (var dataSource = NpgsqlDataSource.Create(settings.DataConnectionString))
            {
                await SchemaMigrator.MigrateAsync(dataSource, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Exchange.Schema"));
            }

            host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
            {
                Console.WriteLine($"Exchange silo ready: cluster {settings.ClusterId}, silo {settings.SiloAddress}:{settings.SiloPort}, gateway port {settings.GatewayPort}");
                ready?.Invoke(host.Services);
            });
            await host.RunAsync();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            return SettingChecks.RefuseToStart(process, ex);
        }
    }
}
