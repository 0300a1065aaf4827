using System.Text.RegularExpressions;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using static Exchange.IntegrationTests.Infrastructure.LifecycleTable;

namespace Exchange.IntegrationTests.CourtSide;

/// <summary>
/// Every path of DOMAIN.md §4 walked over gRPC. At every status reached, every act the lifecycle
/// does not allow is tried and must be refused with TRANSITION_NOT_ALLOWED, changing nothing; every
/// act is repeated with its request_id and must answer the same without a second event.
/// </summary>
[Collection(CourtCollection.Name)]
public sealed partial class CourtLifecycleTests(CourtHubFixture hub)
{
    private CourtFlow Flow => hub.Flow;

    [GeneratedRegex(@"^（(\d{4})）新0102民特([1-9]\d*)号$")]
    private static partial Regex JcCaseNumber();

    [GeneratedRegex(@"^（(\d{4})）新0102民初([1-9]\d*)号$")]
    private static partial Regex MdCaseNumber();

    private static int ThisCstYear => DateTimeOffset.UtcNow.ToOffset(ArticleEightyFive.Cst).Year;

    /// <summary>
    /// Performs <paramref name="invoke"/> with a fresh request id, expects <paramref name="expected"/>
    /// and version + 1, repeats it with the same request id (same answer, no new event), and sweeps
    /// every act at the new status.
    /// </summary>
    private async Task<Application> StepAsync(Application current, Func<string, Task<Application>> invoke, ApplicationStatus expected, bool reviewExtended = false)
    {
        var id = current.Receipt.ApplicationId;
        var requestId = CourtFlow.NewRequestId();

        var after = await invoke(requestId);
        var again = await invoke(requestId);

        Assert.Equal(expected, after.Status);
        Assert.Equal(current.Version + 1, after.Version);
        Assert.Equal(current.Receipt, after.Receipt);
        Assert.True(after.UpdateTime.ToDateTimeOffset() >= current.UpdateTime.ToDateTimeOffset());
        Assert.Equal(after, again);
        Assert.Equal(after, await Flow.GetAsync(id));
        Assert.Equal(after, await Flow.GetAsPlatformAsync(id));
        var history = await Flow.HistoryAsync(id);
        Assert.Equal(after.Version, history.Count);
        Assert.Equal(expected, history[^1].StatusAfter);
        ArticleEightyFive.AssertWellFormed(after);
        if (IsFinal(expected))
        {
            Assert.Empty(after.Deadlines);
        }

        await LifecycleAssert.OnlyAllowedActsSucceedAsync(Flow, id, reviewExtended);
        return after;
    }

    private Task<Application> StepAsync(Application current, LifecycleAct act, ApplicationStatus expected, bool reviewExtended = false) =>
        StepAsync(current, r => act.Invoke(Flow, current.Receipt.ApplicationId, r), expected, reviewExtended);

    private async Task<Application> SubmittedAsync(ApplicationType type)
    {
        var receipt = await Flow.SubmitAsync(type);
        var application = await Flow.GetAsync(receipt.ApplicationId);
        Assert.Equal(ApplicationStatus.Received, application.Status);
        Assert.Equal(1, application.Version);
        Assert.Equal("", application.CaseNumber);
        Assert.Null(application.AcceptanceTime);
        Assert.Null(application.RulingTime);
        await LifecycleAssert.OnlyAllowedActsSucceedAsync(Flow, receipt.ApplicationId);
        return application;
    }

    private static DateOnly Today => ArticleEightyFive.CstDate(DateTimeOffset.UtcNow);

    [DatabaseFact]
    public async Task JudicialConfirmation_CorrectionAcceptanceReviewSupplementExtensionConfirmationService_EveryStatusAllowsOnlyItsActs()
    {
        var app = await SubmittedAsync(ApplicationType.JudicialConfirmation);
        var received = ArticleEightyFive.CstDate(app.Receipt.ReceivedTime);
        Assert.Equal(ArticleEightyFive.Due(received, 3), ArticleEightyFive.ToDateOnly(ArticleEightyFive.Of(app, DeadlineKind.AcceptanceDecision).DueDate));

        app = await StepAsync(app, RequestCorrection, ApplicationStatus.CorrectionRequested);
        Assert.Equal(CourtFlow.CorrectionItems, app.RequestedItems);
        Assert.Equal(ArticleEightyFive.Due(Today, 5), ArticleEightyFive.ToDateOnly(ArticleEightyFive.Of(app, DeadlineKind.Correction).DueDate));

        app = await StepAsync(app, SubmitCorrection, ApplicationStatus.Received);
        Assert.Empty(app.RequestedItems);
        var restarted = ArticleEightyFive.ToDateOnly(ArticleEightyFive.Of(app, DeadlineKind.AcceptanceDecision).DueDate);
        Assert.Contains(restarted, new[] { ArticleEightyFive.Due(Today, 3), ArticleEightyFive.Due(Today.AddDays(1), 3) });

        var beforeAcceptance = DateTimeOffset.UtcNow;
        app = await StepAsync(app, AcceptApplication, ApplicationStatus.Accepted);
        var number = JcCaseNumber().Match(app.CaseNumber);
        Assert.True(number.Success, $"case number {app.CaseNumber}");
        Assert.Equal(ThisCstYear.ToString(), number.Groups[1].Value);
        Assert.NotNull(app.AcceptanceTime);
        Assert.InRange(app.AcceptanceTime.ToDateTimeOffset(), beforeAcceptance.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Null(app.RulingTime);
        var accepted = ArticleEightyFive.CstDate(app.AcceptanceTime);
        Assert.DoesNotContain(app.Deadlines, d => d.Kind == DeadlineKind.AcceptanceDecision);
        Assert.Equal(ArticleEightyFive.Due(accepted, 15), ArticleEightyFive.ToDateOnly(ArticleEightyFive.Of(app, DeadlineKind.Review).DueDate));
        Assert.Equal(ArticleEightyFive.Due(accepted, 30), ArticleEightyFive.ToDateOnly(ArticleEightyFive.Of(app, DeadlineKind.ReviewCeiling).DueDate));
        var caseNumber = app.CaseNumber;

        app = await StepAsync(app, StartReview, ApplicationStatus.UnderReview);
        Assert.Equal(caseNumber, app.CaseNumber);
        Assert.Equal(ArticleEightyFive.Due(accepted, 15), ArticleEightyFive.ToDateOnly(ArticleEightyFive.Of(app, DeadlineKind.Review).DueDate));

        app = await StepAsync(app, RequestSupplement, ApplicationStatus.SupplementRequested);
        Assert.Equal(CourtFlow.SupplementItems, app.RequestedItems);
        Assert.Equal(ArticleEightyFive.Due(Today, 7), ArticleEightyFive.ToDateOnly(ArticleEightyFive.Of(app, DeadlineKind.Supplement).DueDate));

        app = await StepAsync(app, SubmitSupplement, ApplicationStatus.UnderReview);
        Assert.Empty(app.RequestedItems);

        app = await StepAsync(app, ExtendReview, ApplicationStatus.UnderReview, reviewExtended: true);
        Assert.Equal(ArticleEightyFive.Due(accepted, 25), ArticleEightyFive.ToDateOnly(ArticleEightyFive.Of(app, DeadlineKind.Review).DueDate));
        Assert.Equal(ArticleEightyFive.Due(accepted, 30), ArticleEightyFive.ToDateOnly(ArticleEightyFive.Of(app, DeadlineKind.ReviewCeiling).DueDate));

        app = await StepAsync(app, ConfirmAgreement, ApplicationStatus.Confirmed);
        Assert.NotNull(app.RulingTime);
        Assert.Equal(caseNumber, app.CaseNumber);

        app = await StepAsync(app, RecordService, ApplicationStatus.Served);
        Assert.Equal(caseNumber, app.CaseNumber);
        Assert.Equal(10, app.Version);
    }

    [DatabaseFact]
    public async Task JudicialConfirmation_Rejected_IsARulingThatCanBeServed()
    {
        var app = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview);

        app = await StepAsync(app, RejectApplication, ApplicationStatus.Rejected);
        Assert.NotNull(app.RulingTime);
        app = await StepAsync(app, RecordService, ApplicationStatus.Served);
    }

    [DatabaseFact]
    public async Task JudicialConfirmation_AcceptanceRefused_IsNotAcceptedWithoutCaseNumberAndCanBeServed()
    {
        var app = await SubmittedAsync(ApplicationType.JudicialConfirmation);

        app = await StepAsync(app, RefuseAcceptance, ApplicationStatus.NotAccepted);
        Assert.Equal("", app.CaseNumber);
        Assert.NotNull(app.RulingTime);
        app = await StepAsync(app, RecordService, ApplicationStatus.Served);
    }

    public static TheoryData<ApplicationStatus> JcBeforeRuling =>
    [
        ApplicationStatus.Received, ApplicationStatus.CorrectionRequested, ApplicationStatus.Accepted,
        ApplicationStatus.UnderReview, ApplicationStatus.SupplementRequested,
    ];

    [DatabaseTheory]
    [MemberData(nameof(JcBeforeRuling))]
    public async Task JudicialConfirmation_WithdrawalAskedByThePlatformThenPermitted_IsWithdrawnAndCanBeServed(ApplicationStatus from)
    {
        var app = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, from);
        var id = app.Receipt.ApplicationId;
        await LifecycleAssert.RefusedAsync(() => Flow.PermitWithdrawalAsync(id), "WITHDRAWAL_NOT_REQUESTED");

        var asked = await Flow.RequestWithdrawalAsync(id);
        Assert.Equal(from, asked.Status);
        Assert.Equal(app.Version + 1, asked.Version);
        Assert.NotNull(asked.WithdrawalRequestedTime);
        await LifecycleAssert.OnlyAllowedActsSucceedAsync(Flow, id);

        app = await StepAsync(asked, PermitWithdrawal, ApplicationStatus.Withdrawn);
        Assert.Null(app.WithdrawalRequestedTime);
        Assert.NotNull(app.RulingTime);
        await StepAsync(app, RecordService, ApplicationStatus.Served);
    }

    [DatabaseTheory]
    [MemberData(nameof(JcBeforeRuling))]
    public async Task JudicialConfirmation_TreatedAsWithdrawn_IsFinalAndNotServed(ApplicationStatus from)
    {
        var app = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, from);

        app = await StepAsync(app, TreatAsWithdrawn, ApplicationStatus.DeemedWithdrawn);

        Assert.NotNull(app.RulingTime);
        var last = (await Flow.HistoryAsync(app.Receipt.ApplicationId))[^1];
        Assert.Equal("逾期未补充材料", last.Reason);
    }

    [DatabaseFact]
    public async Task MediationDocument_CorrectionRegistrationReviewIssueSignatures_IsEffectiveOnlyWhenTheLastPartySigned()
    {
        var app = await SubmittedAsync(ApplicationType.MediationDocument);

        app = await StepAsync(app, RequestCorrection, ApplicationStatus.CorrectionRequested);
        Assert.Equal(CourtFlow.CorrectionItems, app.RequestedItems);
        Assert.Equal(ArticleEightyFive.Due(Today, 5), ArticleEightyFive.ToDateOnly(ArticleEightyFive.Of(app, DeadlineKind.Correction).DueDate));
        app = await StepAsync(app, SubmitCorrection, ApplicationStatus.Received);
        Assert.Empty(app.RequestedItems);

        app = await StepAsync(app, RegisterCase, ApplicationStatus.CaseRegistered);
        var number = MdCaseNumber().Match(app.CaseNumber);
        Assert.True(number.Success, $"case number {app.CaseNumber}");
        Assert.Equal(ThisCstYear.ToString(), number.Groups[1].Value);
        Assert.NotNull(app.AcceptanceTime);

        app = await StepAsync(app, StartReview, ApplicationStatus.UnderReview);
        app = await StepAsync(app, IssueMediationDocument, ApplicationStatus.DocumentIssued);
        Assert.NotNull(app.RulingTime);
        Assert.Empty(app.SignedPartyIndexes);

        var id = app.Receipt.ApplicationId;
        app = await StepAsync(app, r => Flow.RecordSignatureAsync(id, 1, r), ApplicationStatus.DocumentIssued);
        Assert.Equal(new[] { 1 }, app.SignedPartyIndexes);

        var twice = await Flow.RecordSignatureAsync(id, 1, CourtFlow.NewRequestId());
        var thrice = await Flow.RecordSignatureAsync(id, 1);
        Assert.Equal(app, twice);
        Assert.Equal(app, thrice);
        Assert.Equal(app.Version, (await Flow.HistoryAsync(id)).Count);

        app = await StepAsync(app, r => Flow.RecordSignatureAsync(id, 0, r), ApplicationStatus.Effective);
        Assert.Equal(new[] { 0, 1 }, app.SignedPartyIndexes.Order());
        Assert.Equal(8, app.Version);
    }

    [DatabaseFact]
    public async Task MediationDocument_DocumentRefused_IsFinal()
    {
        var app = await Flow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.UnderReview);

        app = await StepAsync(app, RefuseMediationDocument, ApplicationStatus.Refused);

        Assert.NotNull(app.RulingTime);
    }

    [DatabaseFact]
    public async Task MediationDocument_PartyBacksOutAfterOneSignature_IsRepudiated()
    {
        var app = await Flow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued);
        app = await StepAsync(app, RecordSignature, ApplicationStatus.DocumentIssued);

        app = await StepAsync(app, RecordRepudiation, ApplicationStatus.Repudiated);

        Assert.Equal(new[] { 0 }, app.SignedPartyIndexes);
        Assert.Equal("被告在送达前反悔", (await Flow.HistoryAsync(app.Receipt.ApplicationId))[^1].Reason);
    }

    public static TheoryData<ApplicationStatus> MdBeforeIssue =>
    [
        ApplicationStatus.Received, ApplicationStatus.CorrectionRequested, ApplicationStatus.CaseRegistered, ApplicationStatus.UnderReview,
    ];

    [DatabaseTheory]
    [MemberData(nameof(MdBeforeIssue))]
    public async Task MediationDocument_WithdrawalAskedThenPermitted_IsWithdrawnAndFinal(ApplicationStatus from)
    {
        var app = await Flow.WalkAsync(ApplicationType.MediationDocument, from);
        var id = app.Receipt.ApplicationId;
        await LifecycleAssert.RefusedAsync(() => Flow.PermitWithdrawalAsync(id), "WITHDRAWAL_NOT_REQUESTED");

        var asked = await Flow.RequestWithdrawalAsync(id);
        Assert.Equal(from, asked.Status);
        Assert.NotNull(asked.WithdrawalRequestedTime);

        app = await StepAsync(asked, PermitWithdrawal, ApplicationStatus.Withdrawn);
        Assert.Null(app.WithdrawalRequestedTime);
    }

    [DatabaseFact]
    public async Task ExtendReview_ASecondTime_IsReviewAlreadyExtendedAndChangesNothing()
    {
        var app = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview);
        var id = app.Receipt.ApplicationId;
        var extended = await Flow.ExtendReviewAsync(id);

        await LifecycleAssert.RefusedAsync(() => Flow.ExtendReviewAsync(id), "REVIEW_ALREADY_EXTENDED");

        // Still once only after a supplement round trip.
        await Flow.RequestSupplementAsync(id);
        var back = await Flow.SubmitSupplementAsync(id);
        await LifecycleAssert.RefusedAsync(() => Flow.ExtendReviewAsync(id), "REVIEW_ALREADY_EXTENDED");
        Assert.Equal(extended.Version + 2, back.Version);
        Assert.Equal(back, await Flow.GetAsync(id));
        Assert.Equal(ArticleEightyFive.Of(extended, DeadlineKind.Review), ArticleEightyFive.Of(back, DeadlineKind.Review));
    }

    public static TheoryData<ApplicationType, ApplicationStatus> FinalStatuses => new()
    {
        { ApplicationType.JudicialConfirmation, ApplicationStatus.NotAccepted },
        { ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed },
        { ApplicationType.JudicialConfirmation, ApplicationStatus.Rejected },
        { ApplicationType.JudicialConfirmation, ApplicationStatus.Withdrawn },
        { ApplicationType.JudicialConfirmation, ApplicationStatus.DeemedWithdrawn },
        { ApplicationType.JudicialConfirmation, ApplicationStatus.Served },
        { ApplicationType.MediationDocument, ApplicationStatus.Refused },
        { ApplicationType.MediationDocument, ApplicationStatus.Effective },
        { ApplicationType.MediationDocument, ApplicationStatus.Repudiated },
        { ApplicationType.MediationDocument, ApplicationStatus.Withdrawn },
    };

    [DatabaseTheory]
    [MemberData(nameof(FinalStatuses))]
    public async Task WithdrawApplication_OnAFinalApplication_IsApplicationFinalNamingTheStatus(ApplicationType type, ApplicationStatus final)
    {
        var app = await Flow.WalkAsync(type, final);
        var events = (await Flow.HistoryAsync(app.Receipt.ApplicationId)).Count;

        await LifecycleAssert.RefusedAsync(() => Flow.RequestWithdrawalAsync(app.Receipt.ApplicationId), "APPLICATION_FINAL", final);

        Assert.Equal(app, await Flow.GetAsync(app.Receipt.ApplicationId));
        Assert.Equal(events, (await Flow.HistoryAsync(app.Receipt.ApplicationId)).Count);
    }

    [DatabaseFact]
    public async Task AcceptApplication_OnAMediationDocument_AndRegisterCaseOnAJudicialConfirmation_AreTransitionNotAllowed()
    {
        var md = (await Flow.SubmitAsync(ApplicationType.MediationDocument)).ApplicationId;
        var jc = (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;

        await LifecycleAssert.RefusedAsync(() => Flow.AcceptAsync(md), "TRANSITION_NOT_ALLOWED", ApplicationStatus.Received);
        await LifecycleAssert.RefusedAsync(() => Flow.RegisterCaseAsync(jc), "TRANSITION_NOT_ALLOWED", ApplicationStatus.Received);

        Assert.Equal(1, (await Flow.GetAsync(md)).Version);
        Assert.Equal(1, (await Flow.GetAsync(jc)).Version);
    }

    [DatabaseFact]
    public async Task AnActRepeatedWithItsRequestId_AfterLaterActs_ReturnsTheApplicationAsItIsNowAndAppendsNothing()
    {
        var id = (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var acceptRequest = CourtFlow.NewRequestId("accept");
        await Flow.AcceptAsync(id, acceptRequest);
        var startRequest = CourtFlow.NewRequestId("start");
        await Flow.StartReviewAsync(id, startRequest);
        var confirmed = await Flow.ConfirmAsync(id);

        var acceptedAgain = await Flow.AcceptAsync(id, acceptRequest);
        var startedAgain = await Flow.StartReviewAsync(id, startRequest);

        Assert.Equal(confirmed, acceptedAgain);
        Assert.Equal(confirmed, startedAgain);
        Assert.Equal(confirmed, await Flow.GetAsync(id));
        Assert.Equal(confirmed.Version, (await Flow.HistoryAsync(id)).Count);

        // Without a request id the repeated act is judged against the current status.
        await LifecycleAssert.RefusedAsync(() => Flow.AcceptAsync(id), "TRANSITION_NOT_ALLOWED", ApplicationStatus.Confirmed);
    }

    [DatabaseFact]
    public async Task ThePlatformsAnswerRepeatedWithItsRequestId_AfterLaterActs_ReturnsTheApplicationAsItIsNow()
    {
        var app = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.CorrectionRequested);
        var id = app.Receipt.ApplicationId;
        var requestId = CourtFlow.NewRequestId("fix");
        await Flow.SubmitCorrectionAsync(id, requestId);
        var accepted = await Flow.AcceptAsync(id);

        var again = await Flow.SubmitCorrectionAsync(id, requestId);

        Assert.Equal(accepted, again);
        Assert.Equal(accepted, await Flow.GetAsync(id));
        Assert.Equal(accepted.Version, (await Flow.HistoryAsync(id)).Count);
    }

    [DatabaseFact]
    public async Task ARequestIdUsedForAnotherActOnTheSameApplication_IsAlreadyExistsRequestIdReusedAndChangesNothing()
    {
        var app = await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.CorrectionRequested);
        var id = app.Receipt.ApplicationId;
        var courtRequest = CourtFlow.NewRequestId("court");
        var platformRequest = CourtFlow.NewRequestId("platform");
        await Flow.SubmitCorrectionAsync(id, platformRequest);
        await Flow.AcceptAsync(id, courtRequest);
        var current = await Flow.GetAsync(id);
        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);

        // The court's request id on another court act, and on a platform answer; the platform's on a court act.
        var startWithCourts = await RpcAssert.FailsWith(Grpc.Core.StatusCode.AlreadyExists, () => Flow.StartReviewAsync(id, courtRequest));
        var withdrawWithCourts = await RpcAssert.FailsWith(Grpc.Core.StatusCode.AlreadyExists, () => Flow.TreatAsWithdrawnAsync(id, courtRequest));
        var startWithPlatforms = await RpcAssert.FailsWith(Grpc.Core.StatusCode.AlreadyExists, () => Flow.StartReviewAsync(id, platformRequest));

        Assert.Equal("REQUEST_ID_REUSED", startWithCourts.Info().Reason);
        Assert.Equal("REQUEST_ID_REUSED", withdrawWithCourts.Info().Reason);
        Assert.Equal("REQUEST_ID_REUSED", startWithPlatforms.Info().Reason);
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
        Assert.Equal(current, await Flow.GetAsync(id));

        // Later, with the status right for it, the platform's request id on its other answer.
        await Flow.StartReviewAsync(id);
        await Flow.RequestSupplementAsync(id);
        var supplement = await RpcAssert.FailsWith(Grpc.Core.StatusCode.AlreadyExists, () => Flow.SubmitSupplementAsync(id, platformRequest));
        Assert.Equal("REQUEST_ID_REUSED", supplement.Info().Reason);
        Assert.Equal(ApplicationStatus.SupplementRequested, (await Flow.GetAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task TheSameRequestIdOnAnotherApplication_PerformsTheActThereToo()
    {
        var first = (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var second = (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var requestId = CourtFlow.NewRequestId("shared");

        var a = await Flow.AcceptAsync(first, requestId);
        var b = await Flow.AcceptAsync(second, requestId);

        Assert.Equal(ApplicationStatus.Accepted, a.Status);
        Assert.Equal(ApplicationStatus.Accepted, b.Status);
        Assert.Equal(second, b.Receipt.ApplicationId);
        Assert.NotEqual(a.CaseNumber, b.CaseNumber);
    }
}
