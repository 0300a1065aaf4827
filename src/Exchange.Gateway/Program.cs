using Exchange.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
var settings = GatewaySettings.From(builder.Configuration);
builder.AddExchangeGateway(settings);

var app = builder.Build();
app.MapExchangeGateway();
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"Exchange gateway ready: http://{settings.ListenAddress}:{settings.Port} (gRPC, h2c)"));
app.Run();
