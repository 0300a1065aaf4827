using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Exchange.Domain;

/// <summary>How the State Council's schedule classifies one date of a year.</summary>
public enum DayClass
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>A weekday (Monday–Friday) outside every holiday: worked.</summary>
    WorkingDay = 1,

    /// <summary>A Saturday or Sunday outside every holiday and not made up: rest.</summary>
    RestDay = 2,

    /// <summary>A day of a named statutory holiday (法定节假日): rest.</summary>
    Holiday = 3,

    /// <summary>A Saturday or Sunday worked in exchange for a holiday's bridge day (调休上班日), which the file names.</summary>
    MakeUpWorkingDay = 4,
}

/// <summary>
/// A year's calendar as an operator loads it (<c>exchange admin calendar load 2027.json</c>): the
/// notice it comes from, the holidays with the make-up working days each one brings, and every date
/// of the year classified. The classification repeats what the holidays say on purpose: the two are
/// typed from the notice separately (its list and its table), and a date on which they disagree is
/// a typo the hub must not count deadlines with. <see cref="Check"/> lists every problem at once;
/// <see cref="ToHolidayYear"/> gives the schedule the hub stores.
/// </summary>
/// <remarks>
/// Format (JSON, field names as written):
/// <code>
/// { "year": 2027,
///   "source": { "notice": "国办发明电〔2026〕N号", "issued": "2026-11-..", "url": "https://www.gov.cn/..." },
///   "holidays": [ { "name": "Spring Festival", "first": "2027-02-05", "last": "2027-02-13",
///                   "make_up_working_days": [ "2027-..." ] } ],
///   "days": { "2027-01-01": "HOLIDAY", "2027-01-02": "REST_DAY", ..., "2027-12-31": "WORKING_DAY" } }
/// </code>
/// Day classes: WORKING_DAY, REST_DAY, HOLIDAY, MAKE_UP_WORKING_DAY. Every date of the year appears
/// in "days" exactly once.
/// </remarks>
public sealed record CalendarYearFile(int Year, CalendarSource Source, IReadOnlyList<CalendarHoliday> Holidays, IReadOnlyDictionary<DateOnly, DayClass> Days)
{
    /// <summary>How many missing or misclassified dates a refusal names one by one before it counts the rest.</summary>
    public const int MaxDatesNamed = 10;

    /// <summary>The longest notice citation and URL, in characters.</summary>
    public const int MaxCitationLength = 200;

    /// <summary>Reads a year file (format in the remarks) without checking its rules.</summary>
    /// <exception cref="FormatException">The text is not a year file; the message says where.</exception>
    public static CalendarYearFile Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var file = JsonSerializer.Deserialize<FileDto>(json, Options) ?? throw new FormatException("the calendar file is empty (null)");
            var days = new Dictionary<DateOnly, DayClass>();
            foreach (var (key, value) in file.Days)
            {
                if (!DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    throw new FormatException($"days: '{key}' is not a date (yyyy-MM-dd)");
                }

                days[day] = ProtoNames.Parse<DayClass>(value) is var parsed and not DayClass.Unspecified
                    ? parsed
                    : throw new FormatException($"days[{key}]: '{value}' is not WORKING_DAY, REST_DAY, HOLIDAY or MAKE_UP_WORKING_DAY");
            }

            return new CalendarYearFile(
                file.Year,
                new CalendarSource(file.Source.Notice ?? "", file.Source.Issued, file.Source.Url ?? ""),
                [.. file.Holidays.Select(h => new CalendarHoliday(h.Name ?? "", h.First, h.Last, h.MakeUpWorkingDays ?? []))],
                days);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not a calendar year file (year, source, holidays, days): {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Every rule the file breaks; empty when the hub may count deadlines with it. Field names are
    /// the file's (days[2027-02-06], holidays[1].make_up_working_days[0], source.notice).
    /// </summary>
    public IReadOnlyList<FieldViolation> Check()
    {
        var found = new List<FieldViolation>();
        void Add(string field, string? problem)
        {
            if (problem is not null)
            {
                found.Add(new FieldViolation(field, problem));
            }
        }

        if (Year is < HolidayYear.MinYear or > HolidayYear.MaxYear)
        {
            Add("year", $"must be {HolidayYear.MinYear}–{HolidayYear.MaxYear}");
            return found;
        }

        // The source notice: the hub counts statutory periods with this file, so it names its authority.
        Add("source.notice", TextLimits.Required(Source.Notice, MaxCitationLength)
            ?? (Source.Notice.Contains('号', StringComparison.Ordinal) ? null : $"'{Source.Notice}' does not cite a notice by its number, e.g. 国办发明电〔2025〕7号"));
        Add("source.issued", Source.Issued is not { } issued ? "is required: the date the notice was issued"
            : issued.Year is var y && (y < Year - 1 || y > Year) ? $"{issued:yyyy-MM-dd}: a year's notice is issued in that year or the one before" : null);
        Add("source.url", TextLimits.Optional(Source.Url, MaxCitationLength));

        string? InYear(DateOnly day) => day.Year != Year ? $"{day:yyyy-MM-dd} lies outside {Year}" : null;
        var holidayOf = new Dictionary<DateOnly, string>();
        var makeUpOf = new Dictionary<DateOnly, string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Holidays.Count; i++)
        {
            var holiday = Holidays[i];
            var prefix = $"holidays[{i}]";
            Add($"{prefix}.name", TextLimits.Required(holiday.Name, HolidayYear.MaxHolidayNameLength)
                ?? (!names.Add(holiday.Name) ? $"'{holiday.Name}' is listed twice" : null));
            var rangeProblem = InYear(holiday.First) ?? InYear(holiday.Last)
                ?? (holiday.Last < holiday.First ? $"last ({holiday.Last:yyyy-MM-dd}) is before first ({holiday.First:yyyy-MM-dd})" : null);
            Add($"{prefix}.first", rangeProblem);
            if (rangeProblem is null)
            {
                for (var day = holiday.First; day <= holiday.Last; day = day.AddDays(1))
                {
                    if (!holidayOf.TryAdd(day, holiday.Name))
                    {
                        Add($"{prefix}.first", $"{day:yyyy-MM-dd} is also a day of {holidayOf[day]}");
                        break;
                    }
                }
            }
        }

        for (var i = 0; i < Holidays.Count; i++)
        {
            var holiday = Holidays[i];
            for (var j = 0; j < holiday.MakeUpWorkingDays.Count; j++)
            {
                var day = holiday.MakeUpWorkingDays[j];
                Add($"holidays[{i}].make_up_working_days[{j}]", InYear(day)
                    ?? (holidayOf.TryGetValue(day, out var on) ? $"{day:yyyy-MM-dd} is a day of {on}, not a working day" : null)
                    ?? (!IsWeekend(day) ? $"{day:yyyy-MM-dd} is a {day.DayOfWeek}, a working day anyway" : null)
                    ?? (!makeUpOf.TryAdd(day, holiday.Name) ? $"{day:yyyy-MM-dd} is already made up for {makeUpOf[day]}" : null));
            }
        }

        // Every date of the year, classified once and as the holidays say.
        var missing = new List<DateOnly>();
        var wrong = 0;
        for (var day = new DateOnly(Year, 1, 1); day.Year == Year; day = day.AddDays(1))
        {
            if (!Days.TryGetValue(day, out var given))
            {
                missing.Add(day);
                continue;
            }

            var expected = holidayOf.ContainsKey(day) ? DayClass.Holiday
                : makeUpOf.ContainsKey(day) ? DayClass.MakeUpWorkingDay
                : IsWeekend(day) ? DayClass.RestDay
                : DayClass.WorkingDay;
            if (given != expected && wrong++ < MaxDatesNamed)
            {
                Add($"days[{day:yyyy-MM-dd}]", $"is {ProtoNames.Of(given)}, but {Why(day, expected)}");
            }
        }

        if (missing.Count > 0)
        {
            Add("days", $"{missing.Count} date(s) of {Year} are not classified: "
                + string.Join(", ", missing.Take(MaxDatesNamed).Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
                + (missing.Count > MaxDatesNamed ? ", …" : ""));
        }

        if (wrong > MaxDatesNamed)
        {
            Add("days", $"{wrong - MaxDatesNamed} more date(s) are misclassified");
        }

        foreach (var day in Days.Keys.Where(d => d.Year != Year).Order().Take(MaxDatesNamed))
        {
            Add($"days[{day:yyyy-MM-dd}]", $"lies outside {Year}");
        }

        return found;

        string Why(DateOnly day, DayClass expected) => expected switch
        {
            DayClass.Holiday => $"it is a day of {holidayOf[day]} (HOLIDAY)",
            DayClass.MakeUpWorkingDay => $"it is a make-up working day of {makeUpOf[day]} (MAKE_UP_WORKING_DAY)",
            DayClass.RestDay => $"it is a {day.DayOfWeek} outside the holidays and not made up (REST_DAY)",
            _ => $"it is a {day.DayOfWeek} outside the holidays (WORKING_DAY)",
        };
    }

    /// <summary>The schedule the hub stores and counts with; call only when <see cref="Check"/> found nothing.</summary>
    public HolidayYear ToHolidayYear() => new(
        Year,
        [.. Holidays.Select(h => new Holiday(h.Name, h.First, h.Last))],
        [.. Holidays.SelectMany(h => h.MakeUpWorkingDays).Order()],
        Source.Citation);

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        // A misspelt field would otherwise vanish, and the year be loaded without it.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record FileDto(int Year, SourceDto Source, IReadOnlyList<HolidayDto> Holidays, IReadOnlyDictionary<string, string> Days);

    private sealed record SourceDto(string? Notice = null, DateOnly? Issued = null, string? Url = null);

    private sealed record HolidayDto(string? Name, DateOnly First, DateOnly Last, IReadOnlyList<DateOnly>? MakeUpWorkingDays = null);
}

/// <summary>The notice a year's calendar comes from: its number, the day it was issued, where it is published.</summary>
public sealed record CalendarSource(string Notice, DateOnly? Issued, string Url)
{
    /// <summary>The one line the hub stores as the year's source, e.g. "国办发明电〔2025〕7号, issued 2025-11-04, https://…".</summary>
    public string Citation =>
        string.Join(", ", new[] { Notice, Issued is { } d ? "issued " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "", Url }.Where(s => s.Length > 0));
}

/// <summary>One holiday of a year file: its rest days, first to last, and the make-up working days it brings.</summary>
public sealed record CalendarHoliday(string Name, DateOnly First, DateOnly Last, IReadOnlyList<DateOnly> MakeUpWorkingDays);
