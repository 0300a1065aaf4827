using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Exchange.Domain;

/// <summary>
/// The statutory rest days (法定节假日) and make-up working days (调休上班日) the State Council
/// announces each year, used to count periods under MSL23 art 85. Dated data, one JSON file per
/// year; a year without a file is counted on weekends alone (see <see cref="HasYear"/>).
/// </summary>
/// <remarks>
/// File format: <c>{ "year": 2026, "source": "...", "holidays": [ { "name", "first", "last" } ],
/// "make_up_working_days": [ "2026-01-04" ] }</c>, dates as yyyy-MM-dd, all within the year.
/// </remarks>
public sealed class HolidayCalendar
{
    private const string ResourcePrefix = "Exchange.Domain.Calendar.";

    private readonly FrozenSet<int> _years;
    private readonly FrozenSet<DateOnly> _holidays;
    private readonly FrozenSet<DateOnly> _makeUpWorkingDays;

    private HolidayCalendar(IEnumerable<int> years, IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkingDays)
    {
        _years = years.ToFrozenSet();
        _holidays = holidays.ToFrozenSet();
        _makeUpWorkingDays = makeUpWorkingDays.ToFrozenSet();
    }

    /// <summary>A calendar with no year files: every deadline is computed on weekends alone (provisional).</summary>
    public static HolidayCalendar Empty { get; } = new([], [], []);

    /// <summary>The years that have a file.</summary>
    public IReadOnlyCollection<int> Years => _years;

    /// <summary>Builds a calendar from year files (one JSON document each).</summary>
    /// <exception cref="FormatException">A file is malformed, dates fall outside its year, a day is both
    /// holiday and working day, or two files cover the same year.</exception>
    public static HolidayCalendar FromJson(params string[] yearFiles)
    {
        ArgumentNullException.ThrowIfNull(yearFiles);
        var years = new HashSet<int>();
        var holidays = new HashSet<DateOnly>();
        var makeUp = new HashSet<DateOnly>();
        foreach (var json in yearFiles)
        {
            var file = Parse(json);
            if (!years.Add(file.Year))
            {
                throw new FormatException($"Two calendar files cover the year {file.Year}.");
            }

            foreach (var holiday in file.Holidays)
            {
                if (holiday.Last < holiday.First)
                {
                    throw new FormatException($"Holiday '{holiday.Name}' of {file.Year} ends before it starts.");
                }

                for (var day = holiday.First; day <= holiday.Last; day = day.AddDays(1))
                {
                    RequireYear(file.Year, day);
                    holidays.Add(day);
                }
            }

            foreach (var day in file.MakeUpWorkingDays)
            {
                RequireYear(file.Year, day);
                makeUp.Add(day);
            }
        }

        var both = holidays.Intersect(makeUp).ToList();
        if (both.Count > 0)
        {
            throw new FormatException($"{both[0]:yyyy-MM-dd} is listed both as a holiday and as a working day.");
        }

        return new HolidayCalendar(years, holidays, makeUp);
    }

    /// <summary>Loads every year file embedded in this assembly (<c>Calendar/*.json</c>).</summary>
    public static HolidayCalendar LoadEmbedded()
    {
        var assembly = typeof(HolidayCalendar).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => EmbeddedResources.ReadText(assembly, name))
            .ToArray();
        return FromJson(files);
    }

    /// <summary>Whether the year's official schedule is loaded; without it, counting is provisional.</summary>
    public bool HasYear(int year) => _years.Contains(year);

    /// <summary>
    /// Whether <paramref name="day"/> is a working day: make-up days are; listed holidays are not;
    /// otherwise Saturday and Sunday are rest days and the rest are working days.
    /// </summary>
    public bool IsWorkingDay(DateOnly day)
    {
        if (_makeUpWorkingDays.Contains(day))
        {
            return true;
        }

        if (_holidays.Contains(day))
        {
            return false;
        }

        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    private static void RequireYear(int year, DateOnly day)
    {
        if (day.Year != year)
        {
            throw new FormatException($"{day:yyyy-MM-dd} lies outside the calendar file for {year}.");
        }
    }

    private static YearFile Parse(string json)
    {
        try
        {
            var file = JsonSerializer.Deserialize<YearFile>(json, FileOptions)
                ?? throw new FormatException("A calendar file is empty.");
            if (file.Year is < 1900 or > 9998)
            {
                throw new FormatException($"A calendar file has an implausible year {file.Year}.");
            }

            return file;
        }
        catch (JsonException e)
        {
            throw new FormatException($"A calendar file is not valid: {e.Message}", e);
        }
    }

    private static readonly JsonSerializerOptions FileOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    // "source" documents where the schedule comes from; it is optional and not used.
    private sealed record YearFile(int Year, IReadOnlyList<HolidayRange> Holidays, IReadOnlyList<DateOnly> MakeUpWorkingDays, string? Source = null);

    private sealed record HolidayRange(string Name, DateOnly First, DateOnly Last);
}
