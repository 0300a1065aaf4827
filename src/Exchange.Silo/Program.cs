using Exchange.Silo.Hosting;
using Exchange.Silo.Storage;
using Npgsql;

var builder = Host.CreateApplicationBuilder(args);
var settings = SiloSettings.From(builder.Configuration);

// The providers read their queries from the database when the silo starts: the schema comes first.
await using (var dataSource = NpgsqlDataSource.Create(settings.ConnectionString))
{
    using var loggerFactory = LoggerFactory.Create(l => l.AddConsole());
    await SchemaInstaller.InstallAsync(dataSource, loggerFactory.CreateLogger("Exchange.Schema"));
}

builder.AddExchangeSilo(settings);
using var host = builder.Build();
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
    Console.WriteLine($"Exchange silo ready: cluster {settings.ClusterId}, silo port {settings.SiloPort}, gateway port {settings.GatewayPort}"));
await host.RunAsync();
