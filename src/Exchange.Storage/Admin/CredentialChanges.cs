using Npgsql;

namespace Exchange.Storage.Admin;

/// <summary>
/// Tells a gateway when any credential changed: a trigger on exchange_credentials notifies the
/// channel at every commit that inserts, revokes or deletes keys (whoever made it), and this
/// listens on a connection of its own.
/// </summary>
public sealed class CredentialChanges(NpgsqlDataSource dataSource)
{
    private const string Channel = "exchange_credentials_changed";

    /// <summary>
    /// Listens until cancelled. <paramref name="listening"/> runs each time listening (re)starts —
    /// changes made while not listening were missed, so the caller forgets everything then too;
    /// <paramref name="changed"/> at each notification; <paramref name="lost"/> when the connection
    /// fails (then it reconnects after <paramref name="retryDelay"/>).
    /// </summary>
    public Task ListenAsync(Action listening, Action changed, Action<Exception> lost, TimeSpan retryDelay, CancellationToken cancellationToken) =>
        Notifications.ListenAsync(dataSource, Channel, listening, changed, lost, retryDelay, cancellationToken);
}
