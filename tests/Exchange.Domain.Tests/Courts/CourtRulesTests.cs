using CourtEntry = Exchange.Domain.Court;

namespace Exchange.Domain.Tests.Courts;

public sealed class CourtRulesTests
{
    private static readonly CourtEntry Tianshan = new()
    {
        Code = "新0102",
        Name = "天山区人民法院",
        Level = CourtLevel.Basic,
        DivisionCode = "650102",
        AcceptedTypes = [ApplicationType.JudicialConfirmation, ApplicationType.MediationDocument],
    };

    private static IEnumerable<string> Fields(CourtEntry court) => CourtRules.Check(court).Select(v => v.Field);

    [Fact]
    public void CourtRules_EverySampleCourt_IsValid() =>
        Assert.All(CourtRegistry.LoadSample().Courts, court => Assert.Empty(CourtRules.Check(court)));

    [Fact]
    public void CourtRules_CourtWithNoAcceptedTypes_IsValid_ItTakesNoFilings()
    {
        var closed = Tianshan with { AcceptedTypes = [] };

        Assert.Empty(CourtRules.Check(closed));
        Assert.False(closed.Accepts(ApplicationType.JudicialConfirmation));
    }

    [Theory]
    [InlineData("新01", CourtLevel.Basic)]
    [InlineData("新0102", CourtLevel.Intermediate)]
    public void CourtRules_LevelOtherThanTheCodeImplies_IsAViolationOfLevel(string code, CourtLevel level) =>
        Assert.Equal(["level"], Fields(Tianshan with { Code = code, Level = level }));

    [Fact]
    public void CourtRules_MissingLevel_IsAViolationOfLevel() =>
        Assert.Equal(["level"], Fields(Tianshan with { Level = CourtLevel.Unspecified }));

    [Theory]
    [InlineData("")]
    [InlineData("0102")]
    [InlineData("新012")]
    [InlineData("X0102")]
    public void CourtRules_MalformedCode_IsAViolationOfCode(string code) =>
        Assert.Equal(["code"], Fields(Tianshan with { Code = code }));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void CourtRules_BlankName_IsAViolationOfName(string name) =>
        Assert.Equal(["name"], Fields(Tianshan with { Name = name }));

    [Fact]
    public void CourtRules_NameLongerThanTheLimit_IsAViolationOfName()
    {
        Assert.Empty(CourtRules.Check(Tianshan with { Name = new string('法', CourtRules.MaxNameLength) }));
        Assert.Equal(["name"], Fields(Tianshan with { Name = new string('法', CourtRules.MaxNameLength + 1) }));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("65", true)]
    [InlineData("6501", true)]
    [InlineData("650102", true)]
    [InlineData("650", false)]
    [InlineData("6501020", false)]
    [InlineData("65010a", false)]
    public void CourtRules_DivisionCode_IsEmptyOrTwoFourOrSixDigits(string code, bool valid) =>
        Assert.Equal(valid ? [] : ["division_code"], Fields(Tianshan with { DivisionCode = code }));

    [Fact]
    public void CourtRules_UnspecifiedOrRepeatedAcceptedType_IsAViolationOfThatEntry()
    {
        var court = Tianshan with { AcceptedTypes = [ApplicationType.MediationDocument, ApplicationType.Unspecified, ApplicationType.MediationDocument, (ApplicationType)9] };

        Assert.Equal(["accepted_types[1]", "accepted_types[2]", "accepted_types[3]"], Fields(court));
    }

    [Fact]
    public void CourtRules_EveryBrokenRule_IsReportedTogether() =>
        Assert.Equal(["code", "level", "name", "division_code"], Fields(new CourtEntry { Code = "bad", Name = "", DivisionCode = "1" }));

    [Fact]
    public void CourtRegistry_FromCourts_RefusesACourtThatBreaksARule() =>
        Assert.Throws<FormatException>(() => CourtRegistry.FromCourts([Tianshan with { DivisionCode = "x" }]));
}
