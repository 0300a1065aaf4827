using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Client.Tests;

/// <summary>The callback verifier against signatures computed here from the contract's formula (updates.proto).</summary>
public sealed class CallbackSignatureTests
{
    private const string Secret = "c2VjcmV0LW9mLXRoZS1wbGF0Zm9ybS0xMjM0NTY3ODk";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"eventId\":\"0199c0de-0000-7000-8000-000000000001/1\",\"version\":\"1\"}");
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    private static string Contract(string secret, long timestamp, byte[] body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.ASCII.GetBytes(timestamp + "."), .. body]));

    private static CallbackSignature Verifier(params string[] secrets) => new(secrets, clock: new FakeTimeProvider(Now));

    [Fact]
    public void Verify_TheContractsSignature_IsValid_AndSignComputesIt()
    {
        var timestamp = Now.ToUnixTimeSeconds();
        Assert.Equal(Contract(Secret, timestamp, Body), CallbackSignature.Sign(Secret, timestamp, Body));
        Assert.Equal(CallbackVerification.Valid, Verifier(Secret).Verify(timestamp.ToString(), Contract(Secret, timestamp, Body), Body));
    }

    [Fact]
    public void Verify_AChangedBodyTimestampOrSecret_IsSignatureMismatch()
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var signature = Contract(Secret, timestamp, Body);
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 1;
        Assert.Equal(CallbackVerification.SignatureMismatch, Verifier(Secret).Verify(timestamp.ToString(), signature, tampered));
        Assert.Equal(CallbackVerification.SignatureMismatch, Verifier(Secret).Verify((timestamp - 1).ToString(), signature, Body));
        Assert.Equal(CallbackVerification.SignatureMismatch, Verifier("another").Verify(timestamp.ToString(), signature, Body));
    }

    [Fact]
    public void Verify_DuringARotation_EitherSecretOfTheTwoSignaturesIsEnough()
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var header = Contract("new-secret", timestamp, Body) + "," + Contract(Secret, timestamp, Body);
        Assert.Equal(CallbackVerification.Valid, Verifier(Secret).Verify(timestamp.ToString(), header, Body));
        Assert.Equal(CallbackVerification.Valid, Verifier("new-secret").Verify(timestamp.ToString(), header, Body));
        Assert.Equal(CallbackVerification.SignatureMismatch, Verifier("third").Verify(timestamp.ToString(), header, Body));
    }

    [Theory]
    [InlineData(-301, CallbackVerification.StaleTimestamp)]
    [InlineData(-300, CallbackVerification.Valid)]
    [InlineData(300, CallbackVerification.Valid)]
    [InlineData(301, CallbackVerification.StaleTimestamp)]
    public void Verify_ATimestampBeyondTheTolerance_IsStale(int offsetSeconds, CallbackVerification expected)
    {
        var timestamp = Now.ToUnixTimeSeconds() + offsetSeconds;
        Assert.Equal(expected, Verifier(Secret).Verify(timestamp.ToString(), Contract(Secret, timestamp, Body), Body));
    }

    [Theory]
    [InlineData(null, "v1=00")]
    [InlineData("", "v1=00")]
    [InlineData("12.5", "v1=00")]
    [InlineData("1764928800", null)]
    [InlineData("1764928800", "v2=abc")]
    [InlineData("1764928800", "v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    public void Verify_MissingOrMalformedHeaders_AreMalformed(string? timestamp, string? signature) =>
        Assert.Equal(CallbackVerification.Malformed, Verifier(Secret).Verify(timestamp, signature, Body));
}
