using Exchange.Abstractions;
using Exchange.Storage.Deadlines;
using Microsoft.Extensions.Logging;

namespace Exchange.Silo.Grains;

/// <summary>
/// Counts again every application whose deadlines may reach into a year, once that year's holiday
/// calendar is loaded (key: the year): the provisional deadlines counted on weekends alone become
/// final. Every silo hears of the load and asks; the one activation per year serialises the asks
/// and skips a version already done. Pages through the read model by id, 16 applications at a
/// time, so a year with many running applications never holds a long transaction.
/// </summary>
public sealed partial class CalendarRecountGrain(DeadlinesInYear deadlines, ILogger<CalendarRecountGrain> logger) : Grain, ICalendarRecountGrain
{
    private const int PageSize = 500;
    private const int Parallelism = 16;

    private long recountedVersion;

    public async Task<int> RecountAsync(long version)
    {
        if (version <= recountedVersion)
        {
            return 0;
        }

        var year = (int)this.GetPrimaryKeyLong();
        var changed = 0;
        var after = Guid.Empty;
        while (true)
        {
            var page = await deadlines.FindAsync(year, after, PageSize);
            using var gate = new SemaphoreSlim(Parallelism);
            var results = await Task.WhenAll(page.Select(async id =>
            {
                await gate.WaitAsync();
                try
                {
                    return await GrainFactory.GetGrain<IApplicationGrain>(id.ToString()).RecountDeadlinesAsync();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Its next change counts it again; the others must not wait for it.
                    LogRecountFailed(logger, ex, id, year);
                    return false;
                }
                finally
                {
                    gate.Release();
                }
            }));
            changed += results.Count(r => r);
            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1];
        }

        recountedVersion = version;
        LogRecounted(logger, year, version, changed);
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Holiday calendar {Year} v{Version} loaded: deadlines of {Changed} application(s) counted again")]
    private static partial void LogRecounted(ILogger logger, int year, long version, int changed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recounting the deadlines of application {ApplicationId} on the calendar of {Year} failed; its next change counts them")]
    private static partial void LogRecountFailed(ILogger logger, Exception exception, Guid applicationId, int year);
}
