using System.Security.Cryptography;
using System.Text;
using Exchange.Cli;

namespace Exchange.Client.Tests;

public sealed class ApiKeysTests
{
    [Fact]
    public void Generate_IsExkAnd32RandomBytesInBase64Url()
    {
        var key = ApiKeys.Generate();

        Assert.Matches("^exk_[A-Za-z0-9_-]{43}$", key);
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(key.AsSpan(4)).Length);
    }

    [Fact]
    public void Generate_NeverRepeats()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => ApiKeys.Generate()).ToHashSet();
        Assert.Equal(1000, keys.Count);
    }

    [Fact]
    public void Hash_IsSha256OfTheUtf8Key_AndPrefixIsTheFirst12Characters()
    {
        const string Key = "exk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(Key)), ApiKeys.Hash(Key));
        Assert.Equal(32, ApiKeys.Hash(Key).Length);
        Assert.Equal("exk_AAAAAAAA", ApiKeys.PrefixOf(Key));
    }

    [Fact]
    public void Hash_KnownVector() =>
        // sha256("abc"), FIPS 180-2 appendix B.1: the stored hash is the plain digest of the key's bytes.
        Assert.Equal(
            Convert.FromHexString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ApiKeys.Hash("abc"));

    [Theory]
    [InlineData("tianshan-mediation", true)]
    [InlineData("platform.01_a", true)]
    [InlineData("", false)]
    [InlineData("-leading", false)]
    [InlineData("has space", false)]
    [InlineData("平台", false)]
    public void PlatformIds(string id, bool valid) => Assert.Equal(valid, AdminCommands.IsValidPlatformId(id));
}

public sealed class CourtCodesTests
{
    [Theory]
    [InlineData("新0102")]
    [InlineData("新01")]
    [InlineData("京0105")]
    [InlineData("兵0101")]
    [InlineData("粤03")]
    public void WellFormed(string code) => Assert.True(CourtCodes.IsWellFormed(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("新")] // a high court: no digits
    [InlineData("新1")]
    [InlineData("新010")]
    [InlineData("新010203")]
    [InlineData("X0102")]
    [InlineData("中0102")] // not a province abbreviation
    [InlineData("新01a2")]
    [InlineData("新０１０２")] // full-width digits
    [InlineData(" 新0102")]
    public void Malformed(string? code) => Assert.False(CourtCodes.IsWellFormed(code));

    [Fact]
    public void EveryProvinceLevelDivisionHasOneAbbreviation() =>
        Assert.Equal(32, CourtCodes.ProvinceAbbreviations.Distinct().Count());
}
