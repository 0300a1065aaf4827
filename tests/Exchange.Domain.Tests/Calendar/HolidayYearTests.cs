namespace Exchange.Domain.Tests.Calendar;

public sealed class HolidayYearTests
{
    private static readonly DateOnly Saturday = new(2027, 1, 9);

    private static HolidayYear Year(IReadOnlyList<Holiday>? holidays = null, IReadOnlyList<DateOnly>? makeUp = null, int year = 2027, string source = "") =>
        new(year, holidays ?? [new Holiday("Spring Festival", new(2027, 2, 5), new(2027, 2, 13))], makeUp ?? [Saturday], source);

    private static IEnumerable<string> Fields(HolidayYear year) => year.Check().Select(v => v.Field);

    [Fact]
    public void HolidayYear_EmbeddedSample_IsValid() =>
        Assert.All(HolidayCalendar.EmbeddedYears(), year => Assert.Empty(year.Check()));

    [Theory]
    [InlineData(1899)]
    [InlineData(9999)]
    public void HolidayYear_YearOutsideTheRange_IsAViolationOfYear(int year) =>
        Assert.Equal(["year"], Fields(Year(holidays: [], makeUp: [], year: year)));

    [Fact]
    public void HolidayYear_DatesOutsideTheYear_AreViolationsOfThoseDates() =>
        Assert.Equal(["holidays[0].last", "make_up_working_days[0]"], Fields(Year(
            holidays: [new Holiday("New Year", new(2027, 12, 31), new(2028, 1, 1))],
            makeUp: [new DateOnly(2026, 12, 26)])));

    [Fact]
    public void HolidayYear_HolidayEndingBeforeItStarts_IsAViolationOfLast() =>
        Assert.Equal(["holidays[0].last"], Fields(Year(holidays: [new Holiday("Qingming", new(2027, 4, 5), new(2027, 4, 3))])));

    [Fact]
    public void HolidayYear_BlankHolidayName_IsAViolationOfName() =>
        Assert.Equal(["holidays[0].name"], Fields(Year(holidays: [new Holiday(" ", new(2027, 4, 3), new(2027, 4, 5))])));

    [Fact]
    public void HolidayYear_MakeUpDayOnAWeekday_IsAViolation_ItIsAWorkingDayAnyway() =>
        Assert.Equal(["make_up_working_days[0]"], Fields(Year(makeUp: [new DateOnly(2027, 1, 6)])));

    [Fact]
    public void HolidayYear_MakeUpDayWithinAHoliday_IsAViolation() =>
        Assert.Equal(["make_up_working_days[0]"], Fields(Year(makeUp: [new DateOnly(2027, 2, 6)])));

    [Fact]
    public void HolidayYear_MakeUpDayListedTwice_IsAViolationOfTheSecond() =>
        Assert.Equal(["make_up_working_days[1]"], Fields(Year(makeUp: [Saturday, Saturday])));

    [Fact]
    public void HolidayYear_SourceLongerThanTheLimit_IsAViolationOfSource() =>
        Assert.Equal(["source"], Fields(Year(source: new string('s', HolidayYear.MaxSourceLength + 1))));

    [Fact]
    public void HolidayCalendar_FromYears_CountsTheYearsHolidaysAndMakeUpDays()
    {
        var calendar = HolidayCalendar.FromYears([Year()]);

        Assert.True(calendar.HasYear(2027));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 2, 8)));
        Assert.True(calendar.IsWorkingDay(Saturday));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 2, 15)));
    }

    [Fact]
    public void HolidayCalendar_FromYears_RefusesAYearThatBreaksARuleOrRepeats()
    {
        Assert.Throws<FormatException>(() => HolidayCalendar.FromYears([Year(makeUp: [new DateOnly(2027, 1, 6)])]));
        Assert.Throws<FormatException>(() => HolidayCalendar.FromYears([Year(), Year()]));
    }

    [Fact]
    public void HolidayCalendar_EmbeddedYears_AreWhatLoadEmbeddedCounts()
    {
        var fromYears = HolidayCalendar.FromYears(HolidayCalendar.EmbeddedYears());
        var embedded = HolidayCalendar.LoadEmbedded();

        Assert.Equal(embedded.Years, fromYears.Years);
        for (var day = new DateOnly(2026, 1, 1); day.Year == 2026; day = day.AddDays(1))
        {
            Assert.Equal(embedded.IsWorkingDay(day), fromYears.IsWorkingDay(day));
        }
    }
}
