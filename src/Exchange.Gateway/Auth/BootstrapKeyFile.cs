using Exchange.Storage.Admin;

namespace Exchange.Gateway.Auth;

/// <summary>
/// Exchange:Admin:BootstrapKeyFile (set by run.sh): at start, when the hub has never had an admin
/// key, bootstraps one — the same database-settled Bootstrap as the RPC — and writes it to that
/// file, readable by the owner only. Whoever can set the gateway's configuration owns the hub anyway.
/// </summary>
public sealed partial class BootstrapKeyFile(CredentialStore credentials, IConfiguration configuration, ILogger<BootstrapKeyFile> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration["Exchange:Admin:BootstrapKeyFile"] is not { Length: > 0 } path)
        {
            return;
        }

        IssuedCredential issued;
        try
        {
            issued = await credentials.BootstrapAsync("hub operators", "gateway start (Exchange:Admin:BootstrapKeyFile)", cancellationToken);
        }
        catch (AdminStoreException ex) when (ex.Refusal == AdminRefusal.AlreadyBootstrapped)
        {
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new StreamWriter(path, options))
        {
            await file.WriteLineAsync(issued.ApiKey);
        }

        LogWritten(logger, issued.Info.KeyPrefix, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bootstrapped the hub's first admin key {Prefix}… into {Path}")]
    private static partial void LogWritten(ILogger logger, string prefix, string path);
}
