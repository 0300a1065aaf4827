using Exchange.Gateway.Hosting;
using Exchange.Silo.Hosting;
using Microsoft.Extensions.Options;

// The silo and the gRPC gateway in one process: no Orleans client hop between them (docs/ARCHITECTURE.md).
// Configuration (appsettings.json) comes from beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddExchangeSilo();
builder.AddExchangeGateway(inSilo: true);
return await SiloStartup.RunAsync(
    "Exchange host",
    () =>
    {
        var app = builder.Build();
        app.MapExchangeGateway();
        return app;
    },
    services =>
    {
        var gateway = services.GetRequiredService<IOptions<GatewaySettings>>().Value;
        Console.WriteLine($"Exchange gateway ready: http://{gateway.ListenAddress}:{gateway.Port} (gRPC, h2c; in the silo's process)");
    });
