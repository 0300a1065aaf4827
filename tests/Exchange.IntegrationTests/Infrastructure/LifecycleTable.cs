using Exchange.V1;

namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>One act that moves an application: a court act of CourtService or a platform answer of FilingService.</summary>
/// <param name="Name">The RPC's name.</param>
/// <param name="Invoke">Performs the act with valid arguments on (flow, application id, request id or null).</param>
public sealed record LifecycleAct(string Name, Func<CourtFlow, string, string?, Task<Application>> Invoke)
{
    public override string ToString() => Name;
}

/// <summary>
/// The lifecycles of DOMAIN.md §4 as data: every act, and for each (type, status) the acts it allows.
/// </summary>
public static class LifecycleTable
{
    public static readonly LifecycleAct RequestCorrection = new(nameof(RequestCorrection), (f, id, r) => f.RequestCorrectionAsync(id, r));
    public static readonly LifecycleAct AcceptApplication = new(nameof(AcceptApplication), (f, id, r) => f.AcceptAsync(id, r));
    public static readonly LifecycleAct RefuseAcceptance = new(nameof(RefuseAcceptance), (f, id, r) => f.RefuseAcceptanceAsync(id, r));
    public static readonly LifecycleAct StartReview = new(nameof(StartReview), (f, id, r) => f.StartReviewAsync(id, r));
    public static readonly LifecycleAct RequestSupplement = new(nameof(RequestSupplement), (f, id, r) => f.RequestSupplementAsync(id, r));
    public static readonly LifecycleAct ExtendReview = new(nameof(ExtendReview), (f, id, r) => f.ExtendReviewAsync(id, r));
    public static readonly LifecycleAct ConfirmAgreement = new(nameof(ConfirmAgreement), (f, id, r) => f.ConfirmAsync(id, r));
    public static readonly LifecycleAct RejectApplication = new(nameof(RejectApplication), (f, id, r) => f.RejectAsync(id, r));
    public static readonly LifecycleAct PermitWithdrawal = new(nameof(PermitWithdrawal), (f, id, r) => f.PermitWithdrawalAsync(id, r));
    public static readonly LifecycleAct TreatAsWithdrawn = new(nameof(TreatAsWithdrawn), (f, id, r) => f.TreatAsWithdrawnAsync(id, r));
    public static readonly LifecycleAct RegisterCase = new(nameof(RegisterCase), (f, id, r) => f.RegisterCaseAsync(id, r));
    public static readonly LifecycleAct IssueMediationDocument = new(nameof(IssueMediationDocument), (f, id, r) => f.IssueDocumentAsync(id, r));
    public static readonly LifecycleAct RefuseMediationDocument = new(nameof(RefuseMediationDocument), (f, id, r) => f.RefuseDocumentAsync(id, r));
    public static readonly LifecycleAct RecordRepudiation = new(nameof(RecordRepudiation), (f, id, r) => f.RecordRepudiationAsync(id, r));
    public static readonly LifecycleAct SubmitCorrection = new(nameof(SubmitCorrection), (f, id, r) => f.SubmitCorrectionAsync(id, r));
    public static readonly LifecycleAct SubmitSupplement = new(nameof(SubmitSupplement), (f, id, r) => f.SubmitSupplementAsync(id, r));
    public static readonly LifecycleAct RecordService = new(nameof(RecordService), (f, id, r) => f.RecordServiceAsync(id, r));
    public static readonly LifecycleAct RecordSignature = new(nameof(RecordSignature), (f, id, r) => f.RecordSignatureAsync(id, 0, r));

    /// <summary>The court's acts of CourtService.</summary>
    public static readonly IReadOnlyList<LifecycleAct> CourtActs =
    [
        RequestCorrection, AcceptApplication, RefuseAcceptance, StartReview, RequestSupplement, ExtendReview,
        ConfirmAgreement, RejectApplication, PermitWithdrawal, TreatAsWithdrawn, RegisterCase,
        IssueMediationDocument, RefuseMediationDocument, RecordRepudiation,
    ];

    /// <summary>The platform's answers of FilingService.</summary>
    public static readonly IReadOnlyList<LifecycleAct> PlatformAnswers = [SubmitCorrection, SubmitSupplement, RecordService, RecordSignature];

    public static readonly IReadOnlyList<LifecycleAct> All = [.. CourtActs, .. PlatformAnswers];

    private static readonly LifecycleAct[] BeforeRulingJc = [PermitWithdrawal, TreatAsWithdrawn];

    private static readonly LifecycleAct[] BeforeIssueMd = [PermitWithdrawal];

    /// <summary>The acts DOMAIN.md §4 allows in each status of each type; a status not listed allows none.</summary>
    private static readonly Dictionary<(ApplicationType, ApplicationStatus), LifecycleAct[]> Allowed = new()
    {
        [(ApplicationType.JudicialConfirmation, ApplicationStatus.Received)] = [RequestCorrection, AcceptApplication, RefuseAcceptance, .. BeforeRulingJc],
        [(ApplicationType.JudicialConfirmation, ApplicationStatus.CorrectionRequested)] = [SubmitCorrection, .. BeforeRulingJc],
        [(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted)] = [StartReview, .. BeforeRulingJc],
        [(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview)] = [RequestSupplement, ExtendReview, ConfirmAgreement, RejectApplication, .. BeforeRulingJc],
        [(ApplicationType.JudicialConfirmation, ApplicationStatus.SupplementRequested)] = [SubmitSupplement, .. BeforeRulingJc],
        [(ApplicationType.JudicialConfirmation, ApplicationStatus.NotAccepted)] = [RecordService],
        [(ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed)] = [RecordService],
        [(ApplicationType.JudicialConfirmation, ApplicationStatus.Rejected)] = [RecordService],
        [(ApplicationType.JudicialConfirmation, ApplicationStatus.Withdrawn)] = [RecordService],
        [(ApplicationType.MediationDocument, ApplicationStatus.Received)] = [RequestCorrection, RegisterCase, .. BeforeIssueMd],
        [(ApplicationType.MediationDocument, ApplicationStatus.CorrectionRequested)] = [SubmitCorrection, .. BeforeIssueMd],
        [(ApplicationType.MediationDocument, ApplicationStatus.CaseRegistered)] = [StartReview, .. BeforeIssueMd],
        [(ApplicationType.MediationDocument, ApplicationStatus.UnderReview)] = [IssueMediationDocument, RefuseMediationDocument, .. BeforeIssueMd],
        [(ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued)] = [RecordSignature, RecordRepudiation],
    };

    public static IReadOnlySet<LifecycleAct> AllowedIn(ApplicationType type, ApplicationStatus status) =>
        Allowed.TryGetValue((type, status), out var acts) ? acts.ToHashSet() : new HashSet<LifecycleAct>();

    /// <summary>Final: nothing but service can change the outcome (a withdrawal request is APPLICATION_FINAL).</summary>
    public static bool IsFinal(ApplicationStatus status) => status is ApplicationStatus.NotAccepted or ApplicationStatus.Confirmed
        or ApplicationStatus.Rejected or ApplicationStatus.Withdrawn or ApplicationStatus.DeemedWithdrawn or ApplicationStatus.Served
        or ApplicationStatus.Refused or ApplicationStatus.Effective or ApplicationStatus.Repudiated;

    /// <summary>The proto enum name of a status, e.g. "UNDER_REVIEW", as ErrorInfo.metadata["status"] carries it.</summary>
    public static string ProtoName(ApplicationStatus status) =>
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Google.Protobuf.Reflection.OriginalNameAttribute>(
            typeof(ApplicationStatus).GetField(status.ToString())!)!.Name;
}
