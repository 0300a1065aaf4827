using System.Globalization;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests;

/// <summary>
/// A hub whose clock the test moves: silo and gateway read an offset from a file
/// (Exchange:ClockFile), and deadline reminders look at that clock every 2 s instead of daily.
/// </summary>
public sealed class DeadlineHubFixture : HubFixture
{
    public string ClockFile { get; } = Path.Combine(Path.GetTempPath(), "exchange-clock-" + Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment => new Dictionary<string, string>
    {
        ["Exchange__ClockFile"] = ClockFile,
        ["Exchange__Deadlines__CheckPeriod"] = "00:00:02",
    };

    /// <summary>Moves the hub's clock to <paramref name="instant"/> (real time keeps running from there).</summary>
    public void SetNow(DateTimeOffset instant) =>
        File.WriteAllText(ClockFile, (instant - DateTimeOffset.UtcNow).TotalSeconds.ToString("R", CultureInfo.InvariantCulture));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(ClockFile);
    }
}

/// <summary>Statutory deadlines are watched by reminders that survive a silo crash; the hub flags, the court decides.</summary>
public sealed class DeadlineTests(DeadlineHubFixture hub) : IClassFixture<DeadlineHubFixture>
{
    private CourtService.CourtServiceClient Courts => new(hub.Channel);

    private CallOptions AsCourt => HubFixture.As(hub.CourtKey);

    [DatabaseFact]
    public async Task ReviewDeadlinePassed_RecordsOverdueInHistoryAndDocket_AcrossASilokill()
    {
        var receipt = await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("deadline-review-1"), hub.AsPlatformA);
        var id = receipt.ApplicationId;
        var received = await Courts.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, AsCourt);
        Assert.Equal(DeadlineKind.AcceptanceDecision, Assert.Single(received.Deadlines).Kind);

        await Courts.AcceptApplicationAsync(new CourtActRequest { ApplicationId = id }, AsCourt);
        var underReview = await Courts.StartReviewAsync(new CourtActRequest { ApplicationId = id }, AsCourt);
        var review = underReview.Deadlines.Single(d => d.Kind == DeadlineKind.Review);
        var ceiling = underReview.Deadlines.Single(d => d.Kind == DeadlineKind.ReviewCeiling);
        Assert.True(review.CloseTime.ToDateTimeOffset() < ceiling.CloseTime.ToDateTimeOffset());

        // Still on time: nothing flagged, the docket says ON_TIME.
        Assert.Contains(await DocketAsync(DeadlineState.OnTime), e => e.ApplicationId == id);

        // The silo dies; the reminder lives on in PostgreSQL.
        await hub.Silo.KillAsync();
        await hub.StartSiloAsync();

        // One day before the review deadline closes: due soon, not overdue.
        hub.SetNow(review.CloseTime.ToDateTimeOffset().AddDays(-1));
        Assert.Contains(await DocketAsync(DeadlineState.DueSoon), e => e.ApplicationId == id);

        // An hour past it: the restarted silo's reminder flags it.
        hub.SetNow(review.CloseTime.ToDateTimeOffset().AddHours(1));
        var history = await Probe.UntilAsync(
            () => Courts.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, AsCourt).ResponseAsync,
            h => h.Events.Any(e => e.Kind == "OVERDUE"),
            TimeSpan.FromSeconds(60));
        var overdue = Assert.Single(history.Events, e => e.Kind == "OVERDUE");
        Assert.Equal("REVIEW", overdue.Details["deadline_kind"]);
        Assert.Equal(Actor.Types.Kind.Hub, overdue.Actor.Kind);
        Assert.Equal(ApplicationStatus.UnderReview, overdue.StatusAfter);

        // The hub flags; the court decides: still under review, shown as overdue.
        var flagged = await Courts.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, AsCourt);
        Assert.Equal(ApplicationStatus.UnderReview, flagged.Status);
        Assert.NotNull(flagged.Deadlines.Single(d => d.Kind == DeadlineKind.Review).OverdueFlagTime);
        Assert.Null(flagged.Deadlines.Single(d => d.Kind == DeadlineKind.ReviewCeiling).OverdueFlagTime);
        Assert.Contains(await DocketAsync(DeadlineState.Overdue), e => e.ApplicationId == id);

        // Flagged once: later ticks add nothing until the ceiling passes too.
        hub.SetNow(ceiling.CloseTime.ToDateTimeOffset().AddHours(1));
        history = await Probe.UntilAsync(
            () => Courts.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, AsCourt).ResponseAsync,
            h => h.Events.Count(e => e.Kind == "OVERDUE") == 2,
            TimeSpan.FromSeconds(60));
        Assert.Equal(["REVIEW", "REVIEW_CEILING"], history.Events.Where(e => e.Kind == "OVERDUE").Select(e => e.Details["deadline_kind"]));

        // A ruling ends the deadlines: nothing runs, the docket says NO_DEADLINE.
        var confirmed = await Courts.ConfirmAgreementAsync(new CourtActRequest { ApplicationId = id }, AsCourt);
        Assert.Empty(confirmed.Deadlines);
        Assert.Contains(await DocketAsync(DeadlineState.NoDeadline), e => e.ApplicationId == id);
    }

    private async Task<IReadOnlyList<DocketEntry>> DocketAsync(DeadlineState state)
    {
        var response = await Courts.ListDocketAsync(new ListDocketRequest { DeadlineState = state, PageSize = 500 }, AsCourt);
        return response.Entries;
    }
}
