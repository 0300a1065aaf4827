namespace Exchange.Domain.Tests.Validation;

public sealed class RequiredMaterialsTests
{
    [Fact]
    public void RequiredMaterials_JudicialConfirmationWithoutMediationProof_IsAViolation()
    {
        var draft = ValidDrafts.JudicialConfirmation();
        draft = draft with { Attachments = draft.Attachments.RemoveAt(1) };

        var violation = Assert.Single(ValidDrafts.Validate(draft).Violations);

        Assert.Equal("judicial_confirmation.attachments", violation.Field);
        Assert.Contains("MEDIATION_PROOF", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredMaterials_WithoutMediationAgreement_IsAViolationForBothTypes()
    {
        var jc = ValidDrafts.JudicialConfirmation();
        var md = ValidDrafts.MediationDocument();

        var jcOutcome = ValidDrafts.Validate(jc with { Attachments = jc.Attachments.RemoveAt(0) });
        var mdOutcome = ValidDrafts.Validate(md with { Attachments = md.Attachments.RemoveAt(0) });

        Assert.Contains("MEDIATION_AGREEMENT", Assert.Single(jcOutcome.Violations).Description, StringComparison.Ordinal);
        Assert.Equal("mediation_document.attachments", Assert.Single(mdOutcome.Violations).Field);
    }

    [Fact]
    public void RequiredMaterials_MediationDocument_DoesNotNeedMediationProof() =>
        Assert.DoesNotContain(ValidDrafts.MediationDocument().Attachments, a => a.Kind == AttachmentKind.MediationProof);

    [Fact]
    public void RequiredMaterials_PartyWithAgentButNoPowerOfAttorney_IsAViolation()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithAttachment(2, a => a with { PartyIndex = 0 });

        var violation = Assert.Single(ValidDrafts.Validate(draft).Violations);

        Assert.Equal("judicial_confirmation.attachments", violation.Field);
        Assert.Contains("party_index 1", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredMaterials_EveryMissingItemIsNamed()
    {
        var draft = ValidDrafts.JudicialConfirmation() with { Attachments = [] };

        var missing = RequiredMaterials.Missing(draft.Type, draft.Parties, draft.Attachments);

        Assert.Equal(3, missing.Count);
        Assert.Equal(4, ValidDrafts.Validate(draft).Violations.Count(v => v.Field == "judicial_confirmation.attachments")); // plus "at least 1"
    }
}
