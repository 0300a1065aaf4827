using Exchange.Abstractions;
using Exchange.Gateway.Hosting;
using Microsoft.Extensions.Options;

// Configuration (appsettings.json) comes from beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddExchangeGateway();
try
{
    // Building reads the settings already (Kestrel's endpoint): a bad one stops it here.
    var app = builder.Build();
    app.MapExchangeGateway();
    var settings = app.Services.GetRequiredService<IOptions<GatewaySettings>>().Value;
    app.Lifetime.ApplicationStarted.Register(() =>
        Console.WriteLine($"Exchange gateway ready: {Exchange.Gateway.Tls.GatewayTls.Describe(settings)}"
            + (settings.ConsolePort > 0 ? $"; court console http://{settings.ListenAddress}:{settings.ConsolePort}/console" : "")));
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    return SettingChecks.RefuseToStart("Exchange gateway", ex);
}
