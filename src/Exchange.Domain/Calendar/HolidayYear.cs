namespace Exchange.Domain;

/// <summary>One statutory holiday of a year, e.g. Spring Festival, first to last rest day inclusive.</summary>
public sealed record Holiday(string Name, DateOnly First, DateOnly Last);

/// <summary>
/// One year's schedule as the State Council announces it: the holidays (rest days) and the make-up
/// working days (调休上班日, weekend days worked instead). <see cref="Source"/> says where it comes
/// from (a notice and its date); the hub does not read it.
/// </summary>
public sealed record HolidayYear(int Year, IReadOnlyList<Holiday> Holidays, IReadOnlyList<DateOnly> MakeUpWorkingDays, string Source = "")
{
    public const int MinYear = 1900;
    public const int MaxYear = 9998;
    public const int MaxHolidayNameLength = 50;
    public const int MaxSourceLength = 500;

    /// <summary>
    /// The stored version of the year (1 when first put, +1 per change), or 0 for a year not read
    /// from the database (the embedded sample, a file): reported with the calendar a call used.
    /// </summary>
    public long Version { get; init; }

    /// <summary>
    /// Every rule the year breaks; empty when it is valid. Field names are those of the admin
    /// service's HolidayYear message. A make-up working day must be a Saturday or a Sunday (a
    /// weekday works anyway: listing one is a typo) and may not fall within a holiday.
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

        var yearKnown = Year is >= MinYear and <= MaxYear;
        Add("year", yearKnown ? null : $"must be {MinYear}–{MaxYear}");
        string? InYear(DateOnly day) => yearKnown && day.Year != Year ? $"{day:yyyy-MM-dd} lies outside {Year}" : null;

        var restDays = new HashSet<DateOnly>();
        for (var i = 0; i < Holidays.Count; i++)
        {
            var holiday = Holidays[i];
            Add($"holidays[{i}].name", TextLimits.Required(holiday.Name, MaxHolidayNameLength));
            Add($"holidays[{i}].first", InYear(holiday.First));
            Add($"holidays[{i}].last", InYear(holiday.Last)
                ?? (holiday.Last < holiday.First ? $"must not be before first ({holiday.First:yyyy-MM-dd})" : null));
            for (var day = holiday.First; day <= holiday.Last && day.Year == holiday.First.Year; day = day.AddDays(1))
            {
                restDays.Add(day);
            }
        }

        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < MakeUpWorkingDays.Count; i++)
        {
            var day = MakeUpWorkingDays[i];
            Add($"make_up_working_days[{i}]", InYear(day)
                ?? (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) ? $"{day:yyyy-MM-dd} is a {day.DayOfWeek}, a working day anyway" : null)
                ?? (restDays.Contains(day) ? $"{day:yyyy-MM-dd} lies within a holiday" : null)
                ?? (!seen.Add(day) ? $"{day:yyyy-MM-dd} is listed twice" : null));
        }

        Add("source", TextLimits.CodePoints(Source) > MaxSourceLength ? $"at most {MaxSourceLength} characters" : null);
        return found;
    }
}
