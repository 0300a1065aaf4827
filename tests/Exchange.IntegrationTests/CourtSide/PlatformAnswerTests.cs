using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Exchange.IntegrationTests.CourtSide;

/// <summary>
/// The platform's answers on FilingService (SubmitCorrection, SubmitSupplement, RecordService,
/// RecordSignature): the success path and each documented error, every refusal changing nothing.
/// </summary>
[Collection(CourtCollection.Name)]
public sealed class PlatformAnswerTests(CourtHubFixture hub)
{
    private CourtFlow Flow => hub.Flow;

    [DatabaseFact]
    public async Task SubmitCorrection_AnswersTheNotice_BackToReceivedWithTheFilesKept()
    {
        var app = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.CorrectionRequested);
        var id = app.Receipt.ApplicationId;
        var file = Requests.File(AttachmentKind.IdentityProof, "id-card.pdf", "身份证复印件 " + id);
        file.PartyIndex = 0;

        var corrected = await hub.Filing.SubmitCorrectionAsync(new SubmitCorrectionRequest
        {
            ApplicationId = id,
            Supplement = new Supplement { Statement = "已重新提交清晰的身份证明", Attachments = { file } },
        }, hub.AsPlatformA);

        Assert.Equal(ApplicationStatus.Received, corrected.Status);
        Assert.Equal(app.Version + 1, corrected.Version);
        Assert.Empty(corrected.RequestedItems);
        Assert.Contains(corrected.Deadlines, d => d.Kind == DeadlineKind.AcceptanceDecision);
        var last = (await Flow.PlatformHistoryAsync(id))[^1];
        Assert.Equal("CORRECTION_SUBMITTED", last.Kind);
        Assert.Equal(Actor.Types.Kind.Platform, last.Actor.Kind);
        Assert.Equal(1, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_attachment_contents WHERE sha256 = $1", file.Sha256.ToByteArray()));
    }

    [DatabaseFact]
    public async Task SubmitSupplement_AnswersTheOrder_BackToUnderReview()
    {
        var app = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.SupplementRequested);

        var supplied = await hub.Filing.SubmitSupplementAsync(new SubmitSupplementRequest
        {
            ApplicationId = app.Receipt.ApplicationId,
            Supplement = new Supplement { Statement = "补充说明：借款已于调解前交付" },
        }, hub.AsPlatformA);

        Assert.Equal(ApplicationStatus.UnderReview, supplied.Status);
        Assert.Equal(app.Version + 1, supplied.Version);
        Assert.Empty(supplied.RequestedItems);
        Assert.DoesNotContain(supplied.Deadlines, d => d.Kind == DeadlineKind.Supplement);
        Assert.Equal("SUPPLEMENT_SUBMITTED", (await Flow.PlatformHistoryAsync(app.Receipt.ApplicationId))[^1].Kind);
    }

    [DatabaseFact]
    public async Task RecordService_OfAConfirmation_IsServed()
    {
        var app = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed);

        var served = await Flow.RecordServiceAsync(app.Receipt.ApplicationId);

        Assert.Equal(ApplicationStatus.Served, served.Status);
        Assert.Equal(app.Version + 1, served.Version);
        Assert.Equal(app.CaseNumber, served.CaseNumber);
        Assert.Equal(app.RulingTime, served.RulingTime);
    }

    [DatabaseFact]
    public async Task RecordSignature_EachParty_RecordsItsIndex()
    {
        var app = await Flow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued);
        var id = app.Receipt.ApplicationId;

        var first = await Flow.RecordSignatureAsync(id, 0);
        var last = await Flow.RecordSignatureAsync(id, 1);

        Assert.Equal(ApplicationStatus.DocumentIssued, first.Status);
        Assert.Equal(new[] { 0 }, first.SignedPartyIndexes);
        Assert.Equal(ApplicationStatus.Effective, last.Status);
        Assert.Equal(new[] { 0, 1 }, last.SignedPartyIndexes.Order());
        Assert.Equal(app.Version + 2, last.Version);
    }

    /// <summary>(method, what is wrong, expected code, expected violated field or "" when none is named).</summary>
    public static TheoryData<string, string, StatusCode, string> Errors => new()
    {
        { "SubmitCorrection", "malformed id", StatusCode.InvalidArgument, "application_id" },
        { "SubmitCorrection", "no supplement", StatusCode.InvalidArgument, "supplement" },
        { "SubmitCorrection", "empty statement", StatusCode.InvalidArgument, "supplement.statement" },
        { "SubmitCorrection", "statement of 5,001 characters", StatusCode.InvalidArgument, "supplement.statement" },
        { "SubmitCorrection", "attachment not matching its hash", StatusCode.InvalidArgument, "supplement.attachments[0]" },
        { "SubmitCorrection", "malformed request id", StatusCode.InvalidArgument, "request_id" },
        { "SubmitCorrection", "unknown id", StatusCode.NotFound, "" },
        { "SubmitCorrection", "another platform's application", StatusCode.NotFound, "" },
        { "SubmitCorrection", "wrong status", StatusCode.FailedPrecondition, "" },
        { "SubmitSupplement", "malformed id", StatusCode.InvalidArgument, "application_id" },
        { "SubmitSupplement", "no supplement", StatusCode.InvalidArgument, "supplement" },
        { "SubmitSupplement", "empty statement", StatusCode.InvalidArgument, "supplement.statement" },
        { "SubmitSupplement", "attachment not matching its hash", StatusCode.InvalidArgument, "supplement.attachments[0]" },
        { "SubmitSupplement", "unknown id", StatusCode.NotFound, "" },
        { "SubmitSupplement", "another platform's application", StatusCode.NotFound, "" },
        { "SubmitSupplement", "wrong status", StatusCode.FailedPrecondition, "" },
        { "RecordService", "malformed id", StatusCode.InvalidArgument, "application_id" },
        { "RecordService", "no served time", StatusCode.InvalidArgument, "served_time" },
        { "RecordService", "served time in the future", StatusCode.InvalidArgument, "served_time" },
        { "RecordService", "no record hash", StatusCode.InvalidArgument, "record_sha256" },
        { "RecordService", "record hash of 31 bytes", StatusCode.InvalidArgument, "record_sha256" },
        { "RecordService", "unknown id", StatusCode.NotFound, "" },
        { "RecordService", "another platform's application", StatusCode.NotFound, "" },
        { "RecordService", "wrong status", StatusCode.FailedPrecondition, "" },
        { "RecordService", "mediation document", StatusCode.FailedPrecondition, "" },
        { "RecordSignature", "malformed id", StatusCode.InvalidArgument, "application_id" },
        { "RecordSignature", "party index past the parties", StatusCode.InvalidArgument, "party_index" },
        { "RecordSignature", "negative party index", StatusCode.InvalidArgument, "party_index" },
        { "RecordSignature", "no signed time", StatusCode.InvalidArgument, "signed_time" },
        { "RecordSignature", "signed time in the future", StatusCode.InvalidArgument, "signed_time" },
        { "RecordSignature", "unknown id", StatusCode.NotFound, "" },
        { "RecordSignature", "another platform's application", StatusCode.NotFound, "" },
        { "RecordSignature", "wrong status", StatusCode.FailedPrecondition, "" },
        { "RecordSignature", "judicial confirmation", StatusCode.FailedPrecondition, "" },
    };

    [DatabaseTheory]
    [MemberData(nameof(Errors))]
    public async Task EachAnswer_InvalidOrMisdirected_FailsAsDocumentedAndChangesNothing(string method, string variant, StatusCode code, string field)
    {
        // The application is in the status where the answer is allowed, so that only the variant is wrong.
        var (type, status) = (method, variant) switch
        {
            (_, "wrong status") => (method == "RecordSignature" ? ApplicationType.MediationDocument : ApplicationType.JudicialConfirmation, ApplicationStatus.Received),
            (_, "mediation document") => (ApplicationType.MediationDocument, ApplicationStatus.Effective),
            (_, "judicial confirmation") => (ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed),
            ("SubmitCorrection", _) => (ApplicationType.JudicialConfirmation, ApplicationStatus.CorrectionRequested),
            ("SubmitSupplement", _) => (ApplicationType.JudicialConfirmation, ApplicationStatus.SupplementRequested),
            ("RecordService", _) => (ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed),
            _ => (ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued),
        };
        var app = await Flow.WalkAsync(type, status);
        var id = app.Receipt.ApplicationId;
        var options = hub.AsPlatformA;
        Supplement? supplement = CourtFlow.Supplement("补充材料");
        var served = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1));
        var hash = CourtFlow.Sha256Of("送达回证");
        var party = 0;
        switch (variant)
        {
            case "malformed id": id = "not-a-uuid"; break;
            case "unknown id": id = Guid.NewGuid().ToString(); break;
            case "another platform's application": options = hub.AsPlatformB; break;
            case "no supplement": supplement = null; break;
            case "empty statement": supplement!.Statement = ""; break;
            case "statement of 5,001 characters": supplement!.Statement = new string('补', 5001); break;
            case "attachment not matching its hash": supplement!.Attachments[0].Content = ByteString.CopyFromUtf8("something else entirely"); break;
            case "no served time": served = null; break;
            case "served time in the future": served = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)); break;
            case "no record hash": hash = ByteString.Empty; break;
            case "record hash of 31 bytes": hash = ByteString.CopyFrom(hash.Span[..31]); break;
            case "party index past the parties": party = 2; break;
            case "negative party index": party = -1; break;
        }

        var requestId = variant == "malformed request id" ? "not a request id!" : "";
        var signedTime = variant switch
        {
            "no signed time" => null,
            "signed time in the future" => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)),
            _ => served ?? Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
        };
        Task Call() => method switch
        {
            "SubmitCorrection" => hub.Filing.SubmitCorrectionAsync(new SubmitCorrectionRequest { ApplicationId = id, RequestId = requestId, Supplement = supplement }, options).ResponseAsync,
            "SubmitSupplement" => hub.Filing.SubmitSupplementAsync(new SubmitSupplementRequest { ApplicationId = id, RequestId = requestId, Supplement = supplement }, options).ResponseAsync,
            "RecordService" => hub.Filing.RecordServiceAsync(new RecordServiceRequest { ApplicationId = id, RequestId = requestId, ServedTime = served, RecordSha256 = hash }, options).ResponseAsync,
            _ => hub.Filing.RecordSignatureAsync(new RecordSignatureRequest { ApplicationId = id, RequestId = requestId, PartyIndex = party, SignedTime = signedTime }, options).ResponseAsync,
        };
        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);

        var error = await RpcAssert.FailsWith(code, Call);

        if (field != "")
        {
            Assert.Contains(error.ViolatedFields(), f => f == field || f.StartsWith(field + ".", StringComparison.Ordinal) || f.StartsWith(field + "[", StringComparison.Ordinal));
        }

        if (code == StatusCode.FailedPrecondition)
        {
            Assert.Equal("TRANSITION_NOT_ALLOWED", error.Info().Reason);
            Assert.Equal(LifecycleTable.ProtoName(app.Status), error.Info().Metadata["status"]);
        }

        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
        Assert.Equal(app, await Flow.GetAsync(app.Receipt.ApplicationId));
    }

    [DatabaseTheory]
    [InlineData("SubmitCorrection")]
    [InlineData("SubmitSupplement")]
    [InlineData("RecordService")]
    [InlineData("RecordSignature")]
    [InlineData("GetHistory")]
    public async Task EachNewMethod_WithACourtsKey_IsPermissionDenied_AndWithoutKey_IsUnauthenticated(string method)
    {
        var id = Guid.NewGuid().ToString();
        Task Call(CallOptions options) => method switch
        {
            "SubmitCorrection" => hub.Filing.SubmitCorrectionAsync(new SubmitCorrectionRequest { ApplicationId = id, Supplement = CourtFlow.Supplement("x") }, options).ResponseAsync,
            "SubmitSupplement" => hub.Filing.SubmitSupplementAsync(new SubmitSupplementRequest { ApplicationId = id, Supplement = CourtFlow.Supplement("x") }, options).ResponseAsync,
            "RecordService" => hub.Filing.RecordServiceAsync(new RecordServiceRequest { ApplicationId = id, ServedTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)), RecordSha256 = CourtFlow.Sha256Of("x") }, options).ResponseAsync,
            "RecordSignature" => hub.Filing.RecordSignatureAsync(new RecordSignatureRequest { ApplicationId = id, SignedTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)) }, options).ResponseAsync,
            _ => hub.Filing.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, options).ResponseAsync,
        };

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Call(hub.AsCourt));
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30))));
    }
}
