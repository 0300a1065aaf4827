namespace Exchange.Domain.Tests.Courts;

public sealed class CourtCodeTests
{
    [Theory]
    [InlineData("新01", CourtLevel.Intermediate)]
    [InlineData("新0102", CourtLevel.Basic)]
    [InlineData("京0105", CourtLevel.Basic)]
    [InlineData("琼02", CourtLevel.Intermediate)]
    [InlineData("兵01", CourtLevel.Intermediate)]
    [InlineData("兵0101", CourtLevel.Basic)]
    public void CourtCode_ProvinceAbbreviationAndTwoOrFourDigits_IsWellFormed(string code, CourtLevel level) =>
        Assert.Equal(level, CourtCode.LevelOf(code));

    [Theory]
    [InlineData("新")]
    [InlineData("新1")]
    [InlineData("新010")]
    [InlineData("新01023")]
    [InlineData("港01")]
    [InlineData("XJ0102")]
    [InlineData("新0１02")] // full-width digit
    public void CourtCode_OtherForms_AreMalformed(string code)
    {
        Assert.False(CourtCode.IsWellFormed(code));
        Assert.NotNull(CourtCode.CheckFormat(code));
    }

    [Fact]
    public void CourtCode_Prefixes_AreTheThirtyOneMainlandProvincesAndTheCorps()
    {
        Assert.Equal(32, CourtCode.ProvinceAbbreviations.Distinct().Count());
        Assert.Contains('兵', CourtCode.ProvinceAbbreviations);
    }

    [Fact]
    public void CourtCode_WellFormedButUnregistered_IsAViolation()
    {
        var outcome = ValidDrafts.Validate(ValidDrafts.JudicialConfirmation() with { CourtCode = "京0105" });
        var violation = Assert.Single(outcome.Violations);
        Assert.Equal("court_code", violation.Field);
        Assert.Equal("no court with code 京0105 is registered", violation.Description);
    }

    [Fact]
    public void CourtCode_Malformed_IsAViolation() =>
        Assert.Equal(["court_code"], ValidDrafts.Validate(ValidDrafts.JudicialConfirmation() with { CourtCode = "0102" }).Fields());

    [Fact]
    public void RelatedCourtCode_IsCheckedForFormatAndRegistration()
    {
        var malformed = ValidDrafts.MediationDocument().WithMediation(m => m with { RelatedCourtCode = "0103" });
        var unknown = ValidDrafts.MediationDocument().WithMediation(m => m with { RelatedCourtCode = "新0199" });

        Assert.Equal(["mediation_document.mediation.related_court_code"], ValidDrafts.Validate(malformed).Fields());
        Assert.Equal("no court with code 新0199 is registered", Assert.Single(ValidDrafts.Validate(unknown).Violations).Description);
    }
}
