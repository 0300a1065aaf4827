namespace Exchange.Domain.Tests.Courts;

public sealed class CourtRegistryTests
{
    [Fact]
    public void CourtRegistry_Sample_HoldsTheNineUrumqiCourts()
    {
        var registry = CourtRegistry.LoadSample();

        Assert.Equal(
            ["新01", "新0102", "新0103", "新0104", "新0105", "新0106", "新0107", "新0109", "新0121"],
            registry.Courts.Select(c => c.Code));
        var intermediate = registry.Find("新01")!;
        Assert.Equal("乌鲁木齐市中级人民法院", intermediate.Name);
        Assert.Equal(CourtLevel.Intermediate, intermediate.Level);
        Assert.Equal("6501", intermediate.DivisionCode);
        Assert.Equal("天山区人民法院", registry.Find("新0102")!.Name);
    }

    [Fact]
    public void CourtRegistry_Sample_BasicCourtsAcceptBothTypesAndTheIntermediateCourtOnlyJudicialConfirmation()
    {
        var registry = CourtRegistry.LoadSample();
        foreach (var court in registry.Courts.Where(c => c.Level == CourtLevel.Basic))
        {
            Assert.True(court.Accepts(ApplicationType.JudicialConfirmation));
            Assert.True(court.Accepts(ApplicationType.MediationDocument));
        }

        Assert.True(registry.Find("新01")!.Accepts(ApplicationType.JudicialConfirmation));
        Assert.False(registry.Find("新01")!.Accepts(ApplicationType.MediationDocument));
    }

    [Fact]
    public void CourtRegistry_FromJson_ReadsCourts()
    {
        var registry = CourtRegistry.FromJson("""
            { "courts": [ { "code": "京0105", "name": "北京市朝阳区人民法院", "level": "BASIC", "accepted_types": [ "MEDIATION_DOCUMENT" ] } ] }
            """);

        var court = registry.Find("京0105")!;
        Assert.Equal([ApplicationType.MediationDocument], court.AcceptedTypes.AsEnumerable());
        Assert.Equal("", court.DivisionCode);
        Assert.False(registry.Contains("新0102"));
        Assert.Null(registry.Find(null));
    }

    [Theory]
    [InlineData("""{ "courts": [ { "code": "新0102", "name": "A", "level": "INTERMEDIATE", "accepted_types": [] } ] }""")]
    [InlineData("""{ "courts": [ { "code": "0102", "name": "A", "level": "BASIC", "accepted_types": [] } ] }""")]
    [InlineData("""{ "courts": [ { "code": "新0102", "name": "A", "level": "BASIC", "accepted_types": [ "DIVORCE" ] } ] }""")]
    [InlineData("""{ "courts": [ { "code": "新0102", "name": "A", "level": "BASIC", "accepted_types": [] }, { "code": "新0102", "name": "B", "level": "BASIC", "accepted_types": [] } ] }""")]
    [InlineData("""{ "courts": [ { "code": "新0102", "level": "BASIC", "accepted_types": [] } ] }""")]
    [InlineData("not json")]
    public void CourtRegistry_FromJson_RejectsInvalidData(string json) =>
        Assert.Throws<FormatException>(() => CourtRegistry.FromJson(json));

    [Fact]
    public void CourtRegistry_CourtThatDoesNotAcceptTheType_RefusesWithCourtDoesNotAcceptType()
    {
        var draft = ValidDrafts.MediationDocument() with { CourtCode = "新01" };

        var outcome = ValidDrafts.Validate(draft);

        Assert.Empty(outcome.Violations);
        Assert.Equal(ProtoNames.Of(ErrorReason.CourtDoesNotAcceptType), outcome.Refusal!.Reason);
        Assert.Equal("新01", outcome.Refusal.Metadata["court_code"]);
        Assert.Equal("MEDIATION_DOCUMENT", outcome.Refusal.Metadata["application_type"]);
    }

    [Fact]
    public void CourtRegistry_IntermediateCourt_AcceptsJudicialConfirmation()
    {
        var outcome = ValidDrafts.Validate(ValidDrafts.JudicialConfirmation() with { CourtCode = "新01" });
        Assert.True(outcome.IsAccepted);
        Assert.Equal("乌鲁木齐市中级人民法院", outcome.Court!.Name);
    }
}
