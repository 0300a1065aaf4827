using Exchange.IntegrationTests.Infrastructure;

namespace Exchange.IntegrationTests;

/// <summary>A process given a bad setting stops at start, naming the setting, before it touches anything.</summary>
public sealed class SettingsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Nothing listens there: the settings are checked before the database is opened.
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Username=postgres;Database=none";

    [Fact]
    public async Task ASilo_WithABadPort_AndAClockFileOutsideTesting_DoesNotStart_AndNamesBoth()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => HubProcess.StartAsync(
            "Exchange.Silo",
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Exchange"] = NoDatabase,
                ["Exchange__SiloPort"] = "0",
                ["Exchange__ClockFile"] = Path.Combine(Path.GetTempPath(), "exchange-clock-never-read"),
                // As in production: a shifted clock is refused there.
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
            "Exchange silo ready",
            Timeout));

        Assert.Contains("Exchange silo not started: a setting is not valid.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Exchange:SiloPort is 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Exchange:ClockFile is set, but the host environment is 'Production'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exited with 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGateway_WithAListenAddressThatIsNoAddress_DoesNotStart_AndNamesIt()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => HubProcess.StartAsync(
            "Exchange.Gateway",
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Exchange"] = NoDatabase,
                ["Exchange__ListenAddress"] = "hub.example",
            },
            "Exchange gateway ready",
            Timeout));

        Assert.Contains("Exchange:ListenAddress is 'hub.example', which is not an IP address", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exited with 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGateway_OnANonLoopbackAddress_WithoutACertificate_DoesNotStart_AndNamesTheTlsSetting()
    {
        // Refused before anything is bound: no cleartext port ever opens beyond loopback.
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => HubProcess.StartAsync(
            "Exchange.Gateway",
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Exchange"] = NoDatabase,
                ["Exchange__ListenAddress"] = "0.0.0.0",
            },
            "Exchange gateway ready",
            Timeout));

        Assert.Contains("Exchange:Tls:CertificateFile (or Exchange:Tls:LocalCaDirectory) is required: Exchange:ListenAddress 0.0.0.0 is not loopback", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exited with 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHost_WithoutAConnectionString_DoesNotStart_AndSaysWhichSettingIsMissing()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => HubProcess.StartAsync(
            "Exchange.Host", new Dictionary<string, string> { ["ConnectionStrings__Exchange"] = "" }, "Exchange gateway ready", Timeout));

        Assert.Contains("Exchange host not started", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Exchange is not set", ex.Message, StringComparison.Ordinal);
    }
}
