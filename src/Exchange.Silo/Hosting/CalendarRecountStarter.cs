using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Storage.Courts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Exchange.Silo.Hosting;

/// <summary>
/// When the courts and calendar reload with a holiday year that is new or changed, asks that year's
/// <see cref="ICalendarRecountGrain"/> to count the deadlines reaching into it again. However the
/// year was loaded (LoadHolidayCalendar, PutHolidayYear, psql), every silo hears of it; the grain
/// does the work once. A year loaded while no silo ran is taken up by each application's next change.
/// </summary>
public sealed partial class CalendarRecountStarter(LiveCourtDirectory directory, IGrainFactory grains, ILogger<CalendarRecountStarter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        directory.Reloaded += OnReloaded;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        directory.Reloaded -= OnReloaded;
        return Task.CompletedTask;
    }

    private void OnReloaded(CourtsAndCalendar previous, CourtsAndCalendar loaded)
    {
        var before = previous.Calendar.LoadedYears.ToDictionary(y => y.Year, y => y.Version);
        foreach (var year in loaded.Calendar.LoadedYears.Where(y => !before.TryGetValue(y.Year, out var version) || version != y.Version))
        {
            _ = RecountAsync(year.Year, year.Version);
        }
    }

    private async Task RecountAsync(int year, long version)
    {
        try
        {
            await grains.GetGrain<ICalendarRecountGrain>(year).RecountAsync(version);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogFailed(logger, ex, year, version);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recounting the deadlines of {Year} (calendar v{Version}) failed; each application's next change counts them")]
    private static partial void LogFailed(ILogger logger, Exception exception, int year, long version);
}
