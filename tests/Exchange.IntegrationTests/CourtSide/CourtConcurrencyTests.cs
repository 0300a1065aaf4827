using System.Globalization;
using System.Text.RegularExpressions;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.CourtSide;

/// <summary>Acts on one application released at the same instant: one wins, the others are judged against its result.</summary>
[Collection(CourtCollection.Name)]
public sealed partial class CourtConcurrencyTests(CourtHubFixture hub)
{
    private CourtFlow Flow => hub.Flow;

    [GeneratedRegex(@"民特([1-9]\d*)号$")]
    private static partial Regex Sequence();

    private static long SequenceOf(Application app) => long.Parse(Sequence().Match(app.CaseNumber).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>Runs every call at once; returns the answers and the refusals.</summary>
    private static async Task<(List<Application> Answers, List<RpcException> Refusals)> TogetherAsync(IEnumerable<Func<Task<Application>>> calls)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = calls.Select(async call =>
        {
            await go.Task;
            try
            {
                return ((Application?)await call(), (RpcException?)null);
            }
            catch (RpcException ex)
            {
                return (null, ex);
            }
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(running);
        return (results.Where(r => r.Item1 is not null).Select(r => r.Item1!).ToList(), results.Where(r => r.Item2 is not null).Select(r => r.Item2!).ToList());
    }

    [DatabaseFact]
    public async Task ConfirmAndRejectAtTheSameInstant_ExactlyOneRules_TheOtherIsTransitionNotAllowed()
    {
        var app = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview);
        var id = app.Receipt.ApplicationId;

        var (answers, refusals) = await TogetherAsync(
            Enumerable.Range(0, 5).SelectMany<int, Func<Task<Application>>>(_ => [() => Flow.ConfirmAsync(id), () => Flow.RejectAsync(id)]));

        var winner = Assert.Single(answers);
        Assert.Equal(9, refusals.Count);
        Assert.All(refusals, r =>
        {
            Assert.Equal(StatusCode.FailedPrecondition, r.StatusCode);
            Assert.Equal(LifecycleTable.ProtoName(winner.Status), r.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["status"]);
        });
        var now = await Flow.GetAsync(id);
        Assert.Equal(winner, now);
        Assert.Equal(app.Version + 1, now.Version);
        Assert.Equal(now.Version, (await Flow.HistoryAsync(id)).Count);
    }

    [DatabaseFact]
    public async Task TheSameActWithTheSameRequestId_FiftyAtOnce_ActsOnceAndAnswersAllAlike()
    {
        var id = (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var requestId = CourtFlow.NewRequestId("burst");

        var (answers, refusals) = await TogetherAsync(Enumerable.Range(0, 50).Select<int, Func<Task<Application>>>(_ => () => Flow.AcceptAsync(id, requestId)));

        Assert.Empty(refusals);
        Assert.Single(answers.Distinct());
        Assert.Equal(2, answers[0].Version);
        Assert.Equal(2, (await Flow.HistoryAsync(id)).Count);
    }

    [DatabaseFact]
    public async Task BothPartiesSigningAtTheSameInstant_MakeTheDocumentEffectiveWithBothSignatures()
    {
        var app = await Flow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued);
        var id = app.Receipt.ApplicationId;

        var (answers, refusals) = await TogetherAsync(
            Enumerable.Range(0, 4).SelectMany<int, Func<Task<Application>>>(_ => [() => Flow.RecordSignatureAsync(id, 0), () => Flow.RecordSignatureAsync(id, 1)]));

        var now = await Flow.GetAsync(id);
        Assert.Equal(ApplicationStatus.Effective, now.Status);
        Assert.Equal(new[] { 0, 1 }, now.SignedPartyIndexes.Order());
        Assert.Equal(app.Version + 2, now.Version);
        Assert.Equal(now.Version, (await Flow.HistoryAsync(id)).Count);

        // Once effective, a further signature is refused (the document is final) or answered unchanged; nothing more is recorded.
        Assert.All(refusals, r => Assert.Equal(StatusCode.FailedPrecondition, r.StatusCode));
        Assert.All(answers, a => Assert.True(a.Version <= now.Version));
    }

    [DatabaseFact]
    public async Task RefusedAndRacingAcceptances_ConsumeNoCaseNumber()
    {
        var before = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted);
        var racing = (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var mediation = (await Flow.SubmitAsync(ApplicationType.MediationDocument)).ApplicationId;
        var confirmed = (await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed)).Receipt.ApplicationId;

        await LifecycleAssert.RefusedAsync(() => Flow.AcceptAsync(mediation), "TRANSITION_NOT_ALLOWED", ApplicationStatus.Received);
        await LifecycleAssert.RefusedAsync(() => Flow.AcceptAsync(confirmed), "TRANSITION_NOT_ALLOWED", ApplicationStatus.Confirmed);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => Flow.AcceptAsync(Guid.NewGuid().ToString()));
        var (answers, refusals) = await TogetherAsync(Enumerable.Range(0, 20).Select<int, Func<Task<Application>>>(_ => () => Flow.AcceptAsync(racing)));
        var after = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted);

        var won = Assert.Single(answers);
        Assert.Equal(19, refusals.Count);
        Assert.All(refusals, r => Assert.Equal(StatusCode.FailedPrecondition, r.StatusCode));
        // `confirmed` took a number when it was walked through acceptance.
        Assert.Equal(SequenceOf(before) + 2, SequenceOf(won));
        Assert.Equal(SequenceOf(won) + 1, SequenceOf(after));
        Assert.Equal(won.CaseNumber, (await Flow.GetAsync(racing)).CaseNumber);
    }
}
