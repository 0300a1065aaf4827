namespace Exchange.Domain.Tests.Validation;

public sealed class JointApplicantsTests
{
    [Fact]
    public void JointApplicants_SingleApplicant_IsAViolation()
    {
        var draft = ValidDrafts.JudicialConfirmation() with { Parties = [ValidDrafts.JudicialConfirmation().Parties[0]] };

        var outcome = ValidDrafts.Validate(draft);

        Assert.Contains(outcome.Violations, v => v.Field == "judicial_confirmation.applicants" && v.Description.Contains("jointly", StringComparison.Ordinal));
    }

    [Fact]
    public void JointApplicants_AllOnOneSide_IsAViolation()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithParty(1, p => p with { Side = PartySide.SideA });

        Assert.Equal(["judicial_confirmation.applicants"], ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void JointApplicants_MediationDocumentPartiesOnOneSide_IsAViolation()
    {
        var draft = ValidDrafts.MediationDocument().WithParty(0, p => p with { Side = PartySide.SideB });

        Assert.Equal(["mediation_document.parties"], ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void JointApplicants_MoreThanFifty_IsAViolation()
    {
        var first = ValidDrafts.JudicialConfirmation().Parties[0];
        var parties = Enumerable.Range(0, 51).Select(i => first with { Side = i % 2 == 0 ? PartySide.SideA : PartySide.SideB }).ToImmutableArray();

        Assert.Contains("at most 50", Assert.Single(JointApplicants.Check(parties, ApplicationType.JudicialConfirmation)), StringComparison.Ordinal);
    }

    [Fact]
    public void JointApplicants_TwoOnOppositeSides_AreEnough() =>
        Assert.Empty(JointApplicants.Check(ValidDrafts.JudicialConfirmation().Parties, ApplicationType.JudicialConfirmation));

    [Fact]
    public void Party_WithNeitherOrBothIdentities_IsAViolationOnIdentity()
    {
        var neither = ValidDrafts.JudicialConfirmation().WithParty(0, p => p with { NaturalPerson = null });
        var both = ValidDrafts.JudicialConfirmation().WithParty(1, p => p with { NaturalPerson = new NaturalPerson { Name = "x" } });

        Assert.Equal(["judicial_confirmation.applicants[0].identity"], ValidDrafts.Validate(neither).Fields());
        Assert.Equal(["judicial_confirmation.applicants[1].identity"], ValidDrafts.Validate(both).Fields());
    }
}
