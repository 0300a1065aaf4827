using System.Globalization;

namespace Exchange.Domain.Tests.Court;

/// <summary>DOMAIN.md §2 time limits, counted per MSL23 art 85 with the 2026 calendar.</summary>
public sealed class DeadlinesTests
{
    private static readonly HolidayCalendar Calendar = HolidayCalendar.LoadEmbedded();

    /// <summary>An instant at noon China Standard Time of <paramref name="day"/>.</summary>
    private static DateTimeOffset NoonCst(string day) =>
        new(DateOnly.Parse(day, CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8));

    private static DateOnly Day(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    private static DeadlineFacts Jc(ApplicationStatus status, string received = "2026-03-02", string? accepted = null,
        bool extended = false, string? correctionSubmitted = null, string? notice = null, int limit = 0) =>
        new(ApplicationType.JudicialConfirmation, status, NoonCst(received),
            correctionSubmitted is null ? null : NoonCst(correctionSubmitted), accepted is null ? null : NoonCst(accepted),
            extended, notice is null ? null : NoonCst(notice), limit);

    [Fact]
    public void Art85_StartingDayIsNotCounted()
    {
        // Received Monday 2 March: days 1–3 are 3–5 March; Thursday the 5th is a working day.
        var deadline = Deadlines.Count(NoonCst("2026-03-02"), 3, Calendar);
        Assert.Equal(Day("2026-03-05"), deadline.Day);
    }

    [Fact]
    public void Art85_LastDayOnAWeekend_MovesToTheNextWorkingDay()
    {
        // Received Wednesday 4 March: day 3 is Saturday the 7th → Monday the 9th.
        Assert.Equal(Day("2026-03-09"), Deadlines.Count(NoonCst("2026-03-04"), 3, Calendar).Day);
    }

    [Fact]
    public void Art85_LastDayInAPublicHoliday_MovesPastTheWholeHoliday()
    {
        // Received Tuesday 29 September: day 3 is 2 October, inside National Day (1–7 Oct) → 8 October.
        Assert.Equal(Day("2026-10-08"), Deadlines.Count(NoonCst("2026-09-29"), 3, Calendar).Day);
    }

    [Fact]
    public void Art85_MakeUpWorkingDay_EndsAPeriod()
    {
        // Received Thursday 7 May: day 2 is Saturday 9 May, a make-up working day (调休).
        Assert.Equal(Day("2026-05-09"), Deadlines.Count(NoonCst("2026-05-07"), 2, Calendar).Day);
    }

    [Fact]
    public void Art85_PeriodClosesAtMidnightCstOfItsLastDay()
    {
        var deadline = Deadlines.Count(NoonCst("2026-03-02"), 3, Calendar);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.FromHours(8)), deadline.ClosesAt);
        Assert.False(deadline.Provisional);
    }

    [Fact]
    public void Art85_DayInAYearWithoutCalendar_IsProvisional()
    {
        Assert.True(Deadlines.Count(NoonCst("2026-12-30"), 15, Calendar).Provisional);
    }

    [Fact]
    public void Prov2011Art4_ReceivedJudicialConfirmation_HasAThreeDayAcceptanceDeadline()
    {
        var running = Assert.Single(Deadlines.Running(Jc(ApplicationStatus.Received), Calendar));
        Assert.Equal(DeadlineKind.AcceptanceDecision, running.Kind);
        Assert.Equal(Day("2026-03-05"), running.Day);
    }

    [Fact]
    public void OlrArt9_AcceptanceClockRestartsFromTheCorrection()
    {
        var running = Assert.Single(Deadlines.Running(Jc(ApplicationStatus.Received, correctionSubmitted: "2026-03-16"), Calendar));
        Assert.Equal(Day("2026-03-19"), running.Day);
    }

    [Fact]
    public void CorrectionNotice_RunsTheCourtsLimitOnly()
    {
        var running = Assert.Single(Deadlines.Running(Jc(ApplicationStatus.CorrectionRequested, notice: "2026-03-03", limit: 7), Calendar));
        Assert.Equal(DeadlineKind.Correction, running.Kind);
        Assert.Equal(Day("2026-03-10"), running.Day);
    }

    [Fact]
    public void Prov2011Art5_ReviewRunsFifteenDaysFromAcceptance_WithTheThirtyDayCeiling()
    {
        var running = Deadlines.Running(Jc(ApplicationStatus.UnderReview, accepted: "2026-03-03"), Calendar);
        Assert.Equal([DeadlineKind.Review, DeadlineKind.ReviewCeiling], running.Select(d => d.Kind));
        Assert.Equal(Day("2026-03-18"), running[0].Day);
        Assert.Equal(Day("2026-04-02"), running[1].Day);
    }

    [Fact]
    public void Prov2011Art5_ExtensionAddsTenDaysToTheReview_NotToTheCeiling()
    {
        var running = Deadlines.Running(Jc(ApplicationStatus.UnderReview, accepted: "2026-03-03", extended: true), Calendar);
        // 3 March + 25 = Saturday 28 March → Monday 30 March; the ceiling stays 2 April.
        Assert.Equal(Day("2026-03-30"), running.Single(d => d.Kind == DeadlineKind.Review).Day);
        Assert.Equal(Day("2026-04-02"), running.Single(d => d.Kind == DeadlineKind.ReviewCeiling).Day);
    }

    [Fact]
    public void SupplementOrder_RunsBesideTheReviewDeadlines()
    {
        var running = Deadlines.Running(Jc(ApplicationStatus.SupplementRequested, accepted: "2026-03-03", notice: "2026-03-05", limit: 5), Calendar);
        Assert.Equal([DeadlineKind.Supplement, DeadlineKind.Review, DeadlineKind.ReviewCeiling], running.Select(d => d.Kind));
        Assert.Equal(Day("2026-03-10"), running[0].Day);
    }

    [Theory]
    [InlineData(ApplicationStatus.Confirmed)]
    [InlineData(ApplicationStatus.Rejected)]
    [InlineData(ApplicationStatus.NotAccepted)]
    [InlineData(ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.Served)]
    public void Ruled_NoDeadlineRuns(ApplicationStatus status) =>
        Assert.Empty(Deadlines.Running(Jc(status, accepted: "2026-03-03"), Calendar));

    [Fact]
    public void MediationDocument_HasNoStatutoryDeadline_OnlyTheCorrectionLimit()
    {
        var received = new DeadlineFacts(ApplicationType.MediationDocument, ApplicationStatus.Received, NoonCst("2026-03-02"), null, null, false, null, 0);
        Assert.Empty(Deadlines.Running(received, Calendar));
        var correcting = received with { Status = ApplicationStatus.CorrectionRequested, NoticeAt = NoonCst("2026-03-02"), NoticeLimitDays = 3 };
        Assert.Equal(DeadlineKind.Correction, Assert.Single(Deadlines.Running(correcting, Calendar)).Kind);
    }

    [Fact]
    public void DeadlineState_ComparesTheNearestDeadlineWithNowAndTheHorizon()
    {
        var now = NoonCst("2026-03-10");
        var horizon = TimeSpan.FromDays(3);
        Assert.Equal(DeadlineState.NoDeadline, Deadlines.StateOf(null, now, horizon));
        Assert.Equal(DeadlineState.Overdue, Deadlines.StateOf(now, now, horizon));
        Assert.Equal(DeadlineState.DueSoon, Deadlines.StateOf(now.AddDays(3), now, horizon));
        Assert.Equal(DeadlineState.OnTime, Deadlines.StateOf(now.AddDays(3).AddTicks(1), now, horizon));
    }
}
