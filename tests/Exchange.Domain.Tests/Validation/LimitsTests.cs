namespace Exchange.Domain.Tests.Validation;

public sealed class LimitsTests
{
    [Fact]
    public void Limits_AreCountedInCodePointsNotUtf16Units()
    {
        var astral = string.Concat(Enumerable.Repeat("𠀀", 100)); // 100 CJK Extension B characters, 200 UTF-16 units
        Assert.Equal(100, TextLimits.CodePoints(astral));
        Assert.Null(TextLimits.Required(astral, 100));
        Assert.NotNull(TextLimits.Required(astral + "a", 100));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Limits_RequiredTextBlankOrEmpty_IsMissing(string value) =>
        Assert.Equal("is required", TextLimits.Required(value, 10));

    [Fact]
    public void Limits_NameOver100Characters_IsAViolation()
    {
        var draft = ValidDrafts.JudicialConfirmation()
            .WithParty(0, p => p with { NaturalPerson = p.NaturalPerson! with { Name = new string('张', 101) } });
        Assert.Equal(["judicial_confirmation.applicants[0].natural_person.name"], ValidDrafts.Validate(draft).Fields());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Case-2026_01.x:y/z")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void PlatformCaseId_OfAllowedCharacters_IsValid(string id) => Assert.Null(PlatformCaseId.Check(id));

    [Theory]
    [InlineData("")]
    [InlineData("case 1")]
    [InlineData("案件1")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void PlatformCaseId_EmptyTooLongOrWithOtherCharacters_IsAViolation(string id) => Assert.NotNull(PlatformCaseId.Check(id));

    [Theory]
    [InlineData("12345", true)]
    [InlineData("+86 138-0000-0000", true)]
    [InlineData("1234", false)]
    [InlineData("123456789012345678901", false)]
    [InlineData("(0991)123456", false)]
    public void Phone_FiveToTwentyOfDigitsSpacesPlusAndMinus(string phone, bool valid) =>
        Assert.Equal(valid, PhoneNumber.Check(phone, required: true) is null);

    [Fact]
    public void Phone_OfPartyIsRequiredButOfAgentOptional()
    {
        var noPartyPhone = ValidDrafts.JudicialConfirmation().WithParty(0, p => p with { Phone = "" });
        var noAgentPhone = ValidDrafts.JudicialConfirmation().WithParty(1, p => p with { Agent = p.Agent! with { Phone = "" } });
        var badAgentPhone = ValidDrafts.JudicialConfirmation().WithParty(1, p => p with { Agent = p.Agent! with { Phone = "12" } });

        Assert.Equal(["judicial_confirmation.applicants[0].phone"], ValidDrafts.Validate(noPartyPhone).Fields());
        Assert.True(ValidDrafts.Validate(noAgentPhone).IsAccepted);
        Assert.Equal(["judicial_confirmation.applicants[1].agent.phone"], ValidDrafts.Validate(badAgentPhone).Fields());
    }

    [Fact]
    public void Enums_UnspecifiedOrUndefined_AreViolations()
    {
        Assert.Equal("is required", EnumRules.Check(PartySide.Unspecified));
        Assert.NotNull(EnumRules.Check((PartySide)7));
        Assert.Null(EnumRules.Check(PartySide.SideB));
    }

    [Fact]
    public void MediationDocument_ClaimsFactsAndCaseNumberLimits_AreChecked()
    {
        var draft = ValidDrafts.MediationDocument() with
        {
            Claims = "",
            Facts = new string('实', 10_001),
            PreLitigationCaseNumber = new string('号', 65),
        };

        Assert.Equal(
            ["mediation_document.claims", "mediation_document.facts", "mediation_document.pre_litigation_case_number"],
            ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void MediationDocument_PreLitigationCaseNumber_IsOptional() =>
        Assert.True(ValidDrafts.Validate(ValidDrafts.MediationDocument() with { PreLitigationCaseNumber = "" }).IsAccepted);

    [Fact]
    public void JudicialConfirmation_WithMediationDocumentFields_IsAViolation() =>
        Assert.Equal(["judicial_confirmation"], ValidDrafts.Validate(ValidDrafts.JudicialConfirmation() with { Claims = "x" }).Fields());
}
