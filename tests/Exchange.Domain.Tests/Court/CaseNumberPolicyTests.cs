namespace Exchange.Domain.Tests.Court;

/// <summary>
/// Case numbers as the 2018 amendment (法〔2018〕335号) reads: an optional one-character
/// specialised-trial code between court code and type code, the codes from the court's policy,
/// and a number the court's own system issued checked for its court, year and codes.
/// </summary>
public sealed class CaseNumberPolicyTests
{
    private static readonly Domain.Court Tianshan = new()
    {
        Code = "新0102",
        Name = "天山区人民法院",
        Level = CourtLevel.Basic,
        AcceptedTypes = [ApplicationType.JudicialConfirmation, ApplicationType.MediationDocument],
    };

    private static readonly Domain.Court WithSpecialisedTrial = Tianshan with
    {
        SpecialisedTrialCode = "知",
        CaseNumbering = CaseNumbering.Court,
        CaseTypeCodes = [new CaseTypeCode(ApplicationType.MediationDocument, "民诉前调")],
    };

    [Fact]
    public void Amendment2018_SpecialisedTrialCode_StandsBetweenCourtCodeAndTypeCode_WhenPrinted()
    {
        Assert.Equal("（2026）新0102知民特8号", new CaseNumber(2026, "新0102", "知", "民特", 8).ToString());
        Assert.Equal("（2026）新0102民特8号", new CaseNumber(2026, "新0102", "", "民特", 8).ToString());
    }

    [Fact]
    public void Amendment2018_SpecialisedTrialCode_IsParsedWhereTheCourtsPolicySetsOne()
    {
        Assert.Equal(new CaseNumber(2026, "新0102", "知", "民特", 12), CaseNumbers.Parse("（2026）新0102知民特12号", WithSpecialisedTrial));
        Assert.Equal(new CaseNumber(2026, "新0102", "", "民特", 12), CaseNumbers.Parse("（2026）新0102民特12号", Tianshan));
        Assert.Null(CaseNumbers.Parse("（2026）新0102民特12号", WithSpecialisedTrial));
    }

    [Fact]
    public void CaseTypeCodes_ComeFromTheCourtsPolicy_UnlistedTypesTakeTheUsualCode()
    {
        Assert.Equal("民诉前调", WithSpecialisedTrial.TypeCodeOf(ApplicationType.MediationDocument));
        Assert.Equal("民特", WithSpecialisedTrial.TypeCodeOf(ApplicationType.JudicialConfirmation));
        Assert.Equal("知民诉前调", WithSpecialisedTrial.CaseCodesOf(ApplicationType.MediationDocument));
        Assert.Equal("民初", Tianshan.CaseCodesOf(ApplicationType.MediationDocument));
    }

    [Theory]
    [InlineData("（2026）新0102知民特5号", null)]
    [InlineData("(2026)新0102知民特5号", null)]
    [InlineData("", "is required")]
    [InlineData("2026新0102知民特5号", "is not a case number")]
    [InlineData("（2026）新0102知民特05号", "is not a case number")]
    [InlineData("（2026）新0103知民特5号", "names the court 新0103")]
    [InlineData("（2024）新0102知民特5号", "is numbered in 2024")]
    [InlineData("（2026）新0102民特5号", "has the codes 民特")]
    [InlineData("（2026）新0102知民初5号", "has the codes 知民初")]
    public void CourtIssuedCaseNumber_IsCheckedForFormatCourtYearAndCodes(string text, string? problem)
    {
        var read = CaseNumbers.Read(text, WithSpecialisedTrial, ApplicationType.JudicialConfirmation, [2026], out var found);
        if (problem is null)
        {
            Assert.Null(found);
            Assert.Equal(new CaseNumber(2026, "新0102", "知", "民特", 5), read);
        }
        else
        {
            Assert.Null(read);
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CourtIssuedCaseNumber_MayBeNumberedInTheYearTheCaseWasReceived() =>
        Assert.NotNull(CaseNumbers.Read("（2026）新0102民特3号", Tianshan, ApplicationType.JudicialConfirmation, [2026, 2027], out _));

    [Theory]
    [InlineData("知识", "specialised_trial_code")]
    [InlineData("Z", "specialised_trial_code")]
    public void CourtPolicy_SpecialisedTrialCode_IsOneChineseCharacter(string code, string field) =>
        Assert.Equal([field], CourtRules.Check(Tianshan with { SpecialisedTrialCode = code }).Select(v => v.Field));

    [Fact]
    public void CourtPolicy_CaseTypeCodes_AreOneToFourChineseCharacters_EachTypeOnce() =>
        Assert.Equal(["case_type_codes[0].code", "case_type_codes[1].type"], CourtRules.Check(Tianshan with
        {
            CaseTypeCodes = [new CaseTypeCode(ApplicationType.JudicialConfirmation, "MT"), new CaseTypeCode(ApplicationType.JudicialConfirmation, "民特")],
        }).Select(v => v.Field));

    [Fact]
    public void CourtPolicy_CaseNumbering_IsHubOrCourt() =>
        Assert.Equal(["case_numbering"], CourtRules.Check(Tianshan with { CaseNumbering = CaseNumbering.Unspecified }).Select(v => v.Field));

    [Fact]
    public void ProvisionalDeadlines_WindowOfAYear_CoversEveryNearestDeadlineThatCanReachIntoIt()
    {
        var (from, to) = ProvisionalDeadlines.NearestDeadlineWindow(2027);
        // An application accepted on 2026-12-06: its review target closes 2026-12-22, its 30-day ceiling in January 2027.
        var nearest = Deadlines.Count(new DateTimeOffset(2026, 12, 6, 10, 0, 0, ChinaStandardTime.Offset), Deadlines.ReviewDays, HolidayCalendar.Empty).ClosesAt;
        Assert.InRange(nearest, from, to);
        Assert.Equal(new DateTimeOffset(2028, 1, 2, 0, 0, 0, ChinaStandardTime.Offset), to);
    }
}

/// <summary>The case number is the court's to give; a court whose policy says so leaves it to the hub.</summary>
public sealed class CaseNumberAssignmentTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 30, 10, 0, 0, ChinaStandardTime.Offset);
    private static readonly DateTimeOffset Accepted = new(2027, 1, 4, 10, 0, 0, ChinaStandardTime.Offset);

    private static readonly Domain.Court HubNumbered = new()
    {
        Code = "新0102",
        Name = "天山区人民法院",
        Level = CourtLevel.Basic,
        AcceptedTypes = [ApplicationType.JudicialConfirmation],
    };

    private static readonly Domain.Court CourtNumbered = HubNumbered with { CaseNumbering = CaseNumbering.Court, SpecialisedTrialCode = "知" };

    [Fact]
    public void CaseNumber_HubNumberedCourt_TakesTheCourtsCodesAndTheYearOfAcceptance_TheDatabaseDrawsTheSequence()
    {
        Assert.Equal(new CaseNumberAssignment(2027, "民特", null), CaseNumbers.Assign(HubNumbered, ApplicationType.JudicialConfirmation, null, Received, Accepted, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void CaseNumber_HubNumberedCourt_RefusesANumberGiven()
    {
        Assert.Null(CaseNumbers.Assign(HubNumbered, ApplicationType.JudicialConfirmation, "（2027）新0102民特3号", Received, Accepted, out var problem));
        Assert.StartsWith("must be empty", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("（2026）新0102知民特41号", 2026)]
    [InlineData("（2027）新0102知民特2号", 2027)]
    public void CaseNumber_CourtNumberedCourt_TakesTheNumberItsSystemIssued_InTheYearReceivedOrAccepted(string given, int year) =>
        Assert.Equal(year, CaseNumbers.Assign(CourtNumbered, ApplicationType.JudicialConfirmation, given, Received, Accepted, out _)!.Year);

    [Fact]
    public void CaseNumber_CourtNumberedCourt_RequiresOne()
    {
        Assert.Null(CaseNumbers.Assign(CourtNumbered, ApplicationType.JudicialConfirmation, null, Received, Accepted, out var problem));
        Assert.Contains("is required", problem, StringComparison.Ordinal);
        Assert.Contains("（2027）新0102知民特1号", problem, StringComparison.Ordinal);
    }
}
