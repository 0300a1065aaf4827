namespace Exchange.Domain.Tests.Validation;

public sealed class ApplicationValidatorTests
{
    [Fact]
    public void Validate_FullyValidJudicialConfirmation_HasNoViolationsRefusalOrWarnings()
    {
        var outcome = ValidDrafts.Validate(ValidDrafts.JudicialConfirmation());

        Assert.Empty(outcome.Violations);
        Assert.Null(outcome.Refusal);
        Assert.Empty(outcome.Warnings);
        Assert.True(outcome.IsAccepted);
        Assert.Equal("新0102", outcome.Court!.Code);
        Assert.Equal(new DateOnly(2026, 3, 31), outcome.FilingDeadline!.Day);
    }

    [Fact]
    public void Validate_FullyValidMediationDocument_HasNoViolationsRefusalOrWarnings()
    {
        var outcome = ValidDrafts.Validate(ValidDrafts.MediationDocument());

        Assert.Empty(outcome.Violations);
        Assert.Null(outcome.Refusal);
        Assert.Empty(outcome.Warnings);
        Assert.Equal("沙依巴克区人民法院", outcome.Court!.Name);
    }

    [Fact]
    public void Validate_TypeUnspecified_ReportsApplication()
    {
        var outcome = ValidDrafts.Validate(ValidDrafts.JudicialConfirmation() with { Type = ApplicationType.Unspecified });

        var violation = Assert.Single(outcome.Violations);
        Assert.Equal("application", violation.Field);
        Assert.Equal("exactly one of judicial_confirmation or mediation_document is required", violation.Description);
    }

    [Fact]
    public void Validate_EmptyDraft_ReportsEveryMissingEnvelopeField() =>
        Assert.Equal(["platform_case_id", "court_code", "consent", "application"], ValidDrafts.Validate(new ApplicationDraft()).Fields());

    [Fact]
    public void Validate_ReportsEveryViolatedFieldAtOnce()
    {
        var draft = ValidDrafts.JudicialConfirmation()
            .WithParty(0, p => p with { NaturalPerson = p.NaturalPerson! with { IdNumber = "110105194912310021" } })
            .WithParty(1, p => p with { Organization = p.Organization! with { UnifiedSocialCreditCode = "91350100M000100YI3" } })
            .WithAgreement(a => a with { Items = a.Items.SetItem(0, a.Items[0] with { AmountFen = -5 }) })
            .WithAttachment(1, a => a with { Sha256 = [1, 2, 3] })
            with
        { PlatformCaseId = "bad id", Consent = ValidDrafts.JudicialConfirmation().Consent! with { OnlineHandling = false } };

        var outcome = ValidDrafts.Validate(draft);

        Assert.Equal(
            [
                "platform_case_id",
                "consent.online_handling",
                "judicial_confirmation.applicants[0].natural_person.id_number",
                "judicial_confirmation.applicants[1].organization.unified_social_credit_code",
                "judicial_confirmation.agreement.items[0].amount_fen",
                "judicial_confirmation.attachments[1].sha256",
            ],
            outcome.Fields());
        Assert.Null(outcome.Refusal);
    }

    [Fact]
    public void Validate_RuleRefusal_IsGivenOnlyWhenThereAreNoFieldViolations()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { DisputeType = DisputeType.MarriageStatus }) with { PlatformCaseId = "" };

        var outcome = ValidDrafts.Validate(draft);

        Assert.Equal(["platform_case_id"], outcome.Fields());
        Assert.Null(outcome.Refusal);
    }

    [Fact]
    public void Validate_CourtRefusal_ComesBeforeDisputeAndWindowRefusals()
    {
        var draft = ValidDrafts.MediationDocument().WithAgreement(a => a with { DisputeType = DisputeType.MarriageStatus }) with { CourtCode = "新01" };
        Assert.Equal(ProtoNames.Of(ErrorReason.CourtDoesNotAcceptType), ValidDrafts.Validate(draft).Refusal!.Reason);
    }

    [Fact]
    public void Validate_DisputeRefusal_ComesBeforeWindowRefusal()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with
        {
            DisputeType = DisputeType.AdoptionStatus,
            SignedDate = new DateOnly(2026, 1, 5),
            EffectiveTime = new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.FromHours(8)),
        });
        Assert.Equal(ProtoNames.Of(ErrorReason.DisputeTypeExcluded), ValidDrafts.Validate(draft).Refusal!.Reason);
    }

    [Fact]
    public void Validate_MediationDocumentPartiesUseTheirOwnPath()
    {
        var draft = ValidDrafts.MediationDocument()
            .WithParty(0, p => p with { Organization = p.Organization! with { UnifiedSocialCreditCode = "91350100M000100YI3" } });
        Assert.Equal(["mediation_document.parties[0].organization.unified_social_credit_code"], ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void Validate_DefaultImmutableArrays_AreTreatedAsEmpty()
    {
        var draft = ValidDrafts.JudicialConfirmation() with { Parties = default, Attachments = default };

        var outcome = ValidDrafts.Validate(draft);

        Assert.Contains("judicial_confirmation.applicants", outcome.Fields());
        Assert.Contains("judicial_confirmation.attachments", outcome.Fields());
    }
}
