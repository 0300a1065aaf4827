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

    // A dead TCP connection would otherwise wait for notifications forever.
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Listens until cancelled. <paramref name="listening"/> runs each time listening (re)starts —
    /// changes made while not listening were missed, so the caller forgets everything then too;
    /// <paramref name="changed"/> at each notification; <paramref name="lost"/> when the connection
    /// fails (then it reconnects after <paramref name="retryDelay"/>).
    /// </summary>
    public async Task ListenAsync(Action listening, Action changed, Action<Exception> lost, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, _) => changed();
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                listening();
                while (true)
                {
                    if (!await connection.WaitAsync(ProbeInterval, cancellationToken).ConfigureAwait(false))
                    {
                        await using var probe = new NpgsqlCommand("SELECT 1", connection);
                        await probe.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                lost(ex);
            }

            try
            {
                await Task.Delay(retryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
