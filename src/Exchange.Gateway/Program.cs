using Exchange.Gateway.Hosting;

// Configuration (appsettings.json) comes from beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var settings = GatewaySettings.From(builder.Configuration);
builder.AddExchangeGateway(settings);

var app = builder.Build();
app.MapExchangeGateway();
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"Exchange gateway ready: http://{settings.ListenAddress}:{settings.Port} (gRPC, h2c)"));
app.Run();
