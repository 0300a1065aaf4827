using Exchange.Gateway.Hosting;
using Exchange.Silo.Hosting;
using Exchange.Storage;
using Npgsql;

// Configuration (appsettings.json) comes from beside the program, wherever it is started from.
var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();
var settings = SiloSettings.From(configuration);

// The providers read their queries from the database when the silo starts: the schema (pending
// migrations and changed provider queries) comes first.
await using (var dataSource = NpgsqlDataSource.Create(settings.ConnectionString))
{
    using var loggerFactory = LoggerFactory.Create(l => l.AddConsole());
    await SchemaMigrator.MigrateAsync(dataSource, loggerFactory.CreateLogger("Exchange.Schema"));
}

var readyLine = $"Exchange silo ready: cluster {settings.ClusterId}, silo port {settings.SiloPort}, gateway port {settings.GatewayPort}";
if (configuration.GetValue("Exchange:CoHostGateway", false))
{
    // The gateway in the silo's own process: no Orleans client hop between them (docs/ARCHITECTURE.md).
    var web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    web.AddExchangeSilo(settings);
    var gateway = GatewaySettings.From(web.Configuration);
    web.AddExchangeGateway(gateway, inSilo: true);
    var app = web.Build();
    app.MapExchangeGateway();
    app.Lifetime.ApplicationStarted.Register(() =>
    {
        Console.WriteLine(readyLine);
        Console.WriteLine($"Exchange gateway ready: http://{gateway.ListenAddress}:{gateway.Port} (gRPC, h2c; in the silo)");
    });
    await app.RunAsync();
}
else
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddExchangeSilo(settings);
    using var host = builder.Build();
    host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => Console.WriteLine(readyLine));
    await host.RunAsync();
}
