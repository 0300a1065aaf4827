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

    private HolidayCalendar(IReadOnlyList<HolidayYear> loaded, IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkingDays)
    {
        LoadedYears = loaded;
        _years = loaded.Select(y => y.Year).ToFrozenSet();
        _holidays = holidays.ToFrozenSet();
        _makeUpWorkingDays = makeUpWorkingDays.ToFrozenSet();
    }

    /// <summary>A calendar with no year files: every deadline is computed on weekends alone (provisional).</summary>
    public static HolidayCalendar Empty { get; } = new([], [], []);

    /// <summary>The years that have a file.</summary>
    public IReadOnlyCollection<int> Years => _years;

    /// <summary>The year schedules this calendar was built from, by year, with their versions.</summary>
    public IReadOnlyList<HolidayYear> LoadedYears { get; }

    /// <summary>Builds a calendar from year files (one JSON document each).</summary>
    /// <exception cref="FormatException">A file is malformed, breaks a rule of <see cref="HolidayYear.Check"/>,
    /// or two files cover the same year.</exception>
    public static HolidayCalendar FromJson(params string[] yearFiles)
    {
        ArgumentNullException.ThrowIfNull(yearFiles);
        return FromYears(yearFiles.Select(ParseYear));
    }

    /// <summary>Builds a calendar from years already in memory (e.g. read from the database).</summary>
    /// <exception cref="FormatException">A year breaks a rule of <see cref="HolidayYear.Check"/>, or two cover the same year.</exception>
    public static HolidayCalendar FromYears(IEnumerable<HolidayYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var covered = new HashSet<int>();
        var loaded = new List<HolidayYear>();
        var holidays = new HashSet<DateOnly>();
        var makeUp = new HashSet<DateOnly>();
        foreach (var year in years)
        {
            if (year.Check() is [var first, ..])
            {
                throw new FormatException($"The calendar of {year.Year}: {first.Field} {first.Description}.");
            }

            if (!covered.Add(year.Year))
            {
                throw new FormatException($"Two calendar files cover the year {year.Year}.");
            }

            loaded.Add(year);

            foreach (var holiday in year.Holidays)
            {
                for (var day = holiday.First; day <= holiday.Last; day = day.AddDays(1))
                {
                    holidays.Add(day);
                }
            }

            makeUp.UnionWith(year.MakeUpWorkingDays);
        }

        return new HolidayCalendar([.. loaded.OrderBy(y => y.Year)], holidays, makeUp);
    }

    /// <summary>Reads one year file (format in the remarks) without checking its rules.</summary>
    /// <exception cref="FormatException">The document is not a year file.</exception>
    public static HolidayYear ParseYear(string json)
    {
        try
        {
            var file = JsonSerializer.Deserialize<YearFile>(json, FileOptions)
                ?? throw new FormatException("A calendar file is empty.");
            return new HolidayYear(file.Year, [.. file.Holidays.Select(h => new Holiday(h.Name, h.First, h.Last))], file.MakeUpWorkingDays, file.Source ?? "");
        }
        catch (JsonException e)
        {
            throw new FormatException($"A calendar file is not valid: {e.Message}", e);
        }
    }

    /// <summary>The year files embedded in this assembly (<c>Calendar/*.json</c>): the sample the database is seeded with.</summary>
    public static IReadOnlyList<HolidayYear> EmbeddedYears()
    {
        var assembly = typeof(HolidayCalendar).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => ParseYear(EmbeddedResources.ReadText(assembly, name)))];
    }

    /// <summary>Loads every year file embedded in this assembly (<c>Calendar/*.json</c>).</summary>
    public static HolidayCalendar LoadEmbedded() => FromYears(EmbeddedYears());

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
