using System.Diagnostics;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.CourtSide;

/// <summary>A hub of its own for the batch rulings, so that a thousand applications do not weigh on the others.</summary>
public sealed class BatchRuleHubFixture : CourtHubFixture;

/// <summary>BatchRule: a thousand at once, mixed batches, idempotency and the whole call's errors.</summary>
public sealed class CourtBatchRuleTests(BatchRuleHubFixture hub, ITestOutputHelper output) : IClassFixture<BatchRuleHubFixture>
{
    private CourtFlow Flow => hub.Flow;

    private static readonly TimeSpan BatchDeadline = TimeSpan.FromSeconds(180);

    private async Task<BatchRuleResponse> RuleAsync(BatchRuleRequest request) =>
        await hub.Courts.BatchRuleAsync(request, HubFixture.As(hub.CourtKey, BatchDeadline));

    private async Task<long> EventsOfAsync(IEnumerable<string> ids) =>
        await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_events WHERE application_id = ANY($1)", ids.Select(Guid.Parse).ToArray());

    private Task<string[]> UnderReviewAsync(int count, CourtFlow? flow = null) =>
        Fan.OutAsync(count, 32, async _ => (await (flow ?? Flow).WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview)).Receipt.ApplicationId);

    [DatabaseFact]
    public async Task BatchConfirm_OfAThousandUnderReview_ConfirmsEachOnce_AndARetryChangesNothing()
    {
        var clock = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow;
        var ids = await UnderReviewAsync(1000);
        var end = DateTimeOffset.UtcNow;
        output.WriteLine($"1,000 applications brought to UNDER_REVIEW in {clock.Elapsed.TotalSeconds:F1} s");
        var request = new BatchRuleRequest { RequestId = CourtFlow.NewRequestId("batch"), Ruling = BatchRuling.Confirm, ApplicationIds = { ids }, OfficerName = "审判员 孙八" };

        clock.Restart();
        var response = await RuleAsync(request);
        output.WriteLine($"BatchRule CONFIRM of 1,000 in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(1000, response.Succeeded);
        Assert.Equal(0, response.Failed);
        Assert.Equal(ids, response.Results.Select(r => r.ApplicationId));
        Assert.All(response.Results, r =>
        {
            Assert.Equal((int)Code.Ok, r.Status?.Code ?? 0);
            Assert.Equal(ApplicationStatus.Confirmed, r.ApplicationStatus);
            Assert.Equal(4, r.Version);
        });

        var confirmed = new List<string>();
        var docket = new ListDocketRequest
        {
            PageSize = 500,
            Statuses = { ApplicationStatus.Confirmed },
            ReceivedAfter = Timestamp.FromDateTimeOffset(start),
            ReceivedBefore = Timestamp.FromDateTimeOffset(end),
        };
        do
        {
            var page = await hub.Courts.ListDocketAsync(docket, hub.AsCourt);
            confirmed.AddRange(page.Entries.Select(e => e.ApplicationId));
            docket.PageToken = page.NextPageToken;
        }
        while (docket.PageToken != "");

        Assert.Equal(ids.Order(), confirmed.Order());
        Assert.Equal(4000, await EventsOfAsync(ids));
        var sample = await Flow.HistoryAsync(ids[517]);
        Assert.Equal("CONFIRMED", sample[^1].Kind);
        Assert.Equal("审判员 孙八", sample[^1].Actor.Name);
        Assert.Equal(ApplicationStatus.Confirmed, sample[^1].StatusAfter);

        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);
        var retried = await RuleAsync(request);
        Assert.Equal(response, retried);
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));

        // The batch's request id is each item's: the single act answers with the item's result.
        var single = await Flow.ConfirmAsync(ids[3], request.RequestId);
        Assert.Equal(ApplicationStatus.Confirmed, single.Status);
        Assert.Equal(4, single.Version);
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }

    private static void AssertItem(BatchRuleResult result, string id, Code code, ApplicationStatus status, long version, string? reason = null)
    {
        Assert.Equal(id, result.ApplicationId);
        Assert.True((int)code == (result.Status?.Code ?? 0), $"{id}: expected {code}, got {(Code)(result.Status?.Code ?? 0)} {result.Status?.Message}");
        Assert.Equal(status, result.ApplicationStatus);
        Assert.Equal(version, result.Version);
        if (reason is not null)
        {
            var info = result.Status!.Details.Select(d => d.TryUnpack<ErrorInfo>(out var i) ? i : null).SingleOrDefault(i => i is not null);
            Assert.NotNull(info);
            Assert.Equal(reason, info.Reason);
            if (reason == "TRANSITION_NOT_ALLOWED")
            {
                Assert.Equal(LifecycleTable.ProtoName(status), info.Metadata["status"]);
            }
        }
    }

    [DatabaseFact]
    public async Task BatchConfirm_OneItemThrows_TheOthersAreRuled_ThatItemAnswersItsOwnError_AndARetryRulesItWithoutRulingTheOthersTwice()
    {
        var ids = await UnderReviewAsync(3);
        // Another writer changed the middle one behind its grain's back (its row, its chain's head and
        // an event, as a write does): the grain's write fails with an exception (the etag check), which
        // once failed the whole batch.
        Assert.Equal(4, await hub.Database.ScalarAsync("""
            WITH e AS (INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details,
                                                    previous_sha256, event_sha256)
                       SELECT application_id, 4, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details,
                              event_sha256, sha256(event_sha256)
                       FROM exchange_events WHERE application_id = $1::uuid AND seq = 3)
            UPDATE exchange_applications
               SET version = version + 1,
                   state = convert_to(jsonb_set(convert_from(state, 'UTF8')::jsonb, '{chainHeadSha256}',
                       (SELECT to_jsonb(encode(sha256(event_sha256), 'hex')) FROM exchange_events WHERE application_id = $1::uuid AND seq = 3))::text, 'UTF8')
             WHERE application_id = $1::uuid RETURNING version
            """, ids[1]));
        var request = new BatchRuleRequest { RequestId = CourtFlow.NewRequestId("throws"), Ruling = BatchRuling.Confirm, ApplicationIds = { ids } };

        var response = await RuleAsync(request);

        Assert.Equal(2, response.Succeeded);
        Assert.Equal(1, response.Failed);
        AssertItem(response.Results[0], ids[0], Code.Ok, ApplicationStatus.Confirmed, 4);
        AssertItem(response.Results[1], ids[1], Code.Internal, ApplicationStatus.Unspecified, 0, "INTERNAL");
        AssertItem(response.Results[2], ids[2], Code.Ok, ApplicationStatus.Confirmed, 4);

        // A result with a failed item is not kept: the same request rules that item now (its grain
        // reads the stored state afresh), and the others answer from their recorded request id.
        var retried = await RuleAsync(request);

        Assert.Equal(3, retried.Succeeded);
        AssertItem(retried.Results[0], ids[0], Code.Ok, ApplicationStatus.Confirmed, 4);
        AssertItem(retried.Results[1], ids[1], Code.Ok, ApplicationStatus.Confirmed, 5);
        AssertItem(retried.Results[2], ids[2], Code.Ok, ApplicationStatus.Confirmed, 4);
        Assert.Equal(4 + 4, await EventsOfAsync([ids[0], ids[2]]));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task BatchConfirm_MixedBatch_ConfirmsExactlyTheValidOnes_EachOtherItemWithItsOwnError_AndARetryReturnsTheFirstResults()
    {
        var valid = await UnderReviewAsync(3);
        var received = new[]
        {
            (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId,
            (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId,
        };
        var mediation = (await Flow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.UnderReview)).Receipt.ApplicationId;
        var otherCourts = (await hub.SecondCourtFlow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview)).Receipt.ApplicationId;
        var unknown = Guid.NewGuid().ToString();
        const string malformed = "not-a-uuid";
        string[] ids = [valid[0], received[0], otherCourts, valid[1], malformed, mediation, unknown, received[1], valid[2]];
        var request = new BatchRuleRequest { RequestId = CourtFlow.NewRequestId("mixed"), Ruling = BatchRuling.Confirm, ApplicationIds = { ids } };
        var before = new Dictionary<string, Application>();
        foreach (var id in received.Append(mediation))
        {
            before[id] = await Flow.GetAsync(id);
        }

        var otherBefore = await hub.SecondCourtFlow.GetAsync(otherCourts);
        var eventsBefore = await EventsOfAsync([.. received, mediation, otherCourts]);

        var response = await RuleAsync(request);

        Assert.Equal(3, response.Succeeded);
        Assert.Equal(6, response.Failed);
        Assert.Equal(ids.Length, response.Results.Count);
        AssertItem(response.Results[0], valid[0], Code.Ok, ApplicationStatus.Confirmed, 4);
        AssertItem(response.Results[1], received[0], Code.FailedPrecondition, ApplicationStatus.Received, 1, "TRANSITION_NOT_ALLOWED");
        AssertItem(response.Results[2], otherCourts, Code.NotFound, ApplicationStatus.Unspecified, 0);
        AssertItem(response.Results[3], valid[1], Code.Ok, ApplicationStatus.Confirmed, 4);
        AssertItem(response.Results[4], malformed, Code.InvalidArgument, ApplicationStatus.Unspecified, 0);
        AssertItem(response.Results[5], mediation, Code.FailedPrecondition, ApplicationStatus.UnderReview, 3, "TRANSITION_NOT_ALLOWED");
        AssertItem(response.Results[6], unknown, Code.NotFound, ApplicationStatus.Unspecified, 0);
        AssertItem(response.Results[7], received[1], Code.FailedPrecondition, ApplicationStatus.Received, 1, "TRANSITION_NOT_ALLOWED");
        AssertItem(response.Results[8], valid[2], Code.Ok, ApplicationStatus.Confirmed, 4);

        foreach (var (id, app) in before)
        {
            Assert.Equal(app, await Flow.GetAsync(id));
        }

        Assert.Equal(otherBefore, await hub.SecondCourtFlow.GetAsync(otherCourts));
        Assert.Equal(eventsBefore, await EventsOfAsync([.. received, mediation, otherCourts]));
        foreach (var id in valid)
        {
            Assert.Equal(ApplicationStatus.Confirmed, (await Flow.GetAsync(id)).Status);
        }

        // The same batch again: the first results, nothing changed.
        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);
        Assert.Equal(response, await RuleAsync(request));
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));

        // Even after an item that failed has become confirmable, the retry answers as the first call did and rules nothing.
        await Flow.WalkFromReceivedAsync(received[0], ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview);
        var movedOn = await Flow.GetAsync(received[0]);
        Assert.Equal(response, await RuleAsync(request));
        Assert.Equal(movedOn, await Flow.GetAsync(received[0]));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task TwoBatchesOverTheSameApplicationsAtOnce_RuleEachApplicationOnce()
    {
        var ids = await UnderReviewAsync(100);
        var confirm = new BatchRuleRequest { RequestId = CourtFlow.NewRequestId("race-a"), Ruling = BatchRuling.Confirm, ApplicationIds = { ids } };
        var reject = new BatchRuleRequest
        {
            RequestId = CourtFlow.NewRequestId("race-b"),
            Ruling = BatchRuling.Reject,
            RejectionGround = RejectionGround.ContentUnclear,
            ApplicationIds = { ids.Reverse() },
        };

        var both = await Task.WhenAll(RuleAsync(confirm), RuleAsync(reject));

        Assert.Equal(100, both[0].Succeeded + both[1].Succeeded);
        Assert.Equal(100, both[0].Failed + both[1].Failed);
        var confirmResults = both[0].Results.ToDictionary(r => r.ApplicationId);
        var rejectResults = both[1].Results.ToDictionary(r => r.ApplicationId);
        foreach (var id in ids)
        {
            var app = await Flow.GetAsync(id);
            var (c, r) = (confirmResults[id], rejectResults[id]);
            var (won, lost) = (c.Status?.Code ?? 0) == 0 ? (c, r) : (r, c);
            Assert.Equal(0, won.Status?.Code ?? 0);
            Assert.Equal((int)Code.FailedPrecondition, lost.Status?.Code);
            Assert.Equal(app.Status, won.ApplicationStatus);
            Assert.Equal(app.Status, lost.ApplicationStatus);
            Assert.Equal(4, app.Version);
        }

        Assert.Equal(400, await EventsOfAsync(ids));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task BatchRule_SameRequestIdWithOtherContent_IsAlreadyExistsAndChangesNothing()
    {
        var ids = await UnderReviewAsync(3);
        var request = new BatchRuleRequest { RequestId = CourtFlow.NewRequestId("reuse"), Ruling = BatchRuling.Confirm, ApplicationIds = { ids[0] } };
        await RuleAsync(request);
        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);

        var otherIds = request.Clone();
        otherIds.ApplicationIds.Add(ids[1]);
        var otherRuling = request.Clone();
        otherRuling.Ruling = BatchRuling.Reject;
        otherRuling.RejectionGround = RejectionGround.NotVoluntary;

        var status = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => RuleAsync(otherIds));
        var again = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => RuleAsync(otherRuling));

        Assert.Equal("REQUEST_ID_REUSED", status.Info().Reason);
        Assert.Equal("REQUEST_ID_REUSED", again.Info().Reason);
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
        Assert.Equal(ApplicationStatus.UnderReview, (await Flow.GetAsync(ids[1])).Status);
    }

    [DatabaseFact]
    public async Task BatchReject_WithAGround_RejectsEachItemWithThatGround()
    {
        var ids = await UnderReviewAsync(2);

        var response = await RuleAsync(new BatchRuleRequest
        {
            RequestId = CourtFlow.NewRequestId("reject"),
            Ruling = BatchRuling.Reject,
            RejectionGround = RejectionGround.OtherRejectionGround,
            Reason = "存在真实权利争议",
            ApplicationIds = { ids },
        });

        Assert.Equal(2, response.Succeeded);
        foreach (var id in ids)
        {
            var app = await Flow.GetAsync(id);
            Assert.Equal(ApplicationStatus.Rejected, app.Status);
            var last = (await Flow.HistoryAsync(id))[^1];
            Assert.Equal("REJECTED", last.Kind);
            Assert.Equal("存在真实权利争议", last.Reason);
        }
    }

    [DatabaseTheory]
    [InlineData("no request id", "request_id")]
    [InlineData("malformed request id", "request_id")]
    [InlineData("request id of 65 characters", "request_id")]
    [InlineData("no ruling", "ruling")]
    [InlineData("no ids", "application_ids")]
    [InlineData("1,001 ids", "application_ids")]
    [InlineData("an id twice", "application_ids")]
    [InlineData("reject without ground", "rejection_ground")]
    [InlineData("reject on other ground without reason", "reason")]
    public async Task BatchRule_InvalidAsAWhole_IsInvalidArgumentAndRulesNothing(string variant, string field)
    {
        var ids = await UnderReviewAsync(2);
        var request = new BatchRuleRequest { RequestId = CourtFlow.NewRequestId("invalid"), Ruling = BatchRuling.Confirm, ApplicationIds = { ids } };
        switch (variant)
        {
            case "no request id": request.RequestId = ""; break;
            case "malformed request id": request.RequestId = "not a request id!"; break;
            case "request id of 65 characters": request.RequestId = new string('r', 65); break;
            case "no ruling": request.Ruling = BatchRuling.Unspecified; break;
            case "no ids": request.ApplicationIds.Clear(); break;
            case "1,001 ids":
                request.ApplicationIds.AddRange(Enumerable.Range(0, 999).Select(_ => Guid.NewGuid().ToString()));
                Assert.Equal(1001, request.ApplicationIds.Count);
                break;
            case "an id twice": request.ApplicationIds.Add(ids[0]); break;
            case "reject without ground": request.Ruling = BatchRuling.Reject; break;
            case "reject on other ground without reason":
                request.Ruling = BatchRuling.Reject;
                request.RejectionGround = RejectionGround.OtherRejectionGround;
                break;
        }

        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => RuleAsync(request));

        Assert.Contains(status.ViolatedFields(), f => f == field || f.StartsWith(field + "[", StringComparison.Ordinal));
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
        foreach (var id in ids)
        {
            Assert.Equal(ApplicationStatus.UnderReview, (await Flow.GetAsync(id)).Status);
        }
    }
}
