namespace Exchange.Domain;

/// <summary>A time limit of an application (common.proto DeadlineKind; DOMAIN.md §2).</summary>
[GenerateSerializer]
public enum DeadlineKind
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>受理期限: the court decides on acceptance within 3 days (Prov2011 art 4). JC only.</summary>
    AcceptanceDecision = 1,

    /// <summary>审查期限: 15 days from acceptance, 25 when extended (Prov2011 art 5). The hub's target.</summary>
    Review = 2,

    /// <summary>30 days from registration for special-procedure cases (MSL23 art 187). The ceiling.</summary>
    ReviewCeiling = 3,

    /// <summary>补正期限: the limit the court set in its correction notice.</summary>
    Correction = 4,

    /// <summary>补充材料期限: the limit the judge set in a supplement order.</summary>
    Supplement = 5,
}

/// <summary>Where an application stands against its nearest deadline (common.proto DeadlineState).</summary>
[GenerateSerializer]
public enum DeadlineState
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>No deadline runs in the current status.</summary>
    NoDeadline = 1,

    /// <summary>The nearest deadline is beyond the due-soon horizon.</summary>
    OnTime = 2,

    /// <summary>The nearest deadline closes within the horizon.</summary>
    DueSoon = 3,

    /// <summary>A deadline has closed.</summary>
    Overdue = 4,
}

/// <summary>One deadline running in an application's current status.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.RunningDeadline")]
public sealed record RunningDeadline(
    [property: Id(0)] DeadlineKind Kind,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] DateTimeOffset ClosesAt,
    [property: Id(3)] bool Provisional);

/// <summary>The facts of an application that its deadlines are counted from.</summary>
/// <param name="Type">The application type.</param>
/// <param name="Status">The current status.</param>
/// <param name="ReceivedAt">When the hub stored the filing.</param>
/// <param name="CorrectionSubmittedAt">When the platform last answered a correction notice: the
/// acceptance clock restarts from it (OLR art 9).</param>
/// <param name="AcceptedAt">When the court accepted (JC) or registered the case (MD).</param>
/// <param name="ReviewExtended">Whether the president approved the +10-day extension.</param>
/// <param name="NoticeAt">When the open correction notice or supplement order was given.</param>
/// <param name="NoticeLimitDays">Its time limit in days.</param>
public sealed record DeadlineFacts(
    ApplicationType Type,
    ApplicationStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? CorrectionSubmittedAt,
    DateTimeOffset? AcceptedAt,
    bool ReviewExtended,
    DateTimeOffset? NoticeAt,
    int NoticeLimitDays);

/// <summary>
/// The deadlines of DOMAIN.md §2, counted per MSL23 art 85 with the holiday calendar: the day a
/// period starts is not counted, and a last day that is a rest day moves to the next working day.
/// </summary>
/// <remarks>
/// Readings made here: days are calendar days (art 85 excludes only the starting day and moves the
/// last); the review target and the ceiling keep running while a supplement is awaited (Prov2011
/// does not stop them); a mediation-document application has no statutory deadline of its own in
/// DOMAIN.md, so only the court's correction limit runs for it.
/// </remarks>
public static class Deadlines
{
    /// <summary>Days for the decision on acceptance (Prov2011 art 4).</summary>
    public const int AcceptanceDays = 3;

    /// <summary>Days for the review from acceptance (Prov2011 art 5).</summary>
    public const int ReviewDays = 15;

    /// <summary>Days the president may add once (Prov2011 art 5).</summary>
    public const int ExtensionDays = 10;

    /// <summary>Days within which every special-procedure case ends (MSL23 art 187).</summary>
    public const int CeilingDays = 30;

    /// <summary>The shortest and longest time limit a court may set in a notice, in days.</summary>
    public const int MinNoticeDays = 1;

    /// <inheritdoc cref="MinNoticeDays"/>
    public const int MaxNoticeDays = 30;

    /// <summary>The deadlines running in <paramref name="facts"/>'s status, nearest first.</summary>
    public static IReadOnlyList<RunningDeadline> Running(DeadlineFacts facts, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(calendar);
        var running = new List<RunningDeadline>();
        void Add(DeadlineKind kind, DateTimeOffset? start, int days)
        {
            if (start is { } s && days > 0)
            {
                var deadline = Count(s, days, calendar);
                running.Add(new RunningDeadline(kind, deadline.Day, deadline.ClosesAt, deadline.Provisional));
            }
        }

        var jc = facts.Type == ApplicationType.JudicialConfirmation;
        switch (facts.Status)
        {
            case ApplicationStatus.Received when jc:
                Add(DeadlineKind.AcceptanceDecision, facts.CorrectionSubmittedAt ?? facts.ReceivedAt, AcceptanceDays);
                break;
            case ApplicationStatus.CorrectionRequested:
                Add(DeadlineKind.Correction, facts.NoticeAt, facts.NoticeLimitDays);
                break;
            case ApplicationStatus.Accepted or ApplicationStatus.UnderReview when jc:
                Add(DeadlineKind.Review, facts.AcceptedAt, ReviewDays + (facts.ReviewExtended ? ExtensionDays : 0));
                Add(DeadlineKind.ReviewCeiling, facts.AcceptedAt, CeilingDays);
                break;
            case ApplicationStatus.SupplementRequested when jc:
                Add(DeadlineKind.Supplement, facts.NoticeAt, facts.NoticeLimitDays);
                Add(DeadlineKind.Review, facts.AcceptedAt, ReviewDays + (facts.ReviewExtended ? ExtensionDays : 0));
                Add(DeadlineKind.ReviewCeiling, facts.AcceptedAt, CeilingDays);
                break;
        }

        running.Sort((a, b) => a.ClosesAt != b.ClosesAt ? a.ClosesAt.CompareTo(b.ClosesAt) : a.Kind.CompareTo(b.Kind));
        return running;
    }

    /// <summary>
    /// A period of <paramref name="days"/> days starting at <paramref name="start"/> (MSL23 art 85):
    /// the CST day of the start is not counted, and a last day that is a rest day moves to the
    /// next working day; the period closes at 24:00 CST of its last day.
    /// </summary>
    public static Deadline Count(DateTimeOffset start, int days, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var day = ChinaStandardTime.DateOf(start).AddDays(days);
        var provisional = !calendar.HasYear(day.Year);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
            provisional |= !calendar.HasYear(day.Year);
        }

        return new Deadline(day, ChinaStandardTime.StartOf(day.AddDays(1)), provisional);
    }

    /// <summary>
    /// The state of an application whose nearest deadline closes at <paramref name="nextClosesAt"/>
    /// (null when none runs), as of <paramref name="now"/>, with a due-soon horizon of
    /// <paramref name="horizon"/>. The docket query applies the same comparisons in SQL.
    /// </summary>
    public static DeadlineState StateOf(DateTimeOffset? nextClosesAt, DateTimeOffset now, TimeSpan horizon) => nextClosesAt switch
    {
        null => DeadlineState.NoDeadline,
        { } at when at <= now => DeadlineState.Overdue,
        { } at when at <= now + horizon => DeadlineState.DueSoon,
        _ => DeadlineState.OnTime,
    };
}
