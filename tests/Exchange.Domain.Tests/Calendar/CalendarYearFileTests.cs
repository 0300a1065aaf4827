using System.Globalization;
using System.Text.Json;

namespace Exchange.Domain.Tests.Calendar;

/// <summary>
/// A year's calendar is loaded only when every date of the year is classified as the notice's
/// holidays say, every make-up working day is named by its holiday, and the notice is cited.
/// </summary>
public sealed class CalendarYearFileTests
{
    /// <summary>The verified 2026 schedule (DOMAIN.md §7a), written out day by day as an operator's file would be.</summary>
    internal static Dictionary<string, object> File2026()
    {
        var year = HolidayCalendar.EmbeddedYears().Single(y => y.Year == 2026);
        var makeUpOf = new Dictionary<DateOnly, string>
        {
            [new(2026, 1, 4)] = "New Year", [new(2026, 2, 14)] = "Spring Festival", [new(2026, 2, 28)] = "Spring Festival",
            [new(2026, 5, 9)] = "Labour Day", [new(2026, 9, 20)] = "National Day", [new(2026, 10, 10)] = "National Day",
        };
        return Write(2026, year.Holidays, makeUpOf, "国办发明电〔2025〕7号", "2025-11-04");
    }

    internal static Dictionary<string, object> Write(int year, IReadOnlyList<Holiday> holidays, IReadOnlyDictionary<DateOnly, string> makeUpOf, string notice, string issued)
    {
        var days = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            days[Iso(day)] = holidays.Any(h => h.First <= day && day <= h.Last) ? "HOLIDAY"
                : makeUpOf.ContainsKey(day) ? "MAKE_UP_WORKING_DAY"
                : day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "REST_DAY"
                : "WORKING_DAY";
        }

        return new()
        {
            ["year"] = year,
            ["source"] = new Dictionary<string, string> { ["notice"] = notice, ["issued"] = issued, ["url"] = "https://www.gov.cn/" },
            ["holidays"] = holidays.Select(h => new Dictionary<string, object>
            {
                ["name"] = h.Name, ["first"] = Iso(h.First), ["last"] = Iso(h.Last),
                ["make_up_working_days"] = makeUpOf.Where(m => m.Value == h.Name).Select(m => Iso(m.Key)).Order().ToList(),
            }).ToList(),
            ["days"] = days,
        };
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CalendarYearFile Parse(Dictionary<string, object> file) => CalendarYearFile.Parse(JsonSerializer.Serialize(file));

    private static SortedDictionary<string, string> Days(Dictionary<string, object> file) => (SortedDictionary<string, string>)file["days"];

    private static List<Dictionary<string, object>> Holidays(Dictionary<string, object> file) => (List<Dictionary<string, object>>)file["holidays"];

    [Fact]
    public void CalendarLoad_The2026NoticeDayByDay_IsValid_AndGivesTheStoredSchedule()
    {
        var file = Parse(File2026());
        Assert.Empty(file.Check());
        var year = file.ToHolidayYear();
        var embedded = HolidayCalendar.EmbeddedYears().Single(y => y.Year == 2026);
        Assert.Equal(embedded.Holidays, year.Holidays);
        Assert.Equal(embedded.MakeUpWorkingDays.Order(), year.MakeUpWorkingDays);
        Assert.Equal("国办发明电〔2025〕7号, issued 2025-11-04, https://www.gov.cn/", year.Source);
        Assert.Empty(year.Check());
    }

    [Fact]
    public void CalendarLoad_TheShippedSample_IsValid_AndIsTheEmbedded2026()
    {
        var file = CalendarYearFile.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "calendar-2026.json")));
        Assert.Empty(file.Check());
        var embedded = HolidayCalendar.EmbeddedYears().Single(y => y.Year == 2026);
        Assert.Equal(embedded.Holidays, file.ToHolidayYear().Holidays);
        Assert.Equal(embedded.MakeUpWorkingDays.Order(), file.ToHolidayYear().MakeUpWorkingDays);
    }

    [Fact]
    public void CalendarLoad_EveryDateOfTheYearMustBeClassified_MissingDaysAreNamed()
    {
        var file = File2026();
        Days(file).Remove("2026-03-14");
        Days(file).Remove("2026-12-31");
        var violation = Assert.Single(Parse(file).Check());
        Assert.Equal("days", violation.Field);
        Assert.Equal("2 date(s) of 2026 are not classified: 2026-03-14, 2026-12-31", violation.Description);
    }

    [Fact]
    public void CalendarLoad_AMakeUpWorkingDayOnAHoliday_IsRefused()
    {
        var file = File2026();
        // 2026-02-15 is the first day of Spring Festival; listed as made up for it, and so classified.
        ((List<string>)Holidays(file)[1]["make_up_working_days"]).Add("2026-02-15");
        Days(file)["2026-02-15"] = "MAKE_UP_WORKING_DAY";
        var violations = Parse(file).Check();
        Assert.Contains(violations, v => v.Field == "holidays[1].make_up_working_days[2]" && v.Description == "2026-02-15 is a day of Spring Festival, not a working day");
        Assert.Contains(violations, v => v.Field == "days[2026-02-15]" && v.Description.Contains("day of Spring Festival (HOLIDAY)", StringComparison.Ordinal));
    }

    [Fact]
    public void CalendarLoad_AMakeUpWorkingDayMustBeNamedByItsHoliday()
    {
        var file = File2026();
        // The day-by-day table says 2026-01-04 is worked, but no holiday lists it.
        ((List<string>)Holidays(file)[0]["make_up_working_days"]).Clear();
        var violation = Assert.Single(Parse(file).Check());
        Assert.Equal("days[2026-01-04]", violation.Field);
        Assert.Equal("is MAKE_UP_WORKING_DAY, but it is a Sunday outside the holidays and not made up (REST_DAY)", violation.Description);
    }

    [Fact]
    public void CalendarLoad_AWeekdayMadeUp_IsRefused() =>
        Assert.Contains(Parse(WithMakeUp("2026-03-11")).Check(), v => v.Field == "holidays[0].make_up_working_days[1]" && v.Description.EndsWith("a working day anyway", StringComparison.Ordinal));

    [Fact]
    public void CalendarLoad_ADayClassifiedAgainstTheHolidays_IsNamed()
    {
        var file = File2026();
        Days(file)["2026-10-08"] = "HOLIDAY"; // National Day ends on the 7th
        var violation = Assert.Single(Parse(file).Check());
        Assert.Equal("days[2026-10-08]", violation.Field);
        Assert.Equal("is HOLIDAY, but it is a Thursday outside the holidays (WORKING_DAY)", violation.Description);
    }

    [Theory]
    [InlineData("", "source.notice")]
    [InlineData("State Council notice on the 2026 holidays", "source.notice")]
    public void CalendarLoad_TheSourceNoticeMustBeCitedByItsNumber(string notice, string field)
    {
        var file = File2026();
        ((Dictionary<string, string>)file["source"])["notice"] = notice;
        Assert.Equal(field, Assert.Single(Parse(file).Check()).Field);
    }

    [Fact]
    public void CalendarLoad_OverlappingHolidays_AreRefused()
    {
        var file = File2026();
        Holidays(file)[2]["first"] = "2026-02-23"; // Qingming made to start on Spring Festival's last day
        Assert.Contains(Parse(file).Check(), v => v.Field == "holidays[2].first" && v.Description == "2026-02-23 is also a day of Spring Festival");
    }

    [Theory]
    [InlineData("""{"year": 2027, "source": {}, "holidays": [], "days": {"2027-02-30": "HOLIDAY"}}""", "days: '2027-02-30' is not a date")]
    [InlineData("""{"year": 2027, "source": {}, "holidays": [], "days": {"2027-02-03": "BRIDGE"}}""", "days[2027-02-03]: 'BRIDGE' is not")]
    [InlineData("""{"year": 2027, "source": {}, "holidays": [], "days": {}, "make_up_workdays": []}""", "make_up_workdays")]
    public void CalendarLoad_AFileThatIsNotAYearFile_SaysWhere(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => CalendarYearFile.Parse(json)).Message, StringComparison.Ordinal);

    private static Dictionary<string, object> WithMakeUp(string day)
    {
        var file = File2026();
        ((List<string>)Holidays(file)[0]["make_up_working_days"]).Add(day);
        Days(file)[day] = "MAKE_UP_WORKING_DAY";
        return file;
    }
}
