namespace Exchange.Domain.Tests;

/// <summary>
/// DOMAIN.md §2 (judicial confirmation) and §3 (mediation document), rule by rule: one test per
/// article the hub enforces, named after it, against the code that enforces it. Rules that are the
/// court's judgement alone (a real dispute, false mediation, harm to others) are enforced as the
/// grounds a court must give when it acts on them.
/// </summary>
public sealed class DomainArticleTests
{
    private static readonly DateTimeOffset Tuesday = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

    // ---- §2 Judicial confirmation ----

    [Fact]
    public void PmlArt29_OmrArt19_TheAgreementsEffectiveTime_IsRequiredAndNotInTheFuture()
    {
        var missing = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { EffectiveTime = null });
        var future = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { EffectiveTime = ValidDrafts.Now.AddDays(1) });
        Assert.Equal(["judicial_confirmation.agreement.effective_time"], ValidDrafts.Validate(missing).Fields());
        Assert.Equal(["judicial_confirmation.agreement.effective_time"], ValidDrafts.Validate(future).Fields());
    }

    [Fact]
    public void Msl23Art85_ThePeriodDoesNotCountItsFirstDay_AndALastDayInAHolidayMovesToTheNextWorkingDay()
    {
        // 30 days from 5 September 2026: day 30 is 5 October, inside National Day (1–7 October).
        var window = FilingWindow.Compute(new DateTimeOffset(2026, 9, 5, 17, 0, 0, TimeSpan.FromHours(8)), ValidDrafts.Calendar);
        Assert.Equal(new DateOnly(2026, 10, 8), window.Day);
        Assert.False(window.Provisional);

        // An ordinary day 30: 4 March + 30 = 3 April, a Friday.
        Assert.Equal(new DateOnly(2026, 4, 3), FilingWindow.Compute(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.FromHours(8)), ValidDrafts.Calendar).Day);
    }

    [Fact]
    public void Msl23Art205_AJudicialConfirmationFiledAfterItsThirtyDays_IsRefused()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with
        {
            SignedDate = new DateOnly(2026, 1, 20),
            EffectiveTime = new DateTimeOffset(2026, 1, 20, 17, 0, 0, TimeSpan.FromHours(8)),
        });
        Assert.Equal(ProtoNames.Of(ErrorReason.FilingWindowExpired), ValidDrafts.Validate(draft).Refusal?.Reason);
    }

    [Theory]
    [InlineData(CourtRelation.DelegatedByCourt)]
    [InlineData(CourtRelation.EntrustedByCourt)]
    public void Msl23Art205_AMediationACourtSent_IsConfirmedByThatCourt(CourtRelation relation)
    {
        var elsewhere = ValidDrafts.JudicialConfirmation().WithMediation(m => m with { CourtRelation = relation, RelatedCourtCode = "新0103" });
        Assert.NotEqual("新0103", elsewhere.CourtCode);
        var outcome = ValidDrafts.Validate(elsewhere);
        Assert.Equal(["court_code"], outcome.Fields());
        Assert.Contains("MSL23 art 205", outcome.Violations[0].Description, StringComparison.Ordinal);

        var there = ValidDrafts.JudicialConfirmation().WithMediation(m => m with { CourtRelation = relation, RelatedCourtCode = elsewhere.CourtCode });
        Assert.True(ValidDrafts.Validate(there).IsAccepted);
    }

    [Fact]
    public void Msl23Art205_AnInvitedMediator_LeavesTheChoiceOfCourtToTheOtherGrounds()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithMediation(m => m with { CourtRelation = CourtRelation.InvitedByCourt, RelatedCourtCode = "新0103" });
        Assert.True(ValidDrafts.Validate(draft).IsAccepted);
    }

    [Fact]
    public void Msl23Art205_InterpArt351_TheParties_ApplyJointly()
    {
        var oneSide = ValidDrafts.JudicialConfirmation().WithParty(1, p => p with { Side = PartySide.SideA });
        Assert.Equal(["judicial_confirmation.applicants"], ValidDrafts.Validate(oneSide).Fields());
    }

    [Fact]
    public void InterpArt354_Prov2011Art3_TheAgreementAndTheProofOfMediation_AreRequired()
    {
        var draft = ValidDrafts.JudicialConfirmation() with
        {
            Attachments = [.. ValidDrafts.JudicialConfirmation().Attachments.Where(a => a.Kind is not (AttachmentKind.MediationProof or AttachmentKind.MediationAgreement))],
        };
        var missing = RequiredMaterials.Missing(draft.Type, draft.Parties, draft.Attachments);
        Assert.Contains(missing, m => m.Contains("MEDIATION_AGREEMENT", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.Contains("MEDIATION_PROOF", StringComparison.Ordinal) && m.Contains("Interp art 354", StringComparison.Ordinal));
    }

    [Fact]
    public void InterpArt354_APartyActingThroughAnAgent_NeedsAPowerOfAttorney()
    {
        var draft = ValidDrafts.JudicialConfirmation();
        var agentIndex = draft.Parties.ToList().FindIndex(p => p.Agent is not null);
        Assert.True(agentIndex >= 0, "the sample has a party with an agent");
        var without = draft with { Attachments = [.. draft.Attachments.Where(a => a.Kind != AttachmentKind.PowerOfAttorney)] };
        Assert.Contains(RequiredMaterials.Missing(without.Type, without.Parties, without.Attachments), m => m.Contains("POWER_OF_ATTORNEY", StringComparison.Ordinal));
    }

    [Fact]
    public void OlrArt9_MissingItemsAreAskedForInOneNotice_AndTheAcceptanceClockRestartsFromTheAnswer()
    {
        var empty = new ActRequest { Act = Act.RequestCorrection, Items = [], LimitDays = 7 };
        Assert.Contains(ActRules.Check(empty, 2, Tuesday), v => v.Field == "items");

        var before = Deadlines.Running(new DeadlineFacts(ApplicationType.JudicialConfirmation, ApplicationStatus.Received, Tuesday, null, null, false, null, 0), ValidDrafts.Calendar);
        var after = Deadlines.Running(new DeadlineFacts(ApplicationType.JudicialConfirmation, ApplicationStatus.Received, Tuesday, Tuesday.AddDays(5), null, false, null, 0), ValidDrafts.Calendar);
        Assert.Equal(
            before.Single(d => d.Kind == DeadlineKind.AcceptanceDecision).Day.AddDays(5),
            after.Single(d => d.Kind == DeadlineKind.AcceptanceDecision).Day);
    }

    [Theory]
    [InlineData(DisputeType.MarriageStatus)]
    [InlineData(DisputeType.ParentChildStatus)]
    [InlineData(DisputeType.AdoptionStatus)]
    [InlineData(DisputeType.PropertyRightOwnership)]
    [InlineData(DisputeType.IntellectualPropertyOwnership)]
    [InlineData(DisputeType.OtherSpecialProcedure)]
    public void InterpArt355_AnExcludedMatter_IsNotAccepted(DisputeType dispute)
    {
        var draft = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { DisputeType = dispute });
        Assert.Equal(ProtoNames.Of(ErrorReason.DisputeTypeExcluded), ValidDrafts.Validate(draft).Refusal?.Reason);

        // Found only after acceptance: the court rejects instead of refusing acceptance.
        Assert.False(Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted, Act.RefuseAcceptance, ActorKind.Court).IsAllowed);
        Assert.True(Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview, Act.Reject, ActorKind.Court).IsAllowed);
    }

    [Fact]
    public void InterpArt355_RefusingAcceptance_NamesItsGround()
    {
        Assert.Contains(ActRules.Check(new ActRequest { Act = Act.RefuseAcceptance }, 2, Tuesday), v => v.Field == "ground");
    }

    [Fact]
    public void InterpArt356_Msl23Art185_SupplementaryStatementsAreOrderedDuringTheReview_WithinATimeLimit()
    {
        Assert.True(Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview, Act.RequestSupplement, ActorKind.Court).IsAllowed);
        Assert.False(Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.Received, Act.RequestSupplement, ActorKind.Court).IsAllowed);
        Assert.Contains(ActRules.Check(new ActRequest { Act = Act.RequestSupplement, Items = ["身份证明"], LimitDays = 0 }, 2, Tuesday), v => v.Field == "limit_days");
    }

    [Fact]
    public void Msl23Art186_OmrArt23_InterpArt358_ARejectionGivesItsGround_AndOtherGroundsTheirReason()
    {
        Assert.Contains(ActRules.Check(new ActRequest { Act = Act.Reject }, 2, Tuesday), v => v.Field == "ground");
        Assert.Contains(ActRules.Check(new ActRequest { Act = Act.Reject, RejectionGround = RejectionGround.OtherRejectionGround }, 2, Tuesday), v => v.Field == "reason");
        Assert.Empty(ActRules.Check(new ActRequest { Act = Act.Reject, RejectionGround = RejectionGround.NotVoluntary }, 2, Tuesday));
    }

    [Fact]
    public void Prov2011Art4_TheCourtDecidesOnAcceptanceWithinThreeDays()
    {
        var running = Deadlines.Running(new DeadlineFacts(ApplicationType.JudicialConfirmation, ApplicationStatus.Received, Tuesday, null, null, false, null, 0), ValidDrafts.Calendar);
        Assert.Equal(new DateOnly(2026, 3, 13), running.Single(d => d.Kind == DeadlineKind.AcceptanceDecision).Day);
    }

    [Fact]
    public void Prov2011Art5_Msl23Art187_TheReviewTakes15DaysOr25WithThePresidentsApproval_Within30()
    {
        DateOnly Day(bool extended, DeadlineKind kind) => Deadlines.Running(
            new DeadlineFacts(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview, Tuesday, null, Tuesday, extended, null, 0),
            ValidDrafts.Calendar).Single(d => d.Kind == kind).Day;

        Assert.Equal(new DateOnly(2026, 3, 25), Day(false, DeadlineKind.Review));
        // 10 more days end on 4 April, inside Qingming (4–6 April): the next working day.
        Assert.Equal(new DateOnly(2026, 4, 7), Day(true, DeadlineKind.Review));
        Assert.Equal(new DateOnly(2026, 4, 9), Day(false, DeadlineKind.ReviewCeiling));
        Assert.Contains(ActRules.Check(new ActRequest { Act = Act.ExtendReview }, 2, Tuesday), v => v.Field == "approved_by");
    }

    [Fact]
    public void Msl23Art206_TheCourtConfirmsOrRejects_OnlyAfterReview()
    {
        Assert.Equal(ApplicationStatus.Confirmed, Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview, Act.Confirm, ActorKind.Court).Status);
        Assert.Equal(ApplicationStatus.Rejected, Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview, Act.Reject, ActorKind.Court).Status);
        Assert.False(Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted, Act.Confirm, ActorKind.Court).IsAllowed);
    }

    [Fact]
    public void InterpArt357_APartyMayWithdrawBeforeTheRuling_AndTheCourtMayTreatItAsWithdrawn()
    {
        Assert.Equal(ApplicationStatus.Withdrawn, Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview, Act.PermitWithdrawal, ActorKind.Court).Status);
        Assert.False(Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed, Act.PermitWithdrawal, ActorKind.Court).IsAllowed);
        Assert.Equal(ApplicationStatus.DeemedWithdrawn, Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.SupplementRequested, Act.TreatAsWithdrawn, ActorKind.Court).Status);
        // The court decides: the hub itself never treats an application as withdrawn.
        Assert.False(Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.SupplementRequested, Act.TreatAsWithdrawn, ActorKind.Hub).IsAllowed);
        Assert.Contains(ActRules.Check(new ActRequest { Act = Act.TreatAsWithdrawn }, 2, Tuesday), v => v.Field == "reason");
    }

    [Fact]
    public void OlrArt29_ElectronicService_NeedsTheParties_Consent()
    {
        var draft = ValidDrafts.JudicialConfirmation() with { Consent = ValidDrafts.JudicialConfirmation().Consent! with { ElectronicService = false } };
        Assert.Equal(["consent.electronic_service"], ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void OlrArt29_TheServiceRecord_IsTheProof()
    {
        Assert.Contains(ActRules.Check(new ActRequest { Act = Act.RecordService, EventTime = Tuesday }, 2, Tuesday), v => v.Field == "record_sha256");
        Assert.Equal(ApplicationStatus.Served, Exchange.Domain.Lifecycle.Apply(ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed, Act.RecordService, ActorKind.Platform).Status);
    }

    // ---- §3 Mediation document ----

    [Fact]
    public void Msl23Art100_TheDocumentStatesTheClaimsTheFactsAndTheResult()
    {
        var draft = ValidDrafts.MediationDocument() with { Claims = "", Facts = "" };
        Assert.Equal(["mediation_document.claims", "mediation_document.facts"], ValidDrafts.Validate(draft).Fields());
        Assert.Contains(ActRules.Check(new ActRequest { Act = Act.IssueDocument }, 2, Tuesday), v => v.Field == "document_sha256");
    }

    [Fact]
    public void InterpArt149_TheDocumentTakesEffectWhenTheLastPartySignsForIt()
    {
        Assert.Equal(ApplicationStatus.DocumentIssued, Exchange.Domain.Lifecycle.Apply(ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued, Act.RecordSignature, ActorKind.Platform, lastPartySigned: false).Status);
        Assert.Equal(ApplicationStatus.Effective, Exchange.Domain.Lifecycle.Apply(ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued, Act.RecordSignature, ActorKind.Platform, lastPartySigned: true).Status);
    }

    [Fact]
    public void InterpArt133_TheDocumentIsServedBySigningForIt_NeverLeftAtAnAddress()
    {
        // No service record without a signature: RecordService (which a left-behind delivery would be) does not apply.
        Assert.False(Exchange.Domain.Lifecycle.Apply(ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued, Act.RecordService, ActorKind.Platform).IsAllowed);
        var draft = ValidDrafts.MediationDocument() with { Consent = ValidDrafts.MediationDocument().Consent! with { ElectronicService = false } };
        Assert.Equal(["consent.electronic_service"], ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void Msl23Art102_APartyBackingOutBeforeService_EndsTheDocument_WithAReason()
    {
        Assert.Equal(ApplicationStatus.Repudiated, Exchange.Domain.Lifecycle.Apply(ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued, Act.RecordRepudiation, ActorKind.Court).Status);
        Assert.False(Exchange.Domain.Lifecycle.Apply(ApplicationType.MediationDocument, ApplicationStatus.Effective, Act.RecordRepudiation, ActorKind.Court).IsAllowed);
        Assert.Contains(ActRules.Check(new ActRequest { Act = Act.RecordRepudiation }, 2, Tuesday), v => v.Field == "reason");
    }

    [Theory]
    [InlineData(DisputeType.MarriageStatus)]
    [InlineData(DisputeType.ParentChildStatus)]
    [InlineData(DisputeType.AdoptionStatus)]
    [InlineData(DisputeType.OtherSpecialProcedure)]
    public void InterpArt143_NoMediationDocumentForPersonalStatusOrASpecialProcedure(DisputeType dispute)
    {
        var draft = ValidDrafts.MediationDocument().WithAgreement(a => a with { DisputeType = dispute });
        var refusal = ValidDrafts.Validate(draft).Refusal;
        Assert.Equal(ProtoNames.Of(ErrorReason.DisputeTypeExcluded), refusal?.Reason);
        Assert.Contains("Interp art 143", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OmrArt23_MediationRegulationArt10_RefusingTheDocumentGivesItsGround_AndOtherGroundsTheirReason()
    {
        Assert.Contains(ActRules.Check(new ActRequest { Act = Act.RefuseDocument }, 2, Tuesday), v => v.Field == "ground");
        Assert.Empty(ActRules.Check(new ActRequest { Act = Act.RefuseDocument, DocumentRefusalGround = DocumentRefusalGround.SuspectedFalseMediation }, 2, Tuesday));
        Assert.Empty(ActRules.Check(new ActRequest { Act = Act.RefuseDocument, DocumentRefusalGround = DocumentRefusalGround.UnlawfulOrInvoluntary }, 2, Tuesday));
        Assert.Contains(ActRules.Check(new ActRequest { Act = Act.RefuseDocument, DocumentRefusalGround = DocumentRefusalGround.OtherGround }, 2, Tuesday), v => v.Field == "reason");
        Assert.Equal(ApplicationStatus.Refused, Exchange.Domain.Lifecycle.Apply(ApplicationType.MediationDocument, ApplicationStatus.UnderReview, Act.RefuseDocument, ActorKind.Court).Status);
    }
}
