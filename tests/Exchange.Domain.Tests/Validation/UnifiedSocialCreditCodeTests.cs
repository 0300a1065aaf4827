namespace Exchange.Domain.Tests.Validation;

public sealed class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("91440300708461136T")]
    public void CreditCode_PassingTheGb32100Checksum_IsValid(string code)
    {
        Assert.Null(UnifiedSocialCreditCode.CheckFormat(code));
        Assert.True(UnifiedSocialCreditCode.HasValidChecksum(code));
    }

    [Fact]
    public void CreditCode_CheckCharacter_Uses3PowIMod31WeightsAnd31MapsToZero()
    {
        Assert.Equal('3', UnifiedSocialCreditCode.ComputeCheckCharacter("91350100M000100Y4"));
        // Find a prefix whose sum is a multiple of 31, where 31 - 0 = 31 must map to '0'.
        var prefix = Enumerable.Range(0, 31)
            .Select(i => "9111000010000000" + UnifiedSocialCreditCode.Alphabet[i])
            .First(p => UnifiedSocialCreditCode.ComputeCheckCharacter(p) == '0');
        Assert.True(UnifiedSocialCreditCode.HasValidChecksum(prefix + "0"));
    }

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y433")]
    public void CreditCode_WithWrongLength_IsAViolation(string code) =>
        Assert.Contains("18 characters", UnifiedSocialCreditCode.CheckFormat(code), StringComparison.Ordinal);

    [Theory]
    [InlineData("91350100I000100Y43")]
    [InlineData("91350100O000100Y43")]
    [InlineData("91350100S000100Y43")]
    [InlineData("91350100V000100Y43")]
    [InlineData("91350100Z000100Y43")]
    [InlineData("91350100m000100Y43")]
    public void CreditCode_WithCharacterOutsideTheSet_IsAViolation(string code) =>
        Assert.Contains("character 9", UnifiedSocialCreditCode.CheckFormat(code), StringComparison.Ordinal);

    [Fact]
    public void CreditCode_FailingChecksum_IsAWarningNotAViolation()
    {
        var draft = ValidDrafts.JudicialConfirmation()
            .WithParty(1, p => p with { Organization = p.Organization! with { UnifiedSocialCreditCode = "91350100M000100Y44" } });

        var outcome = ValidDrafts.Validate(draft);

        Assert.True(outcome.IsAccepted);
        var warning = Assert.Single(outcome.Warnings);
        Assert.Equal(ProtoNames.Of(WarningCode.CreditCodeChecksum), warning.Code);
        Assert.Equal("judicial_confirmation.applicants[1].organization.unified_social_credit_code", warning.Field);
    }

    [Fact]
    public void CreditCode_OfMediationOrganisationFailingChecksum_IsAWarning()
    {
        var draft = ValidDrafts.MediationDocument().WithMediation(m => m with { OrganizationCreditCode = "91350100M000100Y44" });

        var outcome = ValidDrafts.Validate(draft);

        Assert.True(outcome.IsAccepted);
        Assert.Equal("mediation_document.mediation.organization_credit_code", Assert.Single(outcome.Warnings).Field);
    }

    [Fact]
    public void CreditCode_OfMediationOrganisationMalformed_IsAViolation()
    {
        var draft = ValidDrafts.MediationDocument().WithMediation(m => m with { OrganizationCreditCode = "12345" });
        Assert.Equal(["mediation_document.mediation.organization_credit_code"], ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void CreditCode_OfMediationOrganisation_IsOptional()
    {
        var draft = ValidDrafts.MediationDocument().WithMediation(m => m with { OrganizationCreditCode = "" });
        Assert.True(ValidDrafts.Validate(draft).IsAccepted);
    }
}
