using System.Security.Cryptography;
using System.Text;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>
/// One platform filing with one court, and that court answering: every act with valid arguments
/// (so that only the application's state can make it fail), and walks to any status of DOMAIN.md §4.
/// </summary>
public sealed class CourtFlow(GrpcChannel channel, string platformKey, string courtKey, string courtCode)
{
    public const string Officer = "书记员 赵六";

    public FilingService.FilingServiceClient Filing { get; } = new(channel);

    public CourtService.CourtServiceClient Court { get; } = new(channel);

    public string CourtCode { get; } = courtCode;

    public CallOptions AsPlatform => HubFixture.As(platformKey);

    public CallOptions AsCourt => HubFixture.As(courtKey);

    public static string NewCaseId(string prefix = "court") => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    public static string NewRequestId(string prefix = "req") => prefix + "-" + Guid.NewGuid().ToString("N")[..16];

    public static ByteString Sha256Of(string text) => ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // ---- filing and reading ------------------------------------------------------------------

    public async Task<Receipt> SubmitAsync(ApplicationType type, string? caseId = null)
    {
        caseId ??= NewCaseId(type == ApplicationType.JudicialConfirmation ? "jc" : "md");
        var request = type == ApplicationType.JudicialConfirmation
            ? Requests.JudicialConfirmation(caseId, CourtCode)
            : Requests.MediationDocument(caseId, CourtCode);
        return await Filing.SubmitApplicationAsync(request, AsPlatform);
    }

    public async Task<Application> GetAsync(string id) =>
        await Court.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, AsCourt);

    public async Task<Application> GetAsPlatformAsync(string id) =>
        await Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, AsPlatform);

    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string id) =>
        (await Court.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, AsCourt)).Events;

    public async Task<IReadOnlyList<HistoryEvent>> PlatformHistoryAsync(string id) =>
        (await Filing.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, AsPlatform)).Events;

    // ---- the court's acts, with valid arguments ------------------------------------------------

    public static CourtActRequest Act(string id, string? requestId = null, string? reason = null) => new()
    {
        ApplicationId = id,
        RequestId = requestId ?? "",
        OfficerName = Officer,
        Reason = reason ?? "",
    };

    public static readonly string[] CorrectionItems = ["身份证明复印件不清晰，请重新提交", "调解协议缺少调解员签名"];

    public static readonly string[] SupplementItems = ["补充说明借款交付情况", "补充提交转账凭证"];

    public async Task<Application> RequestCorrectionAsync(string id, string? requestId = null, int limitDays = 5) =>
        await Court.RequestCorrectionAsync(new RequestCorrectionRequest { Act = Act(id, requestId), Items = { CorrectionItems }, LimitDays = limitDays }, AsCourt);

    public async Task<Application> AcceptAsync(string id, string? requestId = null) =>
        await Court.AcceptApplicationAsync(Act(id, requestId), AsCourt);

    public async Task<Application> RefuseAcceptanceAsync(string id, string? requestId = null) =>
        await Court.RefuseAcceptanceAsync(new RefuseAcceptanceRequest { Act = Act(id, requestId, "不属于本院管辖"), Ground = NonAcceptanceGround.OutsideJurisdiction }, AsCourt);

    public async Task<Application> StartReviewAsync(string id, string? requestId = null) =>
        await Court.StartReviewAsync(Act(id, requestId), AsCourt);

    public async Task<Application> RequestSupplementAsync(string id, string? requestId = null, int limitDays = 7) =>
        await Court.RequestSupplementAsync(new RequestSupplementRequest { Act = Act(id, requestId), Items = { SupplementItems }, LimitDays = limitDays }, AsCourt);

    public async Task<Application> ExtendReviewAsync(string id, string? requestId = null) =>
        await Court.ExtendReviewAsync(new ExtendReviewRequest { Act = Act(id, requestId, "案情复杂"), ApprovedBy = "院长 钱七" }, AsCourt);

    public async Task<Application> ConfirmAsync(string id, string? requestId = null) =>
        await Court.ConfirmAgreementAsync(Act(id, requestId), AsCourt);

    public async Task<Application> RejectAsync(string id, string? requestId = null) =>
        await Court.RejectApplicationAsync(new RejectApplicationRequest { Act = Act(id, requestId, "协议内容违反法律强制性规定"), Ground = RejectionGround.ViolatesMandatoryLaw }, AsCourt);

    public async Task<Application> PermitWithdrawalAsync(string id, string? requestId = null) =>
        await Court.PermitWithdrawalAsync(Act(id, requestId), AsCourt);

    public async Task<Application> TreatAsWithdrawnAsync(string id, string? requestId = null) =>
        await Court.TreatAsWithdrawnAsync(Act(id, requestId, "逾期未补充材料"), AsCourt);

    public async Task<Application> RegisterCaseAsync(string id, string? requestId = null) =>
        await Court.RegisterCaseAsync(Act(id, requestId), AsCourt);

    public async Task<Application> IssueDocumentAsync(string id, string? requestId = null)
    {
        var act = Act(id, requestId);
        act.DocumentSha256 = Sha256Of("民事调解书 " + id);
        return await Court.IssueMediationDocumentAsync(act, AsCourt);
    }

    public async Task<Application> RefuseDocumentAsync(string id, string? requestId = null) =>
        await Court.RefuseMediationDocumentAsync(new RefuseMediationDocumentRequest { Act = Act(id, requestId, "涉嫌虚假调解"), Ground = DocumentRefusalGround.SuspectedFalseMediation }, AsCourt);

    public async Task<Application> RecordRepudiationAsync(string id, string? requestId = null) =>
        await Court.RecordRepudiationAsync(Act(id, requestId, "被告在送达前反悔"), AsCourt);

    // ---- the platform's answers, with valid arguments -------------------------------------------

    public static Supplement Supplement(string statement) => new()
    {
        Statement = statement,
        Attachments = { Requests.File(AttachmentKind.OtherMaterial, "answer.pdf", statement) },
    };

    public async Task<Application> SubmitCorrectionAsync(string id, string? requestId = null) =>
        await Filing.SubmitCorrectionAsync(new SubmitCorrectionRequest { ApplicationId = id, RequestId = requestId ?? "", Supplement = Supplement("补正材料 " + id) }, AsPlatform);

    public async Task<Application> SubmitSupplementAsync(string id, string? requestId = null) =>
        await Filing.SubmitSupplementAsync(new SubmitSupplementRequest { ApplicationId = id, RequestId = requestId ?? "", Supplement = Supplement("补充材料 " + id) }, AsPlatform);

    public async Task<Application> RecordServiceAsync(string id, string? requestId = null) =>
        await Filing.RecordServiceAsync(new RecordServiceRequest
        {
            ApplicationId = id,
            RequestId = requestId ?? "",
            ServedTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
            RecordSha256 = Sha256Of("送达回证 " + id),
        }, AsPlatform);

    public async Task<Application> RecordSignatureAsync(string id, int partyIndex, string? requestId = null) =>
        await Filing.RecordSignatureAsync(new RecordSignatureRequest
        {
            ApplicationId = id,
            RequestId = requestId ?? "",
            PartyIndex = partyIndex,
            SignedTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
        }, AsPlatform);

    public async Task<Application> RequestWithdrawalAsync(string id, string reason = "双方已自行和解") =>
        await Filing.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = id, Reason = reason }, AsPlatform);

    // ---- walks -------------------------------------------------------------------------------

    /// <summary>Files an application of <paramref name="type"/> and brings it to <paramref name="target"/> by the shortest path.</summary>
    public async Task<Application> WalkAsync(ApplicationType type, ApplicationStatus target)
    {
        var id = (await SubmitAsync(type)).ApplicationId;
        return await WalkFromReceivedAsync(id, type, target);
    }

    /// <summary>Brings a RECEIVED application to <paramref name="target"/> by the shortest path.</summary>
    public async Task<Application> WalkFromReceivedAsync(string id, ApplicationType type, ApplicationStatus target)
    {
        var jc = type == ApplicationType.JudicialConfirmation;
        switch (target)
        {
            case ApplicationStatus.Received:
                return await GetAsync(id);
            case ApplicationStatus.CorrectionRequested:
                return await RequestCorrectionAsync(id);
            case ApplicationStatus.NotAccepted:
                return await RefuseAcceptanceAsync(id);
            case ApplicationStatus.Accepted:
                return await AcceptAsync(id);
            case ApplicationStatus.CaseRegistered:
                return await RegisterCaseAsync(id);
            case ApplicationStatus.UnderReview:
                await (jc ? AcceptAsync(id) : RegisterCaseAsync(id));
                return await StartReviewAsync(id);
            case ApplicationStatus.SupplementRequested:
                await WalkFromReceivedAsync(id, type, ApplicationStatus.UnderReview);
                return await RequestSupplementAsync(id);
            case ApplicationStatus.Confirmed:
                await WalkFromReceivedAsync(id, type, ApplicationStatus.UnderReview);
                return await ConfirmAsync(id);
            case ApplicationStatus.Rejected:
                await WalkFromReceivedAsync(id, type, ApplicationStatus.UnderReview);
                return await RejectAsync(id);
            case ApplicationStatus.Withdrawn:
                await RequestWithdrawalAsync(id);
                return await PermitWithdrawalAsync(id);
            case ApplicationStatus.DeemedWithdrawn:
                return await TreatAsWithdrawnAsync(id);
            case ApplicationStatus.Served:
                await WalkFromReceivedAsync(id, type, ApplicationStatus.Confirmed);
                return await RecordServiceAsync(id);
            case ApplicationStatus.DocumentIssued:
                await WalkFromReceivedAsync(id, type, ApplicationStatus.UnderReview);
                return await IssueDocumentAsync(id);
            case ApplicationStatus.Refused:
                await WalkFromReceivedAsync(id, type, ApplicationStatus.UnderReview);
                return await RefuseDocumentAsync(id);
            case ApplicationStatus.Effective:
                await WalkFromReceivedAsync(id, type, ApplicationStatus.DocumentIssued);
                await RecordSignatureAsync(id, 0);
                return await RecordSignatureAsync(id, 1);
            case ApplicationStatus.Repudiated:
                await WalkFromReceivedAsync(id, type, ApplicationStatus.DocumentIssued);
                return await RecordRepudiationAsync(id);
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "no walk to this status");
        }
    }
}
