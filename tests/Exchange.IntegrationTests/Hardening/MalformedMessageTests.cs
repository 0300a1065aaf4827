using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Exchange.IntegrationTests.Infrastructure;
using Google.Rpc;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.Hardening;

/// <summary>
/// Request bodies that are not protobuf, sent with raw gRPC framing over a real HTTP/2 connection
/// (HttpClient, no gRPC client library): INVALID_ARGUMENT, after authentication, with no stack trace
/// and at most one log line per peer a minute.
/// </summary>
[Collection(HardeningCollection.Name)]
public sealed class MalformedMessageTests(HardeningHubFixture hub, ITestOutputHelper output) : IDisposable
{
    private const string Submit = "/exchange.v1.FilingService/SubmitApplication";

    // A length-delimited field 1 that claims 5 bytes and has 1: no parser can read it.
    private static readonly byte[] Truncated = [0x0A, 0x05, 0x01];

    // Tag 0 is invalid in every protobuf message.
    private static readonly byte[] ZeroTag = [0x00, 0x01];

    private readonly HttpClient http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true });

    [DatabaseTheory]
    [InlineData(Submit, "truncated")]
    [InlineData(Submit, "zero tag")]
    [InlineData("/exchange.v1.CourtService/ListDocket", "truncated")]
    [InlineData("/exchange.v1.AdminService/ListKeys", "truncated")]
    public async Task MalformedBody_FromAnAuthenticatedCaller_IsInvalidArgument(string method, string body)
    {
        var key = method.Contains("Court", StringComparison.Ordinal) ? hub.CourtKey : method.Contains("Admin", StringComparison.Ordinal) ? hub.AdminKey : hub.PlatformAKey;

        var (code, message, status) = await CallAsync(method, body == "truncated" ? Truncated : ZeroTag, key);

        Assert.Equal(3, code); // INVALID_ARGUMENT, not UNKNOWN (2)
        Assert.Contains("not a valid exchange.v1.", message);
        Assert.Equal("INVALID_ARGUMENT", status!.Details.Select(d => d.Unpack<ErrorInfo>()).Single().Reason);
    }

    [DatabaseFact]
    public async Task MalformedBody_WithoutAValidKey_IsUnauthenticated_BeforeTheBodyIsParsed()
    {
        var (missing, _, _) = await CallAsync(Submit, Truncated, key: null);
        var (unknown, _, _) = await CallAsync(Submit, Truncated, key: "exk_" + new string('A', 43));
        var (malformed, _, _) = await CallAsync(Submit, Truncated, key: "not-a-key");

        Assert.Equal([16, 16, 16], new[] { missing, unknown, malformed });
    }

    [DatabaseFact]
    public async Task GarbageBurst_Of2000Requests_GrowsTheGatewayLogByAFewLinesAtMost()
    {
        const int Requests = 2000;
        var before = hub.GatewayLogLines;
        var clock = Stopwatch.StartNew();
        var codes = new int[Requests];
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            codes[i] = (await CallAsync(Submit, i % 2 == 0 ? Truncated : ZeroTag, hub.PlatformAKey)).Code);
        clock.Stop();
        var grown = hub.GatewayLogLines - before;

        output.WriteLine($"{Requests} malformed requests in {clock.Elapsed.TotalSeconds:F1} s: statuses {string.Join(", ", codes.GroupBy(c => c).Select(g => $"{g.Key}×{g.Count()}"))}; gateway log grew by {grown} line(s)");
        Assert.All(codes, c => Assert.Equal(3, c));
        Assert.InRange(grown, 0, 4);
        Assert.Contains("Refused a malformed request from 127.0.0.1", hub.Gateway!.Output);
        Assert.DoesNotContain("Exception was thrown by handler", hub.Gateway!.Output);
        Assert.DoesNotContain("InvalidProtocolBufferException", hub.Gateway!.Output);
    }

    /// <summary>One unary call with raw gRPC framing; the status from the trailers (or the headers of a trailers-only answer).</summary>
    private async Task<(int Code, string Message, Google.Rpc.Status? Status)> CallAsync(string method, byte[] body, string? key)
    {
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{hub.GatewayPort}{method}") 
        {
            Content = new ByteArrayContent(frame),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", "Bearer " + key);
        }

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var headers = response.TrailingHeaders.Contains("grpc-status") ? response.TrailingHeaders : (HttpHeaders)response.Headers;
        Assert.True(headers.Contains("grpc-status"), $"HTTP/{response.Version} {(int)response.StatusCode} without grpc-status: {response.Headers} {response.TrailingHeaders}");
        var code = int.Parse(headers.GetValues("grpc-status").Single());
        var message = headers.TryGetValues("grpc-message", out var m) ? Uri.UnescapeDataString(m.Single()) : "";
        var status = headers.TryGetValues("grpc-status-details-bin", out var d) ? Google.Rpc.Status.Parser.ParseFrom(FromBase64(d.Single())) : null;
        return (code, message, status);
    }

    private static byte[] FromBase64(string value) => Convert.FromBase64String(value.PadRight(value.Length + ((4 - value.Length % 4) % 4), '='));

    public void Dispose() => http.Dispose();
}
