using System.Text;

namespace Exchange.Domain.Tests.Validation;

/// <summary>The text rule of every request field (common.proto, "Text").</summary>
public sealed class FreeTextTests
{
    [Theory]
    [InlineData("张\u0000三")]
    [InlineData("\u0001")]
    [InlineData("tab\there")]
    [InlineData("two\nlines")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    [InlineData("c1\u009f")]
    public void Text_WithAControlCharacter_IsRefused(string value) =>
        Assert.Contains("control characters", FreeText.Check(value, lineBreaks: false, out _));

    [Fact]
    public void Text_WithNul_IsRefusedEvenWhereLineBreaksAreAllowed() =>
        Assert.Contains("U+0000 at character 2", FreeText.Check("a\u0000b", lineBreaks: true, out _));

    [Theory]
    [InlineData("第一行\n第二行")]
    [InlineData("第一行\r\n第二行")]
    [InlineData("列\t值")]
    [InlineData("段\u2029落")]
    public void Text_WithLineBreaks_IsAcceptedOnlyWhereTheFieldDocumentsThem(string value)
    {
        Assert.Null(FreeText.Check(value, lineBreaks: true, out _));
        Assert.NotNull(FreeText.Check(value, lineBreaks: false, out _));
    }

    [Theory]
    [InlineData("\uFEFF")]
    [InlineData("\u200B\u200C\u200D")]
    [InlineData("\u202E")]
    [InlineData("\u2066\u2069")]
    [InlineData(" \u200E\u200F ")]
    [InlineData("\u00AD")]
    [InlineData("\u3164")]
    [InlineData("\uFE0F")]
    [InlineData("\U000E0041")]
    public void Text_OfInvisibleCharactersOnly_IsRefused(string value) =>
        Assert.Contains("no visible character", FreeText.Check(value, lineBreaks: true, out _));

    [Theory]
    [InlineData("\u202E王五")]
    [InlineData("\uFEFF李四")]
    [InlineData("ئابدۇرېھىم\u200F")]
    [InlineData("👨\u200D👩\u200D👧")]
    public void Text_WithInvisibleCharactersBesideVisibleOnes_IsKeptAsSent(string value)
    {
        Assert.Null(FreeText.Check(value, lineBreaks: false, out var normalized));
        Assert.Equal(value, normalized);
    }

    [Fact]
    public void Text_IsNormalisedToNfc()
    {
        var decomposed = "Jose\u0301 𠀀";
        Assert.Null(FreeText.Check(decomposed, lineBreaks: false, out var normalized));
        Assert.Equal("José 𠀀", normalized);
        Assert.True(normalized.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Text_AlreadyInNfc_IsTheSameInstance()
    {
        const string value = "天山调解平台";
        Assert.Null(FreeText.Check(value, lineBreaks: false, out var normalized));
        Assert.Same(value, normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void Text_EmptyOrWhiteSpace_IsLeftToTheFieldsOwnRequiredRule(string value) =>
        Assert.Null(FreeText.Check(value, lineBreaks: false, out _));

    [Fact]
    public void Text_WithAnUnpairedSurrogate_IsRefused() =>
        Assert.Contains("unpaired surrogate", FreeText.Check("a\uD800b", lineBreaks: false, out _));

    [Fact]
    public void Text_WithARealReplacementCharacter_IsAccepted() =>
        Assert.Null(FreeText.Check("a\uFFFDb", lineBreaks: false, out _));

    [Fact]
    public void RequiredText_OfInvisibleCharactersOnly_CountsAsMissing() =>
        Assert.Equal("is required", TextLimits.Required("\uFEFF\u200B", 100));
}
