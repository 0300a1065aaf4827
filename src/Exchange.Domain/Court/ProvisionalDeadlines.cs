namespace Exchange.Domain;

/// <summary>
/// Which applications a newly loaded holiday year can change. A deadline counted before its year's
/// calendar was loaded is provisional (counted on weekends alone); once the year arrives, every
/// application whose running deadlines may reach into it is counted again.
/// </summary>
public static class ProvisionalDeadlines
{
    /// <summary>
    /// The longest span, in days, between an application's nearest running deadline and its farthest:
    /// the longest period (the 30-day ceiling, or a notice's 30 days) plus the longest run of rest
    /// days a last day can be moved across (the 9-day Spring Festival, rounded up to 15).
    /// </summary>
    public const int SpanDays = Deadlines.CeilingDays + 15;

    /// <summary>
    /// The interval [From, To) in which an application's nearest deadline (the read model's
    /// next_deadline_at) lies when any of its running deadlines can fall in <paramref name="year"/>.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) NearestDeadlineWindow(int year) =>
        (ChinaStandardTime.StartOf(new DateOnly(year, 1, 1).AddDays(-SpanDays)),
         // A deadline on 31 December closes at 24:00 CST, the first instant of the next year.
         ChinaStandardTime.StartOf(new DateOnly(year + 1, 1, 2)));
}
