using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Exchange.LoadTests.Echo;

/// <summary>
/// The transport baseline's server. It is hosted exactly as the gateway is
/// (src/Exchange.Gateway/Hosting/GatewayHostingExtensions.cs and Program.cs): WebApplication's
/// default builder (so the same configuration sources and default logging), Kestrel listening on
/// 127.0.0.1 with cleartext HTTP/2 only, and the same 4 MiB gRPC receive limit — but no
/// authentication, interceptors, Orleans or database. Keep the two in step.
/// </summary>
public static class EchoServer
{
    /// <summary>Same limit as the gateway: larger requests are refused with RESOURCE_EXHAUSTED.</summary>
    public const int MaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>Builds the server (not yet started).</summary>
    /// <param name="port">Port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="args">Command-line configuration, as the gateway passes its own.</param>
    /// <returns>The application; <c>RunAsync</c> or <c>StartAsync</c> it.</returns>
    public static WebApplication Build(int port, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(args ?? []);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = MaxReceiveMessageSize);

        var app = builder.Build();
        app.MapGrpcService<EchoService>();
        return app;
    }
}
