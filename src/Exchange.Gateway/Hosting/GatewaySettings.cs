using System.Net;
using Exchange.Abstractions;
using Microsoft.Extensions.Options;

namespace Exchange.Gateway.Hosting;

/// <summary>
/// Settings of a gateway: the "Exchange" section and ConnectionStrings:Exchange, bound through the
/// Options pattern and checked when the process starts (<see cref="GatewaySettingsValidator"/>).
/// </summary>
public sealed class GatewaySettings
{
    /// <summary>ConnectionStrings:Exchange (Npgsql).</summary>
    public string ConnectionString { get; set; } = "";

    public string ClusterId { get; set; } = "exchange";

    public string ServiceId { get; set; } = "exchange";

    /// <summary>The IP address the gRPC endpoint binds: 127.0.0.1 unless set; 0.0.0.0 binds every interface.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The gRPC port.</summary>
    public int Port { get; set; } = 5180;

    /// <summary>
    /// The court console's port (HTTP/1.1, browsers; /console), on <see cref="ListenAddress"/>: 0
    /// (the default) serves no console. ./run.sh sets 5181.
    /// </summary>
    public int ConsolePort { get; set; }

    /// <summary>A file of seconds by which the hub's clock is shifted: tests only (Testing environment).</summary>
    public string? ClockFile { get; set; }

    /// <summary>Exchange:Tls — the gateway's certificate (Tls/GatewayTls.cs).</summary>
    public Tls.TlsSettings Tls { get; set; } = new();

    public IPAddress Address => IPAddress.Parse(ListenAddress);

    /// <summary>Binds the settings from configuration and has them checked when the host starts.</summary>
    internal static void Register(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewaySettings>()
            .Bind(builder.Configuration.GetSection("Exchange"))
            .Configure(s => s.ConnectionString = builder.Configuration.GetConnectionString("Exchange") ?? "")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewaySettings>, GatewaySettingsValidator>();
    }
}

/// <summary>Checks a gateway's settings; each failure names the setting (its configuration key).</summary>
public sealed class GatewaySettingsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<GatewaySettings>
{
    public ValidateOptionsResult Validate(string? name, GatewaySettings options)
    {
        var failures = new List<string>();
        SettingChecks.ConnectionString(options.ConnectionString, failures);
        SettingChecks.NotEmpty("Exchange:ClusterId", options.ClusterId, failures);
        SettingChecks.NotEmpty("Exchange:ServiceId", options.ServiceId, failures);
        SettingChecks.Address("Exchange:ListenAddress", options.ListenAddress, failures);
        SettingChecks.Port("Exchange:Port", options.Port, failures);
        if (options.ConsolePort != 0)
        {
            SettingChecks.Port("Exchange:ConsolePort", options.ConsolePort, failures);
            if (options.ConsolePort == options.Port)
            {
                failures.Add("Exchange:ConsolePort must differ from Exchange:Port (the gRPC port speaks HTTP/2 only)");
            }
        }

        Tls.GatewayTls.Check(options, failures);
        OrleansTlsSettings.Check(configuration, failures);
        SettingChecks.ClockFile(options.ClockFile, environment.EnvironmentName, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
