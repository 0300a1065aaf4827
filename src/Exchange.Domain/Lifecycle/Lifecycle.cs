using System.Collections.Frozen;

namespace Exchange.Domain;

/// <summary>Why a transition was refused: the wrong actor (PERMISSION_DENIED) or the wrong state (FAILED_PRECONDITION).</summary>
[GenerateSerializer]
public enum TransitionRefusalKind
{
    /// <summary>The transition was allowed.</summary>
    None = 0,

    /// <summary>The act is not allowed from the current status or for this application type.</summary>
    NotAllowed = 1,

    /// <summary>The act belongs to another kind of actor.</summary>
    WrongActor = 2,
}

/// <summary>The result of <see cref="Lifecycle.Apply"/>: the new status, or why the act is refused.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.TransitionResult")]
public sealed record TransitionResult(
    [property: Id(0)] ApplicationStatus Status,
    [property: Id(1)] TransitionRefusalKind RefusalKind,
    [property: Id(2)] string? Refusal)
{
    /// <summary>Whether the act is allowed; <see cref="Status"/> is then the status after it.</summary>
    public bool IsAllowed => RefusalKind == TransitionRefusalKind.None;

    internal static TransitionResult To(ApplicationStatus status) => new(status, TransitionRefusalKind.None, null);

    internal static TransitionResult Refused(ApplicationStatus current, TransitionRefusalKind kind, string reason) => new(current, kind, reason);
}

/// <summary>
/// The lifecycle of an application (DOMAIN.md §4) as a pure state machine.
/// </summary>
/// <remarks>
/// <para>Judicial confirmation: RECEIVED → (CORRECTION_REQUESTED ⇄ RECEIVED) → NOT_ACCEPTED | ACCEPTED →
/// UNDER_REVIEW → (SUPPLEMENT_REQUESTED ⇄ UNDER_REVIEW) → CONFIRMED | REJECTED; WITHDRAWN and
/// DEEMED_WITHDRAWN from any state before the ruling; SERVED after a ruling.</para>
/// <para>Mediation document: RECEIVED → (CORRECTION_REQUESTED ⇄ RECEIVED) → CASE_REGISTERED →
/// UNDER_REVIEW → REFUSED | DOCUMENT_ISSUED → EFFECTIVE | REPUDIATED; WITHDRAWN before the document
/// is issued.</para>
/// <para>Readings of §4 made here:</para>
/// <list type="bullet">
/// <item>The rulings that can be served are those §6 lists: NOT_ACCEPTED, WITHDRAWN, REJECTED and
/// CONFIRMED. DEEMED_WITHDRAWN is not served through the hub, and a mediation document is "served"
/// by the parties signing for it (RecordSignature), so MD has no SERVED.</item>
/// <item>Withdrawal (request and permission) is possible until the ruling, or for a mediation
/// document until it is issued: a party backing out after that is a repudiation, recorded by the
/// court. Whether a request is pending is the caller's state (withdrawal_requested_time); the
/// court's permission is checked here only against the status.</item>
/// <item>Deemed withdrawal (Interp art 357) belongs to judicial confirmation only.</item>
/// <item>The platform submits, corrects, supplements, asks to withdraw and reports service and
/// signature receipts; the court does everything else, including recording a repudiation; the hub
/// does nothing that changes a status.</item>
/// </list>
/// </remarks>
public static class Lifecycle
{
    private static readonly FrozenSet<ApplicationStatus> FinalStatuses = new[]
    {
        ApplicationStatus.NotAccepted,
        ApplicationStatus.Confirmed,
        ApplicationStatus.Rejected,
        ApplicationStatus.Withdrawn,
        ApplicationStatus.DeemedWithdrawn,
        ApplicationStatus.Served,
        ApplicationStatus.Refused,
        ApplicationStatus.Effective,
        ApplicationStatus.Repudiated,
    }.ToFrozenSet();

    private static readonly FrozenSet<ApplicationStatus> ServableRulings = new[]
    {
        ApplicationStatus.NotAccepted,
        ApplicationStatus.Withdrawn,
        ApplicationStatus.Rejected,
        ApplicationStatus.Confirmed,
    }.ToFrozenSet();

    private static readonly FrozenSet<ApplicationStatus> BeforeRulingJc = new[]
    {
        ApplicationStatus.Received,
        ApplicationStatus.CorrectionRequested,
        ApplicationStatus.Accepted,
        ApplicationStatus.UnderReview,
        ApplicationStatus.SupplementRequested,
    }.ToFrozenSet();

    private static readonly FrozenSet<ApplicationStatus> BeforeIssueMd = new[]
    {
        ApplicationStatus.Received,
        ApplicationStatus.CorrectionRequested,
        ApplicationStatus.CaseRegistered,
        ApplicationStatus.UnderReview,
    }.ToFrozenSet();

    private static readonly FrozenSet<Act> PlatformActs = new[]
    {
        Act.Submit,
        Act.SubmitCorrection,
        Act.SubmitSupplement,
        Act.RequestWithdrawal,
        Act.RecordService,
        Act.RecordSignature,
    }.ToFrozenSet();

    /// <summary>
    /// Whether nothing but service can change the outcome: NOT_ACCEPTED, CONFIRMED, REJECTED,
    /// WITHDRAWN, DEEMED_WITHDRAWN, SERVED, REFUSED, EFFECTIVE, REPUDIATED. A withdrawal request is
    /// refused as APPLICATION_FINAL in these states.
    /// </summary>
    public static bool IsFinal(ApplicationStatus status) => FinalStatuses.Contains(status);

    /// <summary>The kind of actor that may perform <paramref name="act"/>.</summary>
    public static ActorKind ActorOf(Act act) => PlatformActs.Contains(act) ? ActorKind.Platform : ActorKind.Court;

    /// <summary>
    /// Applies <paramref name="act"/> by <paramref name="actor"/> to an application of
    /// <paramref name="type"/> in status <paramref name="current"/> (Unspecified before Submit).
    /// </summary>
    /// <param name="type">The application type.</param>
    /// <param name="current">The current status.</param>
    /// <param name="act">The act.</param>
    /// <param name="actor">Who performs it.</param>
    /// <param name="lastPartySigned">For <see cref="Act.RecordSignature"/>: whether this signature is the
    /// last party's, which makes the document EFFECTIVE (Interp art 149); earlier signatures keep
    /// DOCUMENT_ISSUED.</param>
    public static TransitionResult Apply(ApplicationType type, ApplicationStatus current, Act act, ActorKind actor, bool lastPartySigned = false)
    {
        if (act == Act.Unspecified || !Enum.IsDefined(act))
        {
            return TransitionResult.Refused(current, TransitionRefusalKind.NotAllowed, "unknown act");
        }

        var required = ActorOf(act);
        if (actor != required)
        {
            var who = required == ActorKind.Platform ? "the filing platform" : "the court";
            return TransitionResult.Refused(current, TransitionRefusalKind.WrongActor, $"only {who} may {Describe(act)}");
        }

        var next = type switch
        {
            ApplicationType.JudicialConfirmation => JudicialConfirmation(current, act),
            ApplicationType.MediationDocument => MediationDocument(current, act, lastPartySigned),
            _ => null,
        };

        return next is { } status
            ? TransitionResult.To(status)
            : TransitionResult.Refused(
                current,
                TransitionRefusalKind.NotAllowed,
                type is ApplicationType.JudicialConfirmation or ApplicationType.MediationDocument
                    ? $"transition not allowed from {ProtoNames.Of(current)}: cannot {Describe(act)} for a {ProtoNames.Of(type)} application in that status"
                    : $"transition not allowed from {ProtoNames.Of(current)}: the application type is not known");
    }

    private static ApplicationStatus? JudicialConfirmation(ApplicationStatus current, Act act) => (act, current) switch
    {
        (Act.Submit, ApplicationStatus.Unspecified) => ApplicationStatus.Received,
        (Act.RequestCorrection, ApplicationStatus.Received) => ApplicationStatus.CorrectionRequested,
        (Act.SubmitCorrection, ApplicationStatus.CorrectionRequested) => ApplicationStatus.Received,
        (Act.Accept, ApplicationStatus.Received) => ApplicationStatus.Accepted,
        (Act.RefuseAcceptance, ApplicationStatus.Received) => ApplicationStatus.NotAccepted,
        (Act.StartReview, ApplicationStatus.Accepted) => ApplicationStatus.UnderReview,
        (Act.RequestSupplement, ApplicationStatus.UnderReview) => ApplicationStatus.SupplementRequested,
        (Act.SubmitSupplement, ApplicationStatus.SupplementRequested) => ApplicationStatus.UnderReview,
        (Act.ExtendReview, ApplicationStatus.UnderReview) => ApplicationStatus.UnderReview,
        (Act.Confirm, ApplicationStatus.UnderReview) => ApplicationStatus.Confirmed,
        (Act.Reject, ApplicationStatus.UnderReview) => ApplicationStatus.Rejected,
        (Act.RequestWithdrawal, _) when BeforeRulingJc.Contains(current) => current,
        (Act.PermitWithdrawal, _) when BeforeRulingJc.Contains(current) => ApplicationStatus.Withdrawn,
        (Act.TreatAsWithdrawn, _) when BeforeRulingJc.Contains(current) => ApplicationStatus.DeemedWithdrawn,
        (Act.RecordService, _) when ServableRulings.Contains(current) => ApplicationStatus.Served,
        _ => null,
    };

    private static ApplicationStatus? MediationDocument(ApplicationStatus current, Act act, bool lastPartySigned) => (act, current) switch
    {
        (Act.Submit, ApplicationStatus.Unspecified) => ApplicationStatus.Received,
        (Act.RequestCorrection, ApplicationStatus.Received) => ApplicationStatus.CorrectionRequested,
        (Act.SubmitCorrection, ApplicationStatus.CorrectionRequested) => ApplicationStatus.Received,
        (Act.RegisterCase, ApplicationStatus.Received) => ApplicationStatus.CaseRegistered,
        (Act.StartReview, ApplicationStatus.CaseRegistered) => ApplicationStatus.UnderReview,
        (Act.IssueDocument, ApplicationStatus.UnderReview) => ApplicationStatus.DocumentIssued,
        (Act.RefuseDocument, ApplicationStatus.UnderReview) => ApplicationStatus.Refused,
        (Act.RecordSignature, ApplicationStatus.DocumentIssued) => lastPartySigned ? ApplicationStatus.Effective : ApplicationStatus.DocumentIssued,
        (Act.RecordRepudiation, ApplicationStatus.DocumentIssued) => ApplicationStatus.Repudiated,
        (Act.RequestWithdrawal, _) when BeforeIssueMd.Contains(current) => current,
        (Act.PermitWithdrawal, _) when BeforeIssueMd.Contains(current) => ApplicationStatus.Withdrawn,
        _ => null,
    };

    private static string Describe(Act act) => act switch
    {
        Act.Submit => "submit an application",
        Act.RequestCorrection => "request a correction",
        Act.SubmitCorrection => "submit a correction",
        Act.Accept => "accept an application",
        Act.RefuseAcceptance => "refuse to accept an application",
        Act.StartReview => "start the review",
        Act.RequestSupplement => "request supplementary material",
        Act.SubmitSupplement => "submit supplementary material",
        Act.ExtendReview => "extend the review",
        Act.Confirm => "confirm the agreement",
        Act.Reject => "reject the application",
        Act.RequestWithdrawal => "request withdrawal",
        Act.PermitWithdrawal => "permit withdrawal",
        Act.TreatAsWithdrawn => "treat the application as withdrawn",
        Act.RecordService => "record service",
        Act.RegisterCase => "register a case",
        Act.IssueDocument => "issue a mediation document",
        Act.RefuseDocument => "refuse a mediation document",
        Act.RecordSignature => "record a signature",
        Act.RecordRepudiation => "record a repudiation",
        _ => act.ToString(),
    };
}
