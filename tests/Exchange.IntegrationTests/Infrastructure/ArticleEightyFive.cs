using Exchange.V1;
using Google.Protobuf.WellKnownTypes;

namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>
/// Deadline counting per MSL23 art 85 with the 2026 schedule of DOMAIN.md §7a, written out
/// independently of the hub: the starting day is not counted, and a last day that is a rest day
/// moves to the next working day. Years without a schedule count weekends alone.
/// </summary>
public static class ArticleEightyFive
{
    public static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static readonly (DateOnly From, DateOnly To)[] Holidays2026 =
    [
        (new(2026, 1, 1), new(2026, 1, 3)),
        (new(2026, 2, 15), new(2026, 2, 23)),
        (new(2026, 4, 4), new(2026, 4, 6)),
        (new(2026, 5, 1), new(2026, 5, 5)),
        (new(2026, 6, 19), new(2026, 6, 21)),
        (new(2026, 9, 25), new(2026, 9, 27)),
        (new(2026, 10, 1), new(2026, 10, 7)),
    ];

    private static readonly DateOnly[] MakeUpWorkingDays2026 =
    [
        new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10),
    ];

    public static bool IsRestDay(DateOnly day)
    {
        if (day.Year == 2026)
        {
            if (Holidays2026.Any(h => day >= h.From && day <= h.To))
            {
                return true;
            }

            if (MakeUpWorkingDays2026.Contains(day))
            {
                return false;
            }
        }

        return day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
    }

    /// <summary>The last day of a period of <paramref name="days"/> days starting on <paramref name="start"/>.</summary>
    public static DateOnly Due(DateOnly start, int days)
    {
        var due = start.AddDays(days);
        while (IsRestDay(due))
        {
            due = due.AddDays(1);
        }

        return due;
    }

    public static DateOnly CstDate(Timestamp time) => DateOnly.FromDateTime(time.ToDateTimeOffset().ToOffset(Cst).DateTime);

    public static DateOnly CstDate(DateTimeOffset time) => DateOnly.FromDateTime(time.ToOffset(Cst).DateTime);

    public static DateOnly ToDateOnly(Google.Type.Date date) => new(date.Year, date.Month, date.Day);

    /// <summary>24:00 China Standard Time of <paramref name="day"/>.</summary>
    public static DateTimeOffset CloseOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Cst);

    /// <summary>The running deadline of <paramref name="kind"/>; fails when there is none or more than one.</summary>
    public static Deadline Of(Application application, DeadlineKind kind)
    {
        var matching = application.Deadlines.Where(d => d.Kind == kind).ToList();
        Assert.True(matching.Count == 1, $"expected one {kind} deadline in {application.Status}, found {matching.Count}: {application.Deadlines}");
        return matching[0];
    }

    /// <summary>What every deadline must satisfy: closes at 24:00 CST of its due date, nearest first.</summary>
    public static void AssertWellFormed(Application application)
    {
        foreach (var deadline in application.Deadlines)
        {
            Assert.NotNull(deadline.DueDate);
            Assert.NotNull(deadline.CloseTime);
            Assert.Equal(CloseOf(ToDateOnly(deadline.DueDate)), deadline.CloseTime.ToDateTimeOffset());
        }

        var closes = application.Deadlines.Select(d => d.CloseTime.ToDateTimeOffset()).ToList();
        Assert.True(closes.SequenceEqual(closes.Order()), $"deadlines not nearest first: {application.Deadlines}");
    }
}
