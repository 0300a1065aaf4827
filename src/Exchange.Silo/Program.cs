using Exchange.Silo.Hosting;

// Configuration (appsettings.json) comes from beside the program, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddExchangeSilo();
builder.AddExchangeSiloTelemetry();
return await SiloStartup.RunAsync("Exchange silo", builder.Build);
