using Npgsql;

namespace Exchange.Storage.Feed;

/// <summary>
/// Wakes a gateway's watchers when the relay moved something: the relay notifies
/// <see cref="Channel"/> once per batch (never once per write), and this listens on one connection
/// of its own. Watchers also wake on a short timeout, so a lost notification delays, never loses.
/// </summary>
public sealed class FeedSignal(NpgsqlDataSource dataSource)
{
    public const string Channel = "exchange_feed";

    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next notification (or when listening restarts).</summary>
    public Task NextAsync => Volatile.Read(ref changed).Task;

    /// <summary>Waits for the next notification or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await NextAsync.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>Wakes every waiter (as a notification does).</summary>
    public void Raise() => Interlocked.Exchange(ref changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Listens until cancelled; reconnects after <paramref name="retryDelay"/> when the connection fails.</summary>
    public Task ListenAsync(Action<Exception> lost, TimeSpan retryDelay, CancellationToken cancellationToken) =>
        Notifications.ListenAsync(dataSource, Channel, Raise, Raise, lost, retryDelay, cancellationToken);
}
