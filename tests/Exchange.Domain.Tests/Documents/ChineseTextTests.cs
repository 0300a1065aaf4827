namespace Exchange.Domain.Tests.Documents;

/// <summary>Amounts in capitals (大写) and dates as a court's document writes them.</summary>
public sealed class ChineseTextTests
{
    [Theory]
    [InlineData(0L, "零元整")]
    [InlineData(100L, "壹元整")]
    [InlineData(1_000L, "壹拾元整")]
    [InlineData(1_200_000L, "壹万贰仟元整")]
    [InlineData(1_234_567L, "壹万贰仟叁佰肆拾伍元陆角柒分")]
    [InlineData(10_050_000L, "壹拾万零伍佰元整")]
    [InlineData(100_000_000L, "壹佰万元整")]
    [InlineData(10_000_000_100L, "壹亿零壹元整")]
    [InlineData(100_100L, "壹仟零壹元整")]
    [InlineData(1_000_100L, "壹万零壹元整")]
    [InlineData(10_000_100_000L, "壹亿零壹仟元整")]
    [InlineData(105L, "壹元零伍分")]
    [InlineData(150L, "壹元伍角")]
    [InlineData(56L, "伍角陆分")]
    [InlineData(5L, "伍分")]
    [InlineData(20_300_400_500L, "贰亿零叁佰万肆仟零伍元整")]
    public void CapitalYuan_WritesTheAmountInCapitals(long fen, string expected) =>
        Assert.Equal(expected, ChineseText.CapitalYuan(fen));

    [Theory]
    [InlineData(0L, "0.00")]
    [InlineData(5L, "0.05")]
    [InlineData(1_234_567L, "12,345.67")]
    [InlineData(1_200_000L, "12,000.00")]
    public void Yuan_WritesFiguresWithTwoDecimals(long fen, string expected) =>
        Assert.Equal(expected, ChineseText.Yuan(fen));

    [Fact]
    public void NegativeAmounts_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseText.CapitalYuan(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseText.Yuan(-1));
    }

    [Theory]
    [InlineData(2026, 12, 6, "二〇二六年十二月六日")]
    [InlineData(2027, 1, 10, "二〇二七年一月十日")]
    [InlineData(2030, 10, 31, "二〇三〇年十月三十一日")]
    [InlineData(2026, 2, 20, "二〇二六年二月二十日")]
    public void Date_IsWrittenInChineseNumerals(int year, int month, int day, string expected) =>
        Assert.Equal(expected, ChineseText.Date(new DateOnly(year, month, day)));
}
