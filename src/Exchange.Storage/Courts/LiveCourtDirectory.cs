using Exchange.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Exchange.Storage.Courts;

/// <summary>
/// The courts and calendar of a silo or gateway, as last loaded from the database. Loaded before
/// the process serves (<see cref="CourtDirectoryLoader"/>) and reloaded at each change
/// notification; a call reads <see cref="Current"/> once and uses that snapshot throughout.
/// </summary>
public sealed partial class LiveCourtDirectory(CourtCatalog catalog, ILogger<LiveCourtDirectory> logger) : ICourtDirectory
{
    // One reload at a time, so that an older read never replaces a newer one.
    private readonly SemaphoreSlim reloading = new(1, 1);
    private CourtsAndCalendar? current;

    /// <summary>
    /// Raised after a reload replaced a snapshot (not after the first load), with the previous and
    /// the new one, on the reloading thread: handlers return at once.
    /// </summary>
    public event Action<CourtsAndCalendar, CourtsAndCalendar>? Reloaded;

    public CourtsAndCalendar Current =>
        Volatile.Read(ref current) ?? throw new InvalidOperationException("The courts and calendar are not loaded yet.");

    /// <summary>
    /// Reads courts and calendar from the database and makes them current. When the stored data
    /// breaks a domain rule (changed around the admin service), keeps the previous snapshot and logs.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await reloading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var loaded = await catalog.LoadAsync(cancellationToken).ConfigureAwait(false);
            var previous = Volatile.Read(ref current);
            Volatile.Write(ref current, loaded);
            if (previous is not null)
            {
                Reloaded?.Invoke(previous, loaded);
            }

            LogLoaded(logger, loaded.Courts.Courts.Count, string.Join(", ", loaded.Calendar.Years.Order()));
        }
        catch (FormatException ex)
        {
            LogInvalid(logger, ex);
        }
        finally
        {
            reloading.Release();
        }
    }

    /// <summary>
    /// <see cref="ReloadAsync"/>, logging a failure to reach the database instead of throwing: for
    /// reloads after a change is committed, which must not turn into an error for the change.
    /// </summary>
    public async Task ReloadQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReloadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            LogReloadFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Courts and calendar loaded: {Courts} courts, holiday years {Years}")]
    private static partial void LogLoaded(ILogger logger, int courts, string years);

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored courts or calendar break a rule; the previous ones stay in use")]
    private static partial void LogInvalid(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the courts and calendar; the previous ones stay in use")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}

/// <summary>
/// Loads the courts and calendar before the process serves (retrying while the database is not
/// reachable or its schema not yet installed), then reloads them at each change notification and
/// each time listening restarts (changes may have been missed meanwhile).
/// </summary>
public sealed partial class CourtDirectoryLoader(LiveCourtDirectory directory, CourtCatalog catalog, ILogger<CourtDirectoryLoader> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await directory.ReloadAsync(cancellationToken).ConfigureAwait(false);
                _ = directory.Current; // stored data that breaks a rule at start stops the process here
                break;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                LogWaiting(logger, ex);
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        catalog.ListenAsync(
            listening: () => _ = directory.ReloadQuietlyAsync(stoppingToken),
            changed: () => _ = directory.ReloadQuietlyAsync(stoppingToken),
            lost: ex => LogLost(logger, ex),
            retryDelay: RetryDelay,
            stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the database to load the courts and calendar")]
    private static partial void LogWaiting(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Lost the notifications of court and calendar changes; reconnecting (meanwhile a change is not seen)")]
    private static partial void LogLost(ILogger logger, Exception exception);
}
