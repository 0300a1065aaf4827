using Exchange.Storage.Admin;

namespace Exchange.Gateway.Auth;

/// <summary>
/// Drops the gateway's cached credentials whenever PostgreSQL says a credential changed, and
/// whenever listening (re)starts, since changes may have been missed while it was not listening.
/// </summary>
public sealed partial class CredentialChangeListener(CredentialChanges changes, ApiKeyAuthenticator authenticator, ILogger<CredentialChangeListener> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        changes.ListenAsync(
            listening: authenticator.Forget,
            changed: authenticator.Forget,
            lost: ex => LogLost(logger, ex),
            retryDelay: TimeSpan.FromSeconds(1),
            stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Lost the notifications of credential changes; reconnecting (meanwhile a revoked key may work until its cache entry expires)")]
    private static partial void LogLost(ILogger logger, Exception exception);
}
