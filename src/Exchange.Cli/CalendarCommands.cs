using System.CommandLine;
using System.Globalization;
using Exchange.V1;

namespace Exchange.Cli;

/// <summary>
/// <c>exchange admin calendar load 2027.json</c>: a year's holiday calendar, day by day, from the
/// State Council's notice. The hub checks the whole file (LoadHolidayCalendar) and stores nothing of
/// a file it refuses; the CLI only reads it.
/// </summary>
internal static class CalendarCommands
{
    public static Command Create(AdminRunner run)
    {
        var calendar = new Command("calendar", "The holiday calendar the hub counts statutory periods with (MSL23 art 85)");
        calendar.Add(Load(run));
        return calendar;
    }

    private static Command Load(AdminRunner run)
    {
        var file = new Argument<string>("file")
        {
            Description = "The year file (JSON: year, source {notice, issued, url}, holidays with their make_up_working_days, "
                + "and days: every date of the year as WORKING_DAY, REST_DAY, HOLIDAY or MAKE_UP_WORKING_DAY); - for standard input",
        };
        var expectedVersion = AdminCommands.ExpectedVersion("year");
        var requestId = AdminCommands.RequestId();
        var command = new Command(
            "load",
            "Load a year's holiday calendar as the State Council announced it: checked whole (every date classified, make-up working days "
            + "named, the notice cited), stored as the year's schedule, and the running deadlines reaching into that year counted again")
        {
            file, expectedVersion, requestId,
        };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var path = parseResult.GetRequiredValue(file);
            string json;
            try
            {
                json = path == "-" ? (run.Context.In ?? TextReader.Null).ReadToEnd() : await File.ReadAllTextAsync(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read {path}: {ex.Message}");
            }

            var answer = await admin.LoadHolidayCalendarAsync(
                new LoadHolidayCalendarRequest { RequestId = request, CalendarJson = json, ExpectedVersion = parseResult.GetValue(expectedVersion) },
                options);
            await run.WriteAsync(parseResult, answer, () => string.Create(CultureInfo.InvariantCulture,
                $"Holiday calendar {answer.Year} loaded (version {answer.Version}): {answer.Holidays.Count} holiday(s), {answer.MakeUpWorkingDays.Count} make-up working day(s); source: {answer.Source}. Deadlines reaching into the year are being counted again."));
        });
        return command;
    }
}
