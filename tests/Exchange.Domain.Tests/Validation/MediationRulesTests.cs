namespace Exchange.Domain.Tests.Validation;

public sealed class MediationRulesTests
{
    [Fact]
    public void Mediation_RelatedCourtRequiredWhenACourtSentTheDispute()
    {
        var draft = ValidDrafts.MediationDocument().WithMediation(m => m with { RelatedCourtCode = "" });
        Assert.Equal(["mediation_document.mediation.related_court_code"], ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void Mediation_RelatedCourtMustBeEmptyWithoutCourtRelation()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithMediation(m => m with { RelatedCourtCode = "新0102" });
        Assert.Equal(["judicial_confirmation.mediation.related_court_code"], ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void Mediation_EndBeforeStart_IsAViolation()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithMediation(m => m with { EndDate = new DateOnly(2026, 2, 24) });
        Assert.Equal(["judicial_confirmation.mediation.end_date"], ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void Mediation_EndOnStartDay_IsAllowed()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithMediation(m => m with { EndDate = m.StartDate });
        Assert.True(ValidDrafts.Validate(draft).IsAccepted);
    }

    [Fact]
    public void Mediation_RequiredFieldsAndEnums_AreChecked()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithMediation(_ => new Mediation());

        Assert.Equal(
            [
                "judicial_confirmation.mediation.organization_name",
                "judicial_confirmation.mediation.organization_type",
                "judicial_confirmation.mediation.court_relation",
                "judicial_confirmation.mediation.mediator_name",
                "judicial_confirmation.mediation.mediator_id",
                "judicial_confirmation.mediation.start_date",
                "judicial_confirmation.mediation.end_date",
            ],
            ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void Mediation_Missing_IsAViolation() =>
        Assert.Equal(["judicial_confirmation.mediation"], ValidDrafts.Validate(ValidDrafts.JudicialConfirmation() with { Mediation = null }).Fields());
}
