using System.Net;
using Exchange.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Exchange.Silo.Hosting;

/// <summary>
/// Settings of a silo: the "Exchange" section and ConnectionStrings:Exchange, bound through the
/// Options pattern and checked when the process starts (<see cref="SiloSettingsValidator"/>).
/// </summary>
public sealed class SiloSettings
{
    /// <summary>ConnectionStrings:Exchange (Npgsql), as configured.</summary>
    public string ConnectionString { get; set; } = "";

    public string ClusterId { get; set; } = "exchange";

    public string ServiceId { get; set; } = "exchange";

    /// <summary>The IP address other silos and the gateways reach this silo at (stored in the membership table).</summary>
    public string SiloAddress { get; set; } = "127.0.0.1";

    /// <summary>The IP address the silo binds; empty: <see cref="SiloAddress"/>. 0.0.0.0 binds every interface.</summary>
    public string? SiloListenAddress { get; set; }

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The silo's Orleans gateway port, where separate gRPC gateways connect as cluster clients.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>An application nobody touched for this long leaves memory; its state stays in PostgreSQL.</summary>
    public double IdleDeactivationMinutes { get; set; } = 15;

    /// <summary>A file of seconds by which the hub's clock is shifted: tests only (Testing environment).</summary>
    public string? ClockFile { get; set; }

    /// <summary>The default <see cref="DocumentFontFile"/>: where Debian's fonts-wqy-microhei puts its font (scripts/install-fonts.sh).</summary>
    public const string DefaultDocumentFontFile = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    /// <summary>
    /// The TrueType font (.ttf, or a .ttc collection: its first font) issued documents are set in;
    /// it must cover the Chinese text they print (docs/ARCHITECTURE.md, "Issued documents").
    /// </summary>
    public string DocumentFontFile { get; set; } = DefaultDocumentFontFile;

    public TimeSpan IdleDeactivation => TimeSpan.FromMinutes(IdleDeactivationMinutes);

    public IPAddress AdvertisedAddress => IPAddress.Parse(SiloAddress);

    public IPAddress ListenAddress => string.IsNullOrWhiteSpace(SiloListenAddress) ? AdvertisedAddress : IPAddress.Parse(SiloListenAddress);

    /// <summary>The connection string of our own statements: <see cref="ConnectionString"/> with statement preparation.</summary>
    public string DataConnectionString => WithStatementPreparation(ConnectionString);

    /// <summary>
    /// The Orleans ADO.NET providers prepare no statements; Npgsql's automatic preparation cut
    /// PostgreSQL's CPU per write by 20–30 % in our spikes, so it is on unless configured otherwise.
    /// </summary>
    public static string WithStatementPreparation(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The connection string of the Orleans providers (storage, clustering, reminders): as
    /// <see cref="DataConnectionString"/>, but a connection going back to the pool is not reset. Npgsql's
    /// reset is seven statements (RESET ALL, CLOSE ALL, UNLISTEN *, …) that PostgreSQL parses and runs
    /// before the next command on that connection (the profile and storage-cost figures are in
    /// docs/BENCHMARKS.md), and the providers open a connection for every write; their statements
    /// change no session state, so there is nothing to reset. (Our own code keeps the reset: the
    /// schema migrator takes an advisory lock.)
    /// </summary>
    public string ProviderConnectionString
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(DataConnectionString);
            if (!ExplicitlySets(ConnectionString, "No Reset On Close"))
            {
                builder.NoResetOnClose = true;
            }

            return builder.ConnectionString;
        }
    }

    private static bool ExplicitlySets(string connectionString, string keyword)
    {
        var parts = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return parts.ContainsKey(keyword) || parts.ContainsKey(keyword.Replace(" ", "", StringComparison.Ordinal));
    }

    /// <summary>Binds the settings from configuration and has them checked when the host starts.</summary>
    internal static void Register(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiloSettings>()
            .Bind(builder.Configuration.GetSection("Exchange"))
            .Configure(s => s.ConnectionString = builder.Configuration.GetConnectionString("Exchange") ?? "")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiloSettings>, SiloSettingsValidator>();
    }
}

/// <summary>Checks a silo's settings; each failure names the setting (its configuration key).</summary>
public sealed class SiloSettingsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<SiloSettings>
{
    public ValidateOptionsResult Validate(string? name, SiloSettings options)
    {
        var failures = new List<string>();
        SettingChecks.ConnectionString(options.ConnectionString, failures);
        SettingChecks.NotEmpty("Exchange:ClusterId", options.ClusterId, failures);
        SettingChecks.NotEmpty("Exchange:ServiceId", options.ServiceId, failures);
        if (SettingChecks.Address("Exchange:SiloAddress", options.SiloAddress, failures)
            && (IPAddress.Any.Equals(options.AdvertisedAddress) || IPAddress.IPv6Any.Equals(options.AdvertisedAddress)))
        {
            failures.Add($"Exchange:SiloAddress is {options.SiloAddress}, which no other silo or gateway can reach: give this machine's address (to bind every interface, set Exchange:SiloListenAddress to 0.0.0.0).");
        }

        if (!string.IsNullOrWhiteSpace(options.SiloListenAddress))
        {
            SettingChecks.Address("Exchange:SiloListenAddress", options.SiloListenAddress, failures);
        }

        SettingChecks.Port("Exchange:SiloPort", options.SiloPort, failures);
        SettingChecks.Port("Exchange:GatewayPort", options.GatewayPort, failures);
        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"Exchange:SiloPort and Exchange:GatewayPort are both {options.SiloPort}: they must differ.");
        }

        if (!(options.IdleDeactivationMinutes > 0))
        {
            failures.Add($"Exchange:IdleDeactivationMinutes is {options.IdleDeactivationMinutes}: it must be a number of minutes above 0.");
        }

        CheckDocumentFont(options.DocumentFontFile, failures);
        OrleansTlsSettings.Check(configuration, failures);
        SettingChecks.ClockFile(options.ClockFile, environment.EnvironmentName, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A missing font would turn every issued document into boxes (or fail each act): refuse to start instead.
    private static void CheckDocumentFont(string path, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            failures.Add($"Exchange:DocumentFontFile is '{path}', which does not exist: install Debian's fonts-wqy-microhei (scripts/install-fonts.sh) or name a TrueType font with Chinese glyphs.");
            return;
        }

        try
        {
            _ = Documents.TrueTypeFontFile.Load(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            failures.Add($"Exchange:DocumentFontFile: {ex.Message}.");
        }
    }
}
