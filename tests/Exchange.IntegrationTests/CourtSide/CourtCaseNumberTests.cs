using System.Globalization;
using System.Text.RegularExpressions;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;

namespace Exchange.IntegrationTests.CourtSide;

/// <summary>A hub of its own: these tests kill its silo, and count case numbers from the first.</summary>
public sealed class CaseNumberHubFixture : CourtHubFixture;

/// <summary>Case numbers run per court, type code and year, without gaps or repeats (DOMAIN.md §6) — under concurrency and across a SIGKILL.</summary>
public sealed partial class CourtCaseNumberTests(CaseNumberHubFixture hub) : IClassFixture<CaseNumberHubFixture>
{
    [GeneratedRegex(@"^（(\d{4})）新0102(民特|民初)([1-9]\d*)号$")]
    private static partial Regex CaseNumber();

    private static (string TypeCode, long Sequence) Parse(string caseNumber)
    {
        var match = CaseNumber().Match(caseNumber);
        Assert.True(match.Success, $"malformed case number {caseNumber}");
        Assert.Equal(DateTimeOffset.UtcNow.ToOffset(ArticleEightyFive.Cst).Year.ToString(CultureInfo.InvariantCulture), match.Groups[1].Value);
        return (match.Groups[2].Value, long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    [DatabaseFact]
    public async Task TwoHundredAcceptancesReleasedTogether_TakeConsecutiveNumbers_AndNumberingAndRequestIdsSurviveASigkill()
    {
        var flow = hub.Flow;
        var last = Parse((await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted)).CaseNumber).Sequence;
        var ids = await Fan.OutAsync(201, 16, async _ => (await flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId);
        var afterRestart = ids[200];
        var concurrent = ids[..200];

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = concurrent.Select(async id =>
        {
            await go.Task;
            return await flow.Court.AcceptApplicationAsync(CourtFlow.Act(id), HubFixture.As(hub.CourtKey, TimeSpan.FromSeconds(120)));
        }).ToList();
        go.SetResult();
        var accepted = await Task.WhenAll(calls);

        Assert.All(accepted, a => Assert.Equal(ApplicationStatus.Accepted, a.Status));
        var numbers = accepted.Select(a => Parse(a.CaseNumber)).ToList();
        Assert.All(numbers, n => Assert.Equal("民特", n.TypeCode));
        var sequences = numbers.Select(n => n.Sequence).Order().ToList();
        Assert.Equal(200, sequences.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => last + i), sequences);

        // Each application keeps the number it was answered with.
        foreach (var a in accepted.Take(20))
        {
            Assert.Equal(a.CaseNumber, (await flow.GetAsync(a.Receipt.ApplicationId)).CaseNumber);
        }

        // Acts acknowledged before the kill, with request ids, to be replayed after it.
        var replayed = (await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview)).Receipt.ApplicationId;
        var confirmRequest = CourtFlow.NewRequestId("before-kill");
        var confirmedBeforeKill = await flow.ConfirmAsync(replayed, confirmRequest);
        var batchIds = await Fan.OutAsync(3, 3, async _ => (await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview)).Receipt.ApplicationId);
        var batch = new BatchRuleRequest { RequestId = CourtFlow.NewRequestId("batch-before-kill"), Ruling = BatchRuling.Confirm, ApplicationIds = { batchIds } };
        var batchBeforeKill = await flow.Court.BatchRuleAsync(batch, flow.AsCourt);
        var historyBeforeKill = await flow.HistoryAsync(replayed);
        var numbersTaken = 1 + 3; // `replayed` and the batch's applications were accepted on their way to review

        await hub.Silo.KillAsync();
        await hub.StartSiloAsync();
        await Probe.UntilAsync(
            () => flow.Court.GetApplicationAsync(new GetApplicationRequest { ApplicationId = afterRestart }, HubFixture.As(hub.CourtKey, TimeSpan.FromSeconds(5))).ResponseAsync,
            _ => true, TimeSpan.FromSeconds(90));

        var next = await flow.AcceptAsync(afterRestart);
        Assert.Equal(("民特", sequences[^1] + numbersTaken + 1), Parse(next.CaseNumber));

        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);
        Assert.Equal(confirmedBeforeKill, await flow.ConfirmAsync(replayed, confirmRequest));
        Assert.Equal(batchBeforeKill, await flow.Court.BatchRuleAsync(batch, flow.AsCourt));
        Assert.Equal(historyBeforeKill, await flow.HistoryAsync(replayed));
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
        foreach (var a in accepted.Take(20))
        {
            Assert.Equal(a.CaseNumber, (await flow.GetAsync(a.Receipt.ApplicationId)).CaseNumber);
        }

        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task MediationDocumentRegistrations_HaveTheirOwnFirstInstanceSequenceFromOne()
    {
        var flow = hub.Flow;

        var first = await flow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.CaseRegistered);
        var jc = await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted);
        var second = await flow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.CaseRegistered);

        Assert.Equal(("民初", 1L), Parse(first.CaseNumber));
        Assert.Equal(("民初", 2L), Parse(second.CaseNumber));
        Assert.Equal("民特", Parse(jc.CaseNumber).TypeCode);
    }

    [DatabaseFact]
    public async Task AnotherCourt_CountsItsOwnSequence()
    {
        var theirs = await hub.SecondCourtFlow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted);

        Assert.Matches(@"^（\d{4}）新0103民特1号$", theirs.CaseNumber);
    }

    [DatabaseFact]
    public async Task ARefusedAcceptance_TakesNoNumber_AndARepeatedAcceptanceTakesNoSecond()
    {
        var flow = hub.Flow;
        var before = await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted);
        await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.NotAccepted);
        var requestId = CourtFlow.NewRequestId();
        var id = (await flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var accepted = await flow.AcceptAsync(id, requestId);
        await flow.AcceptAsync(id, requestId);
        await LifecycleAssert.RefusedAsync(() => flow.AcceptAsync(id), "TRANSITION_NOT_ALLOWED", ApplicationStatus.Accepted);
        var after = await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted);

        // Other tests of this class may accept in between only if run concurrently, which xUnit does not do within a class.
        Assert.Equal(Parse(before.CaseNumber).Sequence + 1, Parse(accepted.CaseNumber).Sequence);
        Assert.Equal(Parse(accepted.CaseNumber).Sequence + 1, Parse(after.CaseNumber).Sequence);
    }
}
