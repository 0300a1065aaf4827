using Exchange.Storage.Feed;

namespace Exchange.Contract.Tests.Storage;

/// <summary>Resume tokens are opaque, bound to the caller they were issued to, and tell an old feed from a forgery.</summary>
public sealed class FeedTokenTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly Guid Epoch = Guid.Parse("0f6b1d2c-5a4e-4c3b-9a8d-7e6f5a4b3c2d");
    private static readonly FeedTokenCodec Codec = new(Epoch, Key);
    private static readonly FeedRecipient A = FeedRecipient.Platform("platform-a");

    [Fact]
    public void AToken_ReadsBack_ItsPosition_ForItsRecipient()
    {
        Assert.Equal(new FeedTokenCheck(FeedTokenStatus.Valid, 12345), Codec.Decode(A, Codec.Encode(A, 12345)));
    }

    [Fact]
    public void AToken_OfAnotherRecipient_IsMalformed()
    {
        var token = Codec.Encode(A, 7);
        Assert.Equal(FeedTokenStatus.Malformed, Codec.Decode(FeedRecipient.Platform("platform-b"), token).Status);
        // A court with the same id is another recipient too.
        Assert.Equal(FeedTokenStatus.Malformed, Codec.Decode(FeedRecipient.Court("platform-a"), token).Status);
    }

    [Fact]
    public void AToken_WithAChangedPosition_IsMalformed()
    {
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(Codec.Encode(A, 7));
        bytes[24] ^= 1;
        Assert.Equal(FeedTokenStatus.Malformed, Codec.Decode(A, System.Buffers.Text.Base64Url.EncodeToString(bytes)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("AAAA")]
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void NotAToken_IsMalformed(string token)
    {
        Assert.Equal(FeedTokenStatus.Malformed, Codec.Decode(A, token).Status);
    }

    [Fact]
    public void AToken_OfAnotherEpoch_WithTheSameKey_IsOfAnotherEpoch()
    {
        var old = new FeedTokenCodec(Guid.NewGuid(), Key).Encode(A, 7);
        Assert.Equal(FeedTokenStatus.OtherEpoch, Codec.Decode(A, old).Status);
    }
}
