namespace Exchange.Domain.Tests.Calendar;

public sealed class HolidayCalendarTests
{
    private static readonly HolidayCalendar Calendar = HolidayCalendar.LoadEmbedded();

    [Fact]
    public void HolidayCalendar_Embedded_Has2026Only()
    {
        Assert.True(Calendar.HasYear(2026));
        Assert.False(Calendar.HasYear(2027));
        Assert.Equal([2026], Calendar.Years);
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-01-02")] // Friday, New Year
    [InlineData("2026-02-16")] // Monday, Spring Festival
    [InlineData("2026-02-23")]
    [InlineData("2026-04-06")] // Monday, Qingming
    [InlineData("2026-05-05")]
    [InlineData("2026-06-19")]
    [InlineData("2026-09-25")]
    [InlineData("2026-10-01")]
    [InlineData("2026-10-07")]
    public void HolidayCalendar_ListedHolidays_AreRestDays(string day) =>
        Assert.False(Calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-01-04")]
    [InlineData("2026-02-14")]
    [InlineData("2026-02-28")]
    [InlineData("2026-05-09")]
    [InlineData("2026-09-20")]
    [InlineData("2026-10-10")]
    public void HolidayCalendar_MakeUpDays_AreWorkingDaysAlthoughWeekends(string text)
    {
        var day = DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.True(Calendar.IsWorkingDay(day));
    }

    [Fact]
    public void HolidayCalendar_OrdinaryWeekend_IsRestAndWeekday_IsWorking()
    {
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 3, 7))); // Saturday
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 3, 8))); // Sunday
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 3, 9)));  // Monday
    }

    [Fact]
    public void HolidayCalendar_YearWithoutFile_CountsWeekendsOnly()
    {
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));  // a Friday, no 2027 schedule loaded
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2027, 1, 2))); // Saturday
    }

    [Fact]
    public void HolidayCalendar_FromJson_CombinesYearFiles()
    {
        var calendar = HolidayCalendar.FromJson(
            """{ "year": 2026, "holidays": [], "make_up_working_days": [] }""",
            """{ "year": 2027, "holidays": [ { "name": "New Year", "first": "2027-01-01", "last": "2027-01-01" } ], "make_up_working_days": [ "2027-01-02" ] }""");

        Assert.True(calendar.HasYear(2027));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 2)));
    }

    [Theory]
    [InlineData("""{ "year": 2027, "holidays": [ { "name": "x", "first": "2026-12-31", "last": "2027-01-01" } ], "make_up_working_days": [] }""")]
    [InlineData("""{ "year": 2027, "holidays": [ { "name": "x", "first": "2027-01-03", "last": "2027-01-01" } ], "make_up_working_days": [] }""")]
    [InlineData("""{ "year": 2027, "holidays": [ { "name": "x", "first": "2027-01-01", "last": "2027-01-01" } ], "make_up_working_days": [ "2027-01-01" ] }""")]
    [InlineData("""{ "year": 2027, "holidays": [] }""")]
    [InlineData("[]")]
    public void HolidayCalendar_FromJson_RejectsInconsistentFiles(string json) =>
        Assert.Throws<FormatException>(() => HolidayCalendar.FromJson(json));

    [Fact]
    public void HolidayCalendar_FromJson_RejectsTwoFilesForOneYear()
    {
        const string file = """{ "year": 2027, "holidays": [], "make_up_working_days": [] }""";
        Assert.Throws<FormatException>(() => HolidayCalendar.FromJson(file, file));
    }
}
