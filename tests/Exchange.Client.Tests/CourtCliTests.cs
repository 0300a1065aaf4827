using Exchange.Cli;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Client.Tests;

/// <summary>The court commands and the platform's answers end to end, against a fake hub.</summary>
public sealed class CourtCliTests : IDisposable
{
    private const string CourtService = "/exchange.v1.CourtService/";
    private const string FilingService = "/exchange.v1.FilingService/";
    private const string CaseNumber = "（2026）新0102民特123号";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 4, 0, 0, TimeSpan.Zero);

    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();
    private readonly Dictionary<string, string> _env = new() { ["EXCHANGE_API_KEY"] = "exk_court" };
    private readonly List<string> _files = [];
    private TextReader? _stdin;
    private bool _outIsTerminal;

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task BatchConfirm_File_IgnoresBlankLinesAndComments_AndConfirmsTheIdsInTheirOrder()
    {
        var path = TempFile("""
            # judicial confirmations heard on 2026-11-27
            0193a1b2-0000-7000-8000-000000000003

              0193a1b2-0000-7000-8000-000000000001   # 张三 v 李四
            #0193a1b2-0000-7000-8000-000000000009
            0193a1b2-0000-7000-8000-000000000002
            """);
        var invoker = CourtClientTests.BatchHub();

        var exit = await Run(invoker, "batch-confirm", path, "--request-id", "hearing-1127", "--officer", "王法官");

        Assert.Equal(0, exit);
        var sent = Assert.IsType<BatchRuleRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal(
            ["0193a1b2-0000-7000-8000-000000000003", "0193a1b2-0000-7000-8000-000000000001", "0193a1b2-0000-7000-8000-000000000002"],
            sent.ApplicationIds);
        Assert.Equal(("hearing-1127:0", BatchRuling.Confirm, "王法官"), (sent.RequestId, sent.Ruling, sent.OfficerName));
        Assert.Contains("Confirmed 3 of 3 application(s).", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchConfirm_Dash_ReadsTheIdsFromStandardInput()
    {
        _stdin = new StringReader("a1\n# comment\n\na2\n");
        var invoker = CourtClientTests.BatchHub();

        var exit = await Run(invoker, "batch-confirm", "-", "--request-id", "b");

        Assert.Equal(0, exit);
        Assert.Equal(["a1", "a2"], Assert.IsType<BatchRuleRequest>(Assert.Single(invoker.Calls).Request).ApplicationIds);
    }

    [Fact]
    public async Task BatchConfirm_2500Ids_GoesIn3Chunks_UnderRequestIdsDerivedFromTheBase()
    {
        var ids = CourtClientTests.Ids(2500);
        var path = TempFile(string.Join('\n', ids));
        var invoker = CourtClientTests.BatchHub();

        var exit = await Run(invoker, "batch-confirm", path, "--request-id", "run-7");

        Assert.Equal(0, exit);
        var sent = invoker.Calls.Select(c => (BatchRuleRequest)c.Request).ToList();
        Assert.Equal([1000, 1000, 500], sent.Select(r => r.ApplicationIds.Count));
        Assert.Equal(["run-7:0", "run-7:1", "run-7:2"], sent.Select(r => r.RequestId));
        Assert.Contains("Confirmed 2,500 of 2,500", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchConfirm_AllDue_ReadsEveryPageOfTheUnderReviewJudicialConfirmations_ThenConfirmsThemAll()
    {
        var ids = CourtClientTests.Ids(1200);
        var batches = CourtClientTests.BatchHub();
        var invoker = new FakeCallInvoker(call => call.Request switch
        {
            ListDocketRequest docket => Task.FromResult<object>(docket.PageToken switch
            {
                "" => DocketPage("p2", ids[..500]),
                "p2" => DocketPage("p3", ids[500..1000]),
                "p3" => DocketPage("", ids[1000..]),
                _ => throw new InvalidOperationException("unexpected token"),
            }),
            _ => batches.Answer(call),
        });

        var exit = await Run(invoker, "batch-confirm", "--all-due", "--request-id", "due-1128");

        Assert.Equal(0, exit);
        var listings = invoker.Calls.Where(c => c.Method == CourtService + "ListDocket").Select(c => (ListDocketRequest)c.Request).ToList();
        Assert.Equal(["", "p2", "p3"], listings.Select(l => l.PageToken));
        Assert.All(listings, l =>
        {
            Assert.Equal([ApplicationStatus.UnderReview], l.Statuses);
            Assert.Equal(ApplicationType.JudicialConfirmation, l.Type);
        });
        var rulings = invoker.Calls.Where(c => c.Method == CourtService + "BatchRule").Select(c => (BatchRuleRequest)c.Request).ToList();
        Assert.Equal(ids, rulings.SelectMany(r => r.ApplicationIds));
        Assert.Equal(["due-1128:0", "due-1128:1"], rulings.Select(r => r.RequestId));
        Assert.Equal(CourtService + "BatchRule", invoker.Calls[3].Method); // every page is read before anything is ruled
    }

    [Fact]
    public async Task BatchConfirm_AllDue_WithNothingUnderReview_RulesNothing_AndSucceeds()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new ListDocketResponse()));

        var exit = await Run(invoker, "batch-confirm", "--all-due");

        Assert.Equal(0, exit);
        Assert.Single(invoker.Calls);
        Assert.Contains("Nothing to confirm", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchConfirm_WithoutRequestId_GeneratesABase_AndPrintsIt_SoTheRunCanBeRepeatedIdempotently()
    {
        var invoker = CourtClientTests.BatchHub();

        var exit = await Run(invoker, "batch-confirm", TempFile("a1\na2\n"));

        Assert.Equal(0, exit);
        var sentId = Assert.IsType<BatchRuleRequest>(Assert.Single(invoker.Calls).Request).RequestId;
        Assert.EndsWith(":0", sentId, StringComparison.Ordinal);
        var printedBase = sentId[..^2];
        Assert.StartsWith("confirm-20261128-120000-", printedBase, StringComparison.Ordinal);
        Assert.Contains($"--request-id {printedBase}", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchConfirm_ItemsThatFail_AreListedWithTheirStatusCodeReasonAndMessage_AndTheRunExits1()
    {
        var invoker = CourtClientTests.BatchHub(new HashSet<string> { "a2" });

        var exit = await Run(invoker, "batch-confirm", TempFile("a1\na2\na3\n"), "--request-id", "b");

        Assert.Equal(1, exit);
        var output = _out.ToString();
        Assert.Contains("Confirmed 2 of 3 application(s); 1 failed:", output, StringComparison.Ordinal);
        Assert.Contains("a2: FAILED_PRECONDITION (TRANSITION_NOT_ALLOWED): RECEIVED does not allow ConfirmAgreement", output, StringComparison.Ordinal);
        Assert.Contains("status: RECEIVED", output, StringComparison.Ordinal);
        Assert.DoesNotContain("a1:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchConfirm_AChunkRefusedAsAWhole_ReportsWhatWasRuled_AndHowToResume()
    {
        var ids = CourtClientTests.Ids(1500);
        var batches = CourtClientTests.BatchHub();
        var reused = new Google.Rpc.Status
        {
            Code = (int)Code.AlreadyExists,
            Message = "request id b:1 was used with other content",
            Details = { Any.Pack(new ErrorInfo { Reason = "REQUEST_ID_REUSED", Domain = "exchange.court.cn" }) },
        };
        var invoker = new FakeCallInvoker(call => ((BatchRuleRequest)call.Request).RequestId == "b:1"
            ? Task.FromException<object>(reused.ToRpcException())
            : batches.Answer(call));

        var exit = await Run(invoker, "batch-confirm", TempFile(string.Join('\n', ids)), "--request-id", "b");

        Assert.Equal(1, exit);
        Assert.Contains("Confirmed 1,000 of 1,500 application(s) (500 not ruled)", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("ALREADY_EXISTS (REQUEST_ID_REUSED)", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("--request-id b to resume", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchConfirm_Json_PrintsEveryResultAsOneBatchRuleResponse()
    {
        var invoker = CourtClientTests.BatchHub(new HashSet<string> { "a1" });

        var exit = await Run(invoker, "batch-confirm", TempFile("a1\na2\n"), "--request-id", "b", "--json");

        Assert.Equal(1, exit);
        var printed = ProtoJson.Parse<BatchRuleResponse>(_out.ToString());
        Assert.Equal(["a1", "a2"], printed.Results.Select(r => r.ApplicationId));
        Assert.Equal((1, 1), (printed.Succeeded, printed.Failed));
    }

    [Fact]
    public async Task BatchConfirm_OnATerminal_GoesThroughTheProgressDisplay_AndStillRulesEveryChunkAndPrintsTheSummary()
    {
        _outIsTerminal = true;
        var invoker = CourtClientTests.BatchHub();

        var exit = await Run(invoker, "batch-confirm", TempFile(string.Join('\n', CourtClientTests.Ids(1500))), "--request-id", "b");

        Assert.Equal(0, exit);
        Assert.Equal(2, invoker.Calls.Count);
        Assert.Contains("Confirmed 1,500 of 1,500", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WithACourtKey_ReadsTheCourtServicesHistory()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(History()));

        var exit = await Run(invoker, "history", "id-1");

        Assert.Equal(0, exit);
        Assert.Equal(CourtService + "GetHistory", Assert.Single(invoker.Calls).Method);
        var output = _out.ToString();
        Assert.Contains("ACCEPTED", output, StringComparison.Ordinal);
        Assert.Contains("court 新0102 李书记员", output, StringComparison.Ordinal);
        Assert.Contains("case_number=" + CaseNumber, output, StringComparison.Ordinal);
        Assert.Contains("2026-11-28 12:00:00", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WithAPlatformKey_FallsBackToTheFilingService_WhenTheCourtServiceAnswersPermissionDenied()
    {
        var invoker = new FakeCallInvoker(call => call.Method.StartsWith(CourtService, StringComparison.Ordinal)
            ? Task.FromException<object>(new RpcException(new Grpc.Core.Status(StatusCode.PermissionDenied, "a platform's key")))
            : Task.FromResult<object>(History()));

        var exit = await Run(invoker, "history", "id-1", "--json");

        Assert.Equal(0, exit);
        Assert.Equal([CourtService + "GetHistory", FilingService + "GetHistory"], invoker.Calls.Select(c => c.Method));
        Assert.Equal("id-1", ((GetHistoryRequest)invoker.Calls[1].Request).ApplicationId);
        Assert.Equal(2, ProtoJson.Parse<GetHistoryResponse>(_out.ToString()).Events.Count);
    }

    [Fact]
    public async Task History_NotFoundFromTheCourtService_IsTheAnswer_NotAReasonToAskTheFilingService()
    {
        var invoker = FakeCallInvoker.FailingThen(1, StatusCode.NotFound, History());

        var exit = await Run(invoker, "history", "id-1");

        Assert.Equal(1, exit);
        Assert.Single(invoker.Calls);
        Assert.Contains("NOT_FOUND", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithACourtKey_FallsBackToTheCourtService_AndShowsTheCaseNumberAndDeadlines()
    {
        var invoker = new FakeCallInvoker(call => call.Method.StartsWith(FilingService, StringComparison.Ordinal)
            ? Task.FromException<object>(new RpcException(new Grpc.Core.Status(StatusCode.PermissionDenied, "a court's key")))
            : Task.FromResult<object>(new Application
            {
                Status = ApplicationStatus.UnderReview,
                CaseNumber = CaseNumber,
                Receipt = new Receipt { ApplicationId = "id-1" },
                Deadlines = { new V1.Deadline { Kind = DeadlineKind.Review, DueDate = new Google.Type.Date { Year = 2026, Month = 12, Day = 14 } } },
            }));

        var exit = await Run(invoker, "get", "id-1");

        Assert.Equal(0, exit);
        Assert.Equal([FilingService + "GetApplication", CourtService + "GetApplication"], invoker.Calls.Select(c => c.Method));
        Assert.Contains(CaseNumber, _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("2026-12-14 REVIEW", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docket_SendsEveryFilter_AndPrintsCaseNumberStatusNextDeadlineAndItsState()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new ListDocketResponse
        {
            Entries =
            {
                new DocketEntry
                {
                    ApplicationId = "0193a1b2-0000-7000-8000-000000000001",
                    PlatformId = "tianshan-mediation",
                    Type = ApplicationType.JudicialConfirmation,
                    Status = ApplicationStatus.UnderReview,
                    CaseNumber = CaseNumber,
                    ReceivedTime = Timestamp.FromDateTimeOffset(Now),
                    // 24:00 China Standard Time of 2026-12-01: the last day is the 1st, not the 2nd.
                    NextDeadlineTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.FromHours(8))),
                    NextDeadlineKind = DeadlineKind.Review,
                    DeadlineState = DeadlineState.DueSoon,
                    WithdrawalRequestedTime = Timestamp.FromDateTimeOffset(Now),
                },
            },
            NextPageToken = "tok",
        }));

        var exit = await Run(
            invoker, "docket", "--status", "under-review", "--status", "supplement-requested", "--type", "jc", "--deadline", "due-soon",
            "--within-days", "5", "--platform", "tianshan-mediation", "--received-after", "2026-11-01",
            "--received-before", "2026-11-28T09:30", "--page-size", "20");

        Assert.Equal(0, exit);
        var sent = Assert.IsType<ListDocketRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal([ApplicationStatus.UnderReview, ApplicationStatus.SupplementRequested], sent.Statuses);
        Assert.Equal((ApplicationType.JudicialConfirmation, DeadlineState.DueSoon, 5), (sent.Type, sent.DeadlineState, sent.DueWithinDays));
        Assert.Equal(("tianshan-mediation", 20), (sent.PlatformId, sent.PageSize));
        // Dates and times without an offset are the courts' own: China Standard Time.
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), sent.ReceivedAfter.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 1, 30, 0, TimeSpan.Zero), sent.ReceivedBefore.ToDateTimeOffset());
        var output = _out.ToString();
        Assert.Contains(CaseNumber, output, StringComparison.Ordinal);
        Assert.Contains("UNDER_REVIEW (withdrawal asked)", output, StringComparison.Ordinal);
        Assert.Contains("2026-12-01 REVIEW", output, StringComparison.Ordinal);
        Assert.Contains("DUE_SOON", output, StringComparison.Ordinal);
        Assert.Contains("docket --page-token tok", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docket_All_FetchesEveryPage()
    {
        var invoker = new FakeCallInvoker(call => Task.FromResult<object>(((ListDocketRequest)call.Request).PageToken == ""
            ? DocketPage("p2", ["a1"])
            : DocketPage("", ["a2"])));

        var exit = await Run(invoker, "docket", "--all", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(["a1", "a2"], ProtoJson.Parse<ListDocketResponse>(_out.ToString()).Entries.Select(e => e.ApplicationId));
    }

    [Fact]
    public async Task Confirm_SendsOfficerReasonAndRequestId_AndPrintsTheApplication()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application
        {
            Status = ApplicationStatus.Confirmed,
            CaseNumber = CaseNumber,
            Receipt = new Receipt { ApplicationId = "id-1" },
        }));

        var exit = await Run(invoker, "confirm", "id-1", "--officer", "王法官", "--reason", "协议合法有效", "--request-id", "c-1");

        Assert.Equal(0, exit);
        var call = Assert.Single(invoker.Calls);
        Assert.Equal(CourtService + "ConfirmAgreement", call.Method);
        var sent = (CourtActRequest)call.Request;
        Assert.Equal(("id-1", "王法官", "协议合法有效", "c-1"), (sent.ApplicationId, sent.OfficerName, sent.Reason, sent.RequestId));
        Assert.Contains("Application id-1: CONFIRMED", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains(CaseNumber, _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_WithoutRequestId_SendsAGeneratedOne_SoThatARepeatIsIdempotent()
    {
        var invoker = FakeCallInvoker.FailingThen(0, StatusCode.OK, new Application { Status = ApplicationStatus.Accepted });

        var exit = await Run(invoker, "accept", "id-1");

        Assert.Equal(0, exit);
        var sent = (CourtActRequest)Assert.Single(invoker.Calls).Request;
        Assert.Matches("^[A-Za-z0-9._:-]{1,64}$", sent.RequestId);
    }

    [Fact]
    public async Task AnActWhoseAnswerWasLost_PrintsTheRequestIdToRepeatItWith()
    {
        var invoker = FakeCallInvoker.FailingThen(1, StatusCode.DeadlineExceeded, new Application());

        var exit = await Run(invoker, "confirm", "id-1", "--request-id", "c-9");

        Assert.Equal(1, exit);
        Assert.Contains("DEADLINE_EXCEEDED", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("--request-id c-9", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActTheLifecycleRefuses_PrintsCodeReasonAndCurrentStatus_AndExits1()
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = "CONFIRMED does not allow AcceptApplication",
            Details = { Any.Pack(new ErrorInfo { Reason = "TRANSITION_NOT_ALLOWED", Domain = "exchange.court.cn", Metadata = { ["status"] = "CONFIRMED" } }) },
        };
        var invoker = new FakeCallInvoker(_ => Task.FromException<object>(status.ToRpcException()));

        var exit = await Run(invoker, "accept", "id-1");

        Assert.Equal(1, exit);
        Assert.Single(invoker.Calls);
        Assert.Contains("FAILED_PRECONDITION (TRANSITION_NOT_ALLOWED): CONFIRMED does not allow AcceptApplication", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("status: CONFIRMED", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal("", _out.ToString());
    }

    [Fact]
    public async Task RequestCorrection_SendsEveryItemInOneNotice_WithTheLimit()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application()));

        var exit = await Run(invoker, "request-correction", "id-1", "--item", "调解协议原件扫描件", "--item", "委托代理人授权委托书", "--limit-days", "7");

        Assert.Equal(0, exit);
        var sent = Assert.IsType<RequestCorrectionRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal(["调解协议原件扫描件", "委托代理人授权委托书"], sent.Items);
        Assert.Equal((7, "id-1"), (sent.LimitDays, sent.Act.ApplicationId));
    }

    [Fact]
    public async Task Reject_SendsTheGroundAndReason()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application()));

        var exit = await Run(invoker, "reject", "id-1", "--ground", "other-rejection-ground", "--reason", "存在真实的权利义务争议");

        Assert.Equal(0, exit);
        var sent = Assert.IsType<RejectApplicationRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal((RejectionGround.OtherRejectionGround, "存在真实的权利义务争议"), (sent.Ground, sent.Act.Reason));
    }

    [Fact]
    public async Task IssueDocument_SendsTheDocumentsSha256AsItsBytes()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application()));
        var hex = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

        var exit = await Run(invoker, "issue-document", "id-1", "--document-sha256", hex);

        Assert.Equal(0, exit);
        var call = Assert.Single(invoker.Calls);
        Assert.Equal(CourtService + "IssueMediationDocument", call.Method);
        Assert.Equal(Convert.FromHexString(hex), ((CourtActRequest)call.Request).DocumentSha256.ToByteArray());
    }

    [Fact]
    public async Task ExtendReview_SendsTheApprover()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application()));

        var exit = await Run(invoker, "extend-review", "id-1", "--approved-by", "赵院长");

        Assert.Equal(0, exit);
        Assert.Equal("赵院长", Assert.IsType<ExtendReviewRequest>(Assert.Single(invoker.Calls).Request).ApprovedBy);
    }

    [Fact]
    public async Task Stats_SendsTheRange_AndPrintsCountsAndDurations()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new CourtStatistics
        {
            CourtCode = "新0102",
            Total = 1234,
            Counts = { new StatusCount { Month = "2026-11", Type = ApplicationType.JudicialConfirmation, Status = ApplicationStatus.Confirmed, Count = 1234 } },
            Durations =
            {
                new TypeDurations
                {
                    Type = ApplicationType.JudicialConfirmation,
                    ReceiptToAcceptance = new DurationSummary { Count = 1200, MeanDays = 1.44, P90Days = 2.96 },
                    AcceptanceToRuling = new DurationSummary(),
                },
            },
        }));

        var exit = await Run(invoker, "stats", "--received-after", "2026-11-01");

        Assert.Equal(0, exit);
        var sent = Assert.IsType<GetCourtStatisticsRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), sent.ReceivedAfter.ToDateTimeOffset());
        Assert.Null(sent.ReceivedBefore);
        var output = _out.ToString();
        Assert.Contains("Court 新0102: 1234 application(s).", output, StringComparison.Ordinal);
        Assert.Contains("2026-11", output, StringComparison.Ordinal);
        Assert.Contains("1,234", output, StringComparison.Ordinal);
        Assert.Contains("1.4, p90 3.0 (n = 1,200)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correct_SendsTheStatementAsTheSupplement_ToTheFilingService()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application { Status = ApplicationStatus.Received }));

        var exit = await Run(invoker, "correct", "id-1", "--statement", "已补充调解协议原件", "--request-id", "fix-1");

        Assert.Equal(0, exit);
        var call = Assert.Single(invoker.Calls);
        Assert.Equal(FilingService + "SubmitCorrection", call.Method);
        var sent = (SubmitCorrectionRequest)call.Request;
        Assert.Equal(("id-1", "fix-1", "已补充调解协议原件"), (sent.ApplicationId, sent.RequestId, sent.Supplement.Statement));
    }

    [Fact]
    public async Task RecordSignature_SendsThePartyAndTheTimeItSigned()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application()));

        var exit = await Run(invoker, "record-signature", "id-1", "--party-index", "1", "--signed-time", "2026-11-27T15:20:00+08:00");

        Assert.Equal(0, exit);
        var sent = Assert.IsType<RecordSignatureRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal(1, sent.PartyIndex);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 7, 20, 0, TimeSpan.Zero), sent.SignedTime.ToDateTimeOffset());
    }

    [Fact]
    public async Task RecordService_SendsTheServedTimeAndTheRecordsSha256()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application()));
        var hex = new string('a', 64);

        var exit = await Run(invoker, "record-service", "id-1", "--served-time", "2026-11-27T10:00:00Z", "--record-sha256", hex);

        Assert.Equal(0, exit);
        var sent = Assert.IsType<RecordServiceRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal(ByteString.CopyFrom(Convert.FromHexString(hex)), sent.RecordSha256);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), sent.ServedTime.ToDateTimeOffset());
    }

    [Theory]
    [InlineData("batch-confirm")]
    [InlineData("batch-confirm", "ids.txt", "--all-due")]
    [InlineData("batch-confirm", "--all-due", "--request-id", "has space")]
    [InlineData("batch-confirm", "/nonexistent/ids.txt")]
    [InlineData("docket", "--deadline", "late")]
    [InlineData("docket", "--within-days", "31")]
    [InlineData("docket", "--received-after", "2026-12-01", "--received-before", "2026-11-01")]
    [InlineData("docket", "--received-after", "yesterday")]
    [InlineData("stats", "--received-before", "2026-13-01")]
    [InlineData("request-correction", "id-1", "--limit-days", "7")]
    [InlineData("request-correction", "id-1", "--item", "x", "--limit-days", "31")]
    [InlineData("treat-as-withdrawn", "id-1")]
    [InlineData("record-repudiation", "id-1")]
    [InlineData("issue-document", "id-1")]
    [InlineData("issue-document", "id-1", "--document-sha256", "abc")]
    [InlineData("reject", "id-1", "--ground", "bogus")]
    [InlineData("refuse-acceptance", "id-1")]
    [InlineData("extend-review", "id-1")]
    [InlineData("confirm", "id-1", "--request-id", "批量")]
    [InlineData("correct", "id-1")]
    [InlineData("record-signature", "id-1", "--party-index", "-1", "--signed-time", "2026-11-27")]
    [InlineData("record-service", "id-1", "--record-sha256", "abc", "--served-time", "2026-11-27")]
    public async Task UsageErrors_Exit2_WithoutCallingTheHub(params string[] args)
    {
        var invoker = new FakeCallInvoker(_ => throw new InvalidOperationException("no call expected"));

        var exit = await Run(invoker, args);

        Assert.Equal(2, exit);
        Assert.Empty(invoker.Calls);
        Assert.StartsWith("error: ", _err.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only comments\n\n")]
    [InlineData("a1\n0193a1b2 0193a1b3\n")]
    [InlineData("a1,a2\n")]
    public async Task BatchConfirm_AFileWithoutIdsOrWithTwoOnALine_IsAUsageError(string content)
    {
        var invoker = new FakeCallInvoker(_ => throw new InvalidOperationException("no call expected"));

        var exit = await Run(invoker, "batch-confirm", TempFile(content));

        Assert.Equal(2, exit);
        Assert.Empty(invoker.Calls);
    }

    private static ListDocketResponse DocketPage(string next, string[] ids)
    {
        var page = new ListDocketResponse { NextPageToken = next };
        page.Entries.AddRange(ids.Select(id => new DocketEntry { ApplicationId = id }));
        return page;
    }

    private static GetHistoryResponse History() => new()
    {
        Events =
        {
            new HistoryEvent
            {
                Sequence = 1,
                OccurTime = Timestamp.FromDateTimeOffset(Now.AddDays(-1)),
                Kind = "SUBMITTED",
                Actor = new Actor { Kind = Actor.Types.Kind.Platform, Id = "tianshan-mediation" },
                StatusAfter = ApplicationStatus.Received,
            },
            new HistoryEvent
            {
                Sequence = 2,
                OccurTime = Timestamp.FromDateTimeOffset(Now),
                Kind = "ACCEPTED",
                Actor = new Actor { Kind = Actor.Types.Kind.Court, Id = "新0102", Name = "李书记员" },
                StatusAfter = ApplicationStatus.Accepted,
                Details = { ["case_number"] = CaseNumber },
            },
        },
    };

    private string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"exchange-ids-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, content);
        _files.Add(path);
        return path;
    }

    private Task<int> Run(FakeCallInvoker invoker, params string[] args)
    {
        var context = new CliContext(
            _out,
            _err,
            name => _env.GetValueOrDefault(name),
            new FakeTimeProvider(Now),
            (_, key, options) => new ExchangeClient(invoker, key, options),
            (_, _) => new UnauthenticatedHub(invoker),
            _outIsTerminal,
            _stdin);
        return ExchangeCli.RunAsync(args, context);
    }
}
