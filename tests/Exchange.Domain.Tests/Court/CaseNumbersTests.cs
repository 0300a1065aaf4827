namespace Exchange.Domain.Tests.Court;

/// <summary>DOMAIN.md §6: 法〔2015〕137号 case numbers.</summary>
public sealed class CaseNumbersTests
{
    [Fact]
    public void CaseNumber_IsYearInFullWidthParenthesesCourtTypeSequenceAndHao() =>
        Assert.Equal("（2026）新0102民特123号", CaseNumbers.Format(2026, "新0102", "民特", 123));

    [Fact]
    public void JudicialConfirmation_IsASpecialProcedureCase() =>
        Assert.Equal("民特", CaseNumbers.UsualTypeCode(ApplicationType.JudicialConfirmation));

    [Fact]
    public void MediationDocument_IsRegisteredAsAFirstInstanceCase() =>
        Assert.Equal("民初", CaseNumbers.UsualTypeCode(ApplicationType.MediationDocument));

    [Fact]
    public void CaseYear_IsTheChinaStandardTimeYear()
    {
        // 31 December 2026 17:00 UTC is 1 January 2027 01:00 in Beijing.
        Assert.Equal(2027, CaseNumbers.YearOf(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal(2026, CaseNumbers.YearOf(new DateTimeOffset(2026, 12, 31, 15, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Sequence_StartsAtOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseNumbers.Format(2026, "新0102", "民特", 0));
}
