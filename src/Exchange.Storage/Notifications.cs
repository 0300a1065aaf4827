using Npgsql;

namespace Exchange.Storage;

/// <summary>Listening on a PostgreSQL notification channel that a trigger notifies at each commit of a change.</summary>
internal static class Notifications
{
    // A dead TCP connection would otherwise wait for notifications forever.
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Listens on <paramref name="channel"/> until cancelled. <paramref name="listening"/> runs each
    /// time listening (re)starts — changes made while not listening were missed, so the caller
    /// should treat it as a change too; <paramref name="changed"/> at each notification;
    /// <paramref name="lost"/> when the connection fails (then it reconnects after <paramref name="retryDelay"/>).
    /// </summary>
    public static async Task ListenAsync(
        NpgsqlDataSource dataSource, string channel, Action listening, Action changed, Action<Exception> lost, TimeSpan retryDelay,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, _) => changed();
                await using (var listen = new NpgsqlCommand("LISTEN " + channel, connection))
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
