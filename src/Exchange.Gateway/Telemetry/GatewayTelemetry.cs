using Orleans.Dashboard;
using Exchange.Abstractions.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Exchange.Gateway.Telemetry;

/// <summary>
/// The gateway's metrics and traces: the hub's shared set (<see cref="ExchangeTelemetry"/>) plus
/// ASP.NET Core's, and a Prometheus scrape endpoint at /metrics on Exchange:MetricsPort (HTTP/1.1,
/// on the gateway's listen address; 0, the default, serves none). In a co-hosted process it
/// covers the silo's instruments too.
/// </summary>
public static class GatewayTelemetry
{
    public static WebApplicationBuilder AddExchangeGatewayTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        var port = builder.Configuration.GetValue("Exchange:MetricsPort", 0);
        builder.AddExchangeTelemetry(
            serviceName,
            metrics: m =>
            {
                m.AddAspNetCoreInstrumentation();
                if (port > 0)
                {
                    m.AddPrometheusExporter();
                }
            },
            traces: t => t.AddAspNetCoreInstrumentation(o =>
            {
                // Health probes and scrapes would drown the traces of real calls.
                o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics") && !http.Request.Path.StartsWithSegments("/grpc.health.v1.Health");
            }));
        if (port > 0)
        {
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                var address = System.Net.IPAddress.Parse(builder.Configuration["Exchange:ListenAddress"] ?? "127.0.0.1");
                kestrel.Listen(address, port, o => o.Protocols = HttpProtocols.Http1);
            });
        }

        builder.Services.AddSingleton<RpcMetricsInterceptor>();
        if (port > 0 && Dashboard(builder.Configuration))
        {
            builder.Services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(
                AdminKeyAuthenticationHandler.SchemeName, null);
            builder.Services.AddAuthorizationBuilder().AddPolicy(AdminKeyAuthenticationHandler.PolicyName, p => p
                .AddAuthenticationSchemes(AdminKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        }

        return builder;
    }

    /// <summary>
    /// Exchange:Dashboard: the Orleans dashboard at /dashboard on the metrics port (admin key). Off
    /// by default: it profiles every grain call. Silos and gateways must agree.
    /// </summary>
    public static bool Dashboard(IConfiguration configuration) => configuration.GetValue("Exchange:Dashboard", false);

    public static WebApplication MapExchangeGatewayTelemetry(this WebApplication app)
    {
        var port = app.Configuration.GetValue("Exchange:MetricsPort", 0);
        if (port > 0)
        {
            // Only on the metrics port: the gRPC port answers gRPC alone.
            app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Connection.LocalPort == port && http.Request.Path == "/metrics");
            if (Dashboard(app.Configuration))
            {
                // Operators only (an admin key), and only on the metrics port.
                app.MapOrleansDashboard("/dashboard")
                    .RequireHost($"*:{port}")
                    .RequireAuthorization(AdminKeyAuthenticationHandler.PolicyName);
            }
        }

        return app;
    }
}
