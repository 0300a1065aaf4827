using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Exchange.Client.Tests;

public sealed class CourtClientTests
{
    private const string Base = "confirm-20261128";

    [Fact]
    public async Task BatchRuleInChunks_2500Ids_SendsChunksOf1000_1000_500_InOrder_EachWithBaseColonIndex()
    {
        var ids = Ids(2500);
        var invoker = BatchHub();
        var client = Client(invoker);

        var response = await client.Courts.BatchRuleInChunksAsync(Template(), ids);

        var sent = invoker.Calls.Select(c => Assert.IsType<BatchRuleRequest>(c.Request)).ToList();
        Assert.All(invoker.Calls, c => Assert.Equal("/exchange.v1.CourtService/BatchRule", c.Method));
        Assert.Equal([1000, 1000, 500], sent.Select(r => r.ApplicationIds.Count));
        Assert.Equal(ids[..1000], sent[0].ApplicationIds);
        Assert.Equal(ids[1000..2000], sent[1].ApplicationIds);
        Assert.Equal(ids[2000..], sent[2].ApplicationIds);
        Assert.Equal([Base + ":0", Base + ":1", Base + ":2"], sent.Select(r => r.RequestId));
        Assert.Equal(ids, response.Results.Select(r => r.ApplicationId));
        Assert.Equal((2500, 0), (response.Succeeded, response.Failed));
    }

    [Fact]
    public async Task BatchRuleInChunks_ReRunWithTheSameBase_SendsTheVerySameRequests_SoTheHubCanAnswerThemIdempotently()
    {
        var ids = Ids(1500);
        var first = BatchHub();
        var second = BatchHub();

        await Client(first).Courts.BatchRuleInChunksAsync(Template(), ids);
        await Client(second).Courts.BatchRuleInChunksAsync(Template(), ids);

        Assert.Equal(2, first.Calls.Count);
        Assert.Equal(first.Calls.Select(c => c.Request), second.Calls.Select(c => c.Request)); // proto value equality
    }

    [Fact]
    public async Task BatchRuleInChunks_CarriesTheTemplatesRulingOfficerReasonAndGround_IntoEveryChunk_AndLeavesTheTemplateAsItWas()
    {
        var template = new BatchRuleRequest
        {
            RequestId = Base,
            Ruling = BatchRuling.Reject,
            OfficerName = "王法官",
            Reason = "存在虚假调解嫌疑",
            RejectionGround = RejectionGround.OtherRejectionGround,
        };
        var invoker = BatchHub();

        await Client(invoker).Courts.BatchRuleInChunksAsync(template, Ids(1001));

        Assert.Equal(2, invoker.Calls.Count);
        Assert.All(invoker.Calls.Select(c => (BatchRuleRequest)c.Request), sent =>
        {
            Assert.Equal(BatchRuling.Reject, sent.Ruling);
            Assert.Equal("王法官", sent.OfficerName);
            Assert.Equal("存在虚假调解嫌疑", sent.Reason);
            Assert.Equal(RejectionGround.OtherRejectionGround, sent.RejectionGround);
        });
        Assert.Equal(Base, template.RequestId);
        Assert.Empty(template.ApplicationIds);
    }

    [Fact]
    public async Task BatchRuleInChunks_ReportsProgressAfterEachChunk_CountingTheItemsThatFailed()
    {
        var ids = Ids(2500);
        var failing = new HashSet<string> { ids[3], ids[1500], ids[1501], ids[2499] };
        var reports = new List<BatchRuleProgress>();

        var response = await Client(BatchHub(failing)).Courts.BatchRuleInChunksAsync(
            Template(), ids, new SyncProgress(reports.Add));

        Assert.Equal(
            [new BatchRuleProgress(1000, 2500, 1), new BatchRuleProgress(2000, 2500, 3), new BatchRuleProgress(2500, 2500, 4)],
            reports);
        Assert.Equal((2496, 4), (response.Succeeded, response.Failed));
        Assert.Equal(failing.Order(), response.Results.Where(r => !CourtClient.IsSuccess(r)).Select(r => r.ApplicationId).Order());
    }

    [Fact]
    public async Task BatchRuleInChunks_AnIdListedTwice_IsRuledOnce_BecauseTheHubRefusesAChunkWithDuplicates()
    {
        var invoker = BatchHub();

        var response = await Client(invoker).Courts.BatchRuleInChunksAsync(Template(), ["a", "b", "a", "c", "b"]);

        Assert.Equal(["a", "b", "c"], Assert.IsType<BatchRuleRequest>(Assert.Single(invoker.Calls).Request).ApplicationIds);
        Assert.Equal(3, response.Results.Count);
    }

    [Fact]
    public async Task BatchRuleInChunks_NoIds_CallsNothing()
    {
        var invoker = BatchHub();

        var response = await Client(invoker).Courts.BatchRuleInChunksAsync(Template(), []);

        Assert.Empty(invoker.Calls);
        Assert.Empty(response.Results);
    }

    [Fact]
    public async Task BatchRuleInChunks_AChunkThatFailsAsAWhole_StopsTheRun_WithTheEarlierResultsAndTheIdsNotRuled()
    {
        var ids = Ids(2500);
        var reused = new Google.Rpc.Status
        {
            Code = (int)Code.AlreadyExists,
            Message = "request id used with other content",
            Details = { Any.Pack(new ErrorInfo { Reason = "REQUEST_ID_REUSED", Domain = "exchange.court.cn" }) },
        };
        var inner = BatchHub();
        var invoker = new FakeCallInvoker(call => ((BatchRuleRequest)call.Request).RequestId == Base + ":1"
            ? Task.FromException<object>(reused.ToRpcException())
            : inner.Answer(call));

        var ex = await Assert.ThrowsAsync<BatchRuleChunkException>(
            () => Client(invoker).Courts.BatchRuleInChunksAsync(Template(), ids));

        Assert.Equal(2, invoker.Calls.Count); // chunk 2 was not sent
        Assert.Equal((1, Base + ":1"), (ex.ChunkIndex, ex.ChunkRequestId));
        Assert.Equal(ids[..1000], ex.Completed.Results.Select(r => r.ApplicationId));
        Assert.Equal(ids[1000..], ex.NotRuled);
        Assert.Equal(("REQUEST_ID_REUSED", StatusCode.AlreadyExists), (ex.Error.Reason, ex.Error.Code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("批量")]
    [InlineData("b/1")]
    public async Task BatchRuleInChunks_ABaseRequestIdTheHubWouldRefuse_FailsBeforeAnyCall(string baseId)
    {
        var invoker = BatchHub();

        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => Client(invoker).Courts.BatchRuleInChunksAsync(new BatchRuleRequest { RequestId = baseId, Ruling = BatchRuling.Confirm }, Ids(3)));

        Assert.Empty(invoker.Calls);
    }

    [Fact]
    public async Task BatchRuleInChunks_TheBaseMustLeaveRoomForTheLongestChunkSuffixWithin64Characters()
    {
        var invoker = BatchHub();
        var fits = new string('b', 62);    // "…:0" .. "…:9" are 64 characters: ten chunks fit
        var tooLong = new string('b', 63); // "…:0" is 65

        await Client(invoker).Courts.BatchRuleInChunksAsync(new BatchRuleRequest { RequestId = fits, Ruling = BatchRuling.Confirm }, Ids(10_000));
        await Assert.ThrowsAsync<ArgumentException>(
            () => Client(invoker).Courts.BatchRuleInChunksAsync(new BatchRuleRequest { RequestId = fits, Ruling = BatchRuling.Confirm }, Ids(10_001)));
        await Assert.ThrowsAsync<ArgumentException>(
            () => Client(invoker).Courts.BatchRuleInChunksAsync(new BatchRuleRequest { RequestId = tooLong, Ruling = BatchRuling.Confirm }, Ids(1)));

        Assert.Equal(10, invoker.Calls.Count);
        Assert.Equal(64, ((BatchRuleRequest)invoker.Calls[9].Request).RequestId.Length);
    }

    [Fact]
    public async Task BatchRuleInChunks_ATemplateThatListsIds_IsRefused()
    {
        var template = Template();
        template.ApplicationIds.Add("a");

        await Assert.ThrowsAsync<ArgumentException>(() => Client(BatchHub()).Courts.BatchRuleInChunksAsync(template, ["b"]));
    }

    [Fact]
    public async Task ListAllDocketAsync_FollowsNextPageTokenUntilEmpty_KeepingTheFilters()
    {
        var pages = new Dictionary<string, ListDocketResponse>
        {
            [""] = DocketPage("p2", "a1", "a2"),
            ["p2"] = DocketPage("p3", "a3"),
            ["p3"] = DocketPage("", "a4"),
        };
        var invoker = new FakeCallInvoker(call => Task.FromResult<object>(pages[((ListDocketRequest)call.Request).PageToken]));
        var request = new ListDocketRequest
        {
            PageSize = 2,
            Type = ApplicationType.JudicialConfirmation,
            Statuses = { ApplicationStatus.UnderReview },
            DeadlineState = DeadlineState.DueSoon,
            DueWithinDays = 5,
        };

        var ids = new List<string>();
        await foreach (var entry in Client(invoker).Courts.ListAllDocketAsync(request))
        {
            ids.Add(entry.ApplicationId);
        }

        Assert.Equal(["a1", "a2", "a3", "a4"], ids);
        Assert.Equal(["", "p2", "p3"], invoker.Calls.Select(c => ((ListDocketRequest)c.Request).PageToken));
        Assert.All(invoker.Calls, c => Assert.Equal("/exchange.v1.CourtService/ListDocket", c.Method));
        Assert.All(invoker.Calls.Select(c => (ListDocketRequest)c.Request), sent =>
        {
            Assert.Equal(2, sent.PageSize);
            Assert.Equal([ApplicationStatus.UnderReview], sent.Statuses);
            Assert.Equal((DeadlineState.DueSoon, 5), (sent.DeadlineState, sent.DueWithinDays));
        });
        Assert.Equal("", request.PageToken);
    }

    [Fact]
    public async Task ListAllDocketAsync_ARepeatedPageToken_FailsInsteadOfLoopingForever()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(DocketPage("same", "a")));

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in Client(invoker).Courts.ListAllDocketAsync(new ListDocketRequest()))
            {
            }
        });
    }

    public static TheoryData<string, Func<ExchangeClient, Task>> EveryMethod => new()
    {
        { "CourtService/ListDocket", c => c.Courts.ListDocketAsync(new ListDocketRequest()) },
        { "CourtService/GetApplication", c => c.Courts.GetApplicationAsync("id") },
        { "CourtService/GetHistory", c => c.Courts.GetHistoryAsync("id") },
        { "CourtService/RequestCorrection", c => c.Courts.RequestCorrectionAsync(new RequestCorrectionRequest()) },
        { "CourtService/AcceptApplication", c => c.Courts.AcceptApplicationAsync(new CourtActRequest()) },
        { "CourtService/RefuseAcceptance", c => c.Courts.RefuseAcceptanceAsync(new RefuseAcceptanceRequest()) },
        { "CourtService/StartReview", c => c.Courts.StartReviewAsync(new CourtActRequest()) },
        { "CourtService/RequestSupplement", c => c.Courts.RequestSupplementAsync(new RequestSupplementRequest()) },
        { "CourtService/ExtendReview", c => c.Courts.ExtendReviewAsync(new ExtendReviewRequest()) },
        { "CourtService/ConfirmAgreement", c => c.Courts.ConfirmAgreementAsync(new CourtActRequest()) },
        { "CourtService/RejectApplication", c => c.Courts.RejectApplicationAsync(new RejectApplicationRequest()) },
        { "CourtService/PermitWithdrawal", c => c.Courts.PermitWithdrawalAsync(new CourtActRequest()) },
        { "CourtService/TreatAsWithdrawn", c => c.Courts.TreatAsWithdrawnAsync(new CourtActRequest()) },
        { "CourtService/RegisterCase", c => c.Courts.RegisterCaseAsync(new CourtActRequest()) },
        { "CourtService/IssueMediationDocument", c => c.Courts.IssueMediationDocumentAsync(new CourtActRequest()) },
        { "CourtService/RefuseMediationDocument", c => c.Courts.RefuseMediationDocumentAsync(new RefuseMediationDocumentRequest()) },
        { "CourtService/RecordRepudiation", c => c.Courts.RecordRepudiationAsync(new CourtActRequest()) },
        { "CourtService/BatchRule", c => c.Courts.BatchRuleAsync(new BatchRuleRequest()) },
        { "CourtService/GetCourtStatistics", c => c.Courts.GetCourtStatisticsAsync(new GetCourtStatisticsRequest()) },
        { "FilingService/SubmitCorrection", c => c.Filing.SubmitCorrectionAsync(new SubmitCorrectionRequest()) },
        { "FilingService/SubmitSupplement", c => c.Filing.SubmitSupplementAsync(new SubmitSupplementRequest()) },
        { "FilingService/RecordService", c => c.Filing.RecordServiceAsync(new RecordServiceRequest()) },
        { "FilingService/RecordSignature", c => c.Filing.RecordSignatureAsync(new RecordSignatureRequest()) },
        { "FilingService/GetHistory", c => c.Filing.GetHistoryAsync("id") },
    };

    [Theory]
    [MemberData(nameof(EveryMethod))]
    public async Task EachMethod_CallsItsOwnRpc_WithTheKey(string rpc, Func<ExchangeClient, Task> call)
    {
        var invoker = new FakeCallInvoker(c => Task.FromResult<object>(c.Method switch
        {
            "/exchange.v1.CourtService/ListDocket" => new ListDocketResponse(),
            "/exchange.v1.CourtService/BatchRule" => new BatchRuleResponse(),
            "/exchange.v1.CourtService/GetCourtStatistics" => new CourtStatistics(),
            _ when c.Method.EndsWith("/GetHistory", StringComparison.Ordinal) => new GetHistoryResponse(),
            _ => new Application(),
        }));

        await call(Client(invoker));

        var sent = Assert.Single(invoker.Calls);
        Assert.Equal("/exchange.v1." + rpc, sent.Method);
        Assert.Equal("Bearer exk_k", sent.Options.Headers!.GetValue("authorization"));
    }

    [Fact]
    public void ExchangeErrorFromStatus_DecodesABatchItemsStatus_WithTheCurrentStatusInMetadata()
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = "CONFIRMED does not allow ConfirmAgreement",
            Details = { Any.Pack(new ErrorInfo { Reason = "TRANSITION_NOT_ALLOWED", Domain = "exchange.court.cn", Metadata = { ["status"] = "CONFIRMED" } }) },
        };

        var error = ExchangeError.FromStatus(status);

        Assert.Equal(StatusCode.FailedPrecondition, error.Code);
        Assert.Equal("TRANSITION_NOT_ALLOWED", error.Reason);
        Assert.Equal("CONFIRMED", error.Metadata["status"]);
        Assert.StartsWith("FAILED_PRECONDITION (TRANSITION_NOT_ALLOWED): CONFIRMED does not allow", error.ToString(), StringComparison.Ordinal);
    }

    internal static string[] Ids(int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"0193a1b2-0000-7000-8000-{i:D12}")];

    internal static BatchRuleRequest Template() => new() { RequestId = Base, Ruling = BatchRuling.Confirm };

    /// <summary>A hub whose BatchRule confirms every id but those in <paramref name="failing"/>, which answer TRANSITION_NOT_ALLOWED.</summary>
    internal static FakeCallInvoker BatchHub(ISet<string>? failing = null) => new(call =>
    {
        var request = (BatchRuleRequest)call.Request;
        var response = new BatchRuleResponse();
        foreach (var id in request.ApplicationIds)
        {
            var fails = failing?.Contains(id) == true;
            response.Results.Add(new BatchRuleResult
            {
                ApplicationId = id,
                Status = fails
                    ? new Google.Rpc.Status
                    {
                        Code = (int)Code.FailedPrecondition,
                        Message = "RECEIVED does not allow ConfirmAgreement",
                        Details = { Any.Pack(new ErrorInfo { Reason = "TRANSITION_NOT_ALLOWED", Metadata = { ["status"] = "RECEIVED" } }) },
                    }
                    : new Google.Rpc.Status(),
                ApplicationStatus = fails ? ApplicationStatus.Received : ApplicationStatus.Confirmed,
                Version = 5,
            });
            if (fails)
            {
                response.Failed++;
            }
            else
            {
                response.Succeeded++;
            }
        }

        return Task.FromResult<object>(response);
    });

    private static ExchangeClient Client(FakeCallInvoker invoker) =>
        new(invoker, "exk_k", new ExchangeClientOptions());

    private static ListDocketResponse DocketPage(string next, params string[] ids)
    {
        var page = new ListDocketResponse { NextPageToken = next };
        page.Entries.AddRange(ids.Select(id => new DocketEntry { ApplicationId = id }));
        return page;
    }

    /// <summary>Reports synchronously, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class SyncProgress(Action<BatchRuleProgress> report) : IProgress<BatchRuleProgress>
    {
        public void Report(BatchRuleProgress value) => report(value);
    }
}
