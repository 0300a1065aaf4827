namespace Exchange.Domain.Tests.Calendar;

public sealed class FilingWindowTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly HolidayCalendar Calendar = HolidayCalendar.LoadEmbedded();

    private static DateTimeOffset CstTime(int year, int month, int day, int hour = 12, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Cst);

    [Fact]
    public void FilingWindow_StartDayIsNotCounted_DeadlineIsStartPlusThirty()
    {
        var deadline = FilingWindow.Compute(CstTime(2026, 3, 1, 0, 5), Calendar);

        Assert.Equal(new DateOnly(2026, 3, 31), deadline.Day); // a Tuesday
        Assert.False(deadline.Provisional);
    }

    [Fact]
    public void FilingWindow_ClosesAtMidnightChinaStandardTimeAfterTheDeadlineDay()
    {
        var deadline = FilingWindow.Compute(CstTime(2026, 3, 1), Calendar);

        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, Cst), deadline.ClosesAt);
        Assert.False(FilingWindow.IsExpired(deadline, deadline.ClosesAt.AddTicks(-1)));
        Assert.True(FilingWindow.IsExpired(deadline, deadline.ClosesAt));
    }

    [Fact]
    public void FilingWindow_StartDayIsTheChinaStandardTimeDayOfTheEffectiveInstant()
    {
        // 16:30 UTC on 1 March is 00:30 on 2 March in China.
        var deadline = FilingWindow.Compute(new DateTimeOffset(2026, 3, 1, 16, 30, 0, TimeSpan.Zero), Calendar);
        Assert.Equal(new DateOnly(2026, 4, 1), deadline.Day);
    }

    [Fact]
    public void FilingWindow_LastDayOnStatutoryHoliday_ExtendsToNextWorkingDay()
    {
        // 1 September + 30 = 1 October, National Day (1–7 October): the 8th is the next working day.
        var deadline = FilingWindow.Compute(CstTime(2026, 9, 1), Calendar);
        Assert.Equal(new DateOnly(2026, 10, 8), deadline.Day);
    }

    [Fact]
    public void FilingWindow_LastDayOnWeekend_ExtendsToMonday()
    {
        var deadline = FilingWindow.Compute(CstTime(2026, 3, 12), Calendar); // + 30 = Saturday 11 April
        Assert.Equal(new DateOnly(2026, 4, 13), deadline.Day);
    }

    [Fact]
    public void FilingWindow_LastDayOnMakeUpWorkingDay_StaysOnThatDay()
    {
        var deadline = FilingWindow.Compute(CstTime(2026, 1, 29), Calendar); // + 30 = Saturday 28 February, a make-up day
        Assert.Equal(new DateOnly(2026, 2, 28), deadline.Day);
    }

    [Fact]
    public void FilingWindow_LastDayAtStartOfLongHoliday_ExtendsPastTheWholeHoliday()
    {
        var deadline = FilingWindow.Compute(CstTime(2026, 1, 16), Calendar); // + 30 = 15 February, Spring Festival 15–23
        Assert.Equal(new DateOnly(2026, 2, 24), deadline.Day);
    }

    [Fact]
    public void FilingWindow_InYearWithoutCalendar_IsProvisionalAndCountsWeekendsOnly()
    {
        var deadline = FilingWindow.Compute(CstTime(2026, 12, 10), Calendar); // + 30 = Saturday 9 January 2027

        Assert.Equal(new DateOnly(2027, 1, 11), deadline.Day);
        Assert.True(deadline.Provisional);
    }

    [Fact]
    public void FilingWindow_InYearWithCalendarLoaded_IsFinal()
    {
        var calendar = HolidayCalendar.FromJson(
            """{ "year": 2026, "holidays": [], "make_up_working_days": [] }""",
            """{ "year": 2027, "holidays": [ { "name": "New Year", "first": "2027-01-09", "last": "2027-01-11" } ], "make_up_working_days": [] }""");

        var deadline = FilingWindow.Compute(CstTime(2026, 12, 10), calendar);

        Assert.Equal(new DateOnly(2027, 1, 12), deadline.Day);
        Assert.False(deadline.Provisional);
    }

    [Fact]
    public void FilingWindow_FiledAfterTheDeadline_IsRefusedWithTheDeadlineDay()
    {
        // Effective 5 January: deadline Wednesday 4 February; filed 10 March.
        var draft = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with
        {
            SignedDate = new DateOnly(2026, 1, 5),
            EffectiveTime = CstTime(2026, 1, 5),
        });

        var outcome = ValidDrafts.Validate(draft);

        Assert.Empty(outcome.Violations);
        Assert.Equal(ProtoNames.Of(ErrorReason.FilingWindowExpired), outcome.Refusal!.Reason);
        Assert.Equal("2026-02-04", outcome.Refusal.Metadata["deadline"]);
        Assert.Equal(new DateOnly(2026, 2, 4), outcome.FilingDeadline!.Day);
    }

    [Fact]
    public void FilingWindow_FiledOnTheLastMinuteOfTheDeadlineDay_IsAccepted()
    {
        var draft = ValidDrafts.JudicialConfirmation();
        var closes = ValidDrafts.Validate(draft).FilingDeadline!.ClosesAt;

        Assert.True(ValidDrafts.Validate(draft, closes.AddMinutes(-1)).IsAccepted);
        Assert.Equal(ProtoNames.Of(ErrorReason.FilingWindowExpired), ValidDrafts.Validate(draft, closes).Refusal!.Reason);
    }

    [Fact]
    public void FilingWindow_ExpiredOnAProvisionalDeadline_IsAcceptedWithAWarning()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with
        {
            SignedDate = new DateOnly(2026, 12, 10),
            EffectiveTime = CstTime(2026, 12, 10),
        }) with
        { Consent = ValidDrafts.JudicialConfirmation().Consent! with { ConsentTime = CstTime(2027, 1, 20) } };

        var outcome = ValidDrafts.Validate(draft, CstTime(2027, 1, 20));

        Assert.True(outcome.IsAccepted);
        Assert.Equal(ProtoNames.Of(WarningCode.FilingDeadlineProvisional), Assert.Single(outcome.Warnings).Code);
    }

    [Fact]
    public void FilingWindow_DoesNotApplyToMediationDocuments()
    {
        var draft = ValidDrafts.MediationDocument().WithAgreement(a => a with
        {
            SignedDate = new DateOnly(2025, 6, 1),
            EffectiveTime = CstTime(2025, 6, 1),
        });

        var outcome = ValidDrafts.Validate(draft);

        Assert.True(outcome.IsAccepted);
        Assert.Null(outcome.FilingDeadline);
    }

    [Fact]
    public void FilingWindow_EffectiveTimeMoreThanFiveMinutesAhead_IsAViolation()
    {
        var soon = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { SignedDate = new DateOnly(2026, 3, 10), EffectiveTime = ValidDrafts.Now.AddMinutes(5) });
        var late = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { SignedDate = new DateOnly(2026, 3, 10), EffectiveTime = ValidDrafts.Now.AddMinutes(6) });

        Assert.True(ValidDrafts.Validate(soon).IsAccepted);
        Assert.Equal(["judicial_confirmation.agreement.effective_time"], ValidDrafts.Validate(late).Fields());
    }
}
