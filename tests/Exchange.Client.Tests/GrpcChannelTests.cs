using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Exchange.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Exchange.Client.Tests;

/// <summary>
/// Through a real GrpcChannel over an in-memory HTTP handler that speaks the gRPC wire format:
/// proves what leaves the process on an http:// (h2c) endpoint, with no server.
/// </summary>
public sealed class GrpcChannelTests
{
    [Fact]
    public async Task HttpEndpoint_SendsTheKey_AndRetriesUnavailableWithIdenticalBytes()
    {
        var handler = new ScriptedGrpcHandler(
            ScriptedGrpcHandler.TrailersOnly(StatusCode.Unavailable, "store unreachable"),
            ScriptedGrpcHandler.Message(new Receipt { ApplicationId = "0193a1b2-0000-7000-8000-000000000001", Status = ApplicationStatus.Received }));
        using var client = ExchangeClient.Create(
            new Uri("http://127.0.0.1:5180"),
            "exk_cleartext",
            new ExchangeClientOptions { HttpHandler = handler, Retry = new RetrySettings { InitialBackoff = TimeSpan.FromMilliseconds(1) } });
        var request = Samples.Load(Samples.JudicialConfirmation);

        var receipt = await client.Filing.SubmitAsync(request);

        Assert.Equal(ApplicationStatus.Received, receipt.Status);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal("http://127.0.0.1:5180/exchange.v1.FilingService/SubmitApplication", r.Uri);
            Assert.Equal("Bearer exk_cleartext", r.Authorization);
            Assert.Equal(request.ToByteArray(), r.Body);
        });
    }

    [Fact]
    public async Task HttpsEndpoint_SendsTheKeyToo()
    {
        var handler = new ScriptedGrpcHandler(ScriptedGrpcHandler.Message(new Application()));
        using var client = ExchangeClient.Create(
            new Uri("https://hub.example.cn"), "exk_tls", new ExchangeClientOptions { HttpHandler = handler });

        await client.Filing.GetAsync("0193a1b2-0000-7000-8000-000000000001");

        Assert.Equal("Bearer exk_tls", Assert.Single(handler.Requests).Authorization);
    }

    private sealed record SeenRequest(string Uri, string? Authorization, byte[] Body);

    private sealed class ScriptedGrpcHandler(params Func<HttpResponseMessage>[] responses) : HttpMessageHandler
    {
        private int _next;

        public List<SeenRequest> Requests { get; } = [];

        public static Func<HttpResponseMessage> TrailersOnly(StatusCode code, string message) => () =>
        {
            var response = Grpc([]);
            response.Headers.Add("grpc-status", ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));
            response.Headers.Add("grpc-message", message);
            return response;
        };

        public static Func<HttpResponseMessage> Message(IMessage message) => () =>
        {
            var payload = message.ToByteArray();
            var frame = new byte[5 + payload.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
            payload.CopyTo(frame, 5);
            var response = Grpc(frame);
            response.TrailingHeaders.Add("grpc-status", "0");
            return response;
        };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var frame = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            Requests.Add(new SeenRequest(
                request.RequestUri!.ToString(),
                request.Headers.TryGetValues("authorization", out var values) ? values.Single() : null,
                frame[5..]));
            return responses[_next++]();
        }

        private static HttpResponseMessage Grpc(byte[] body)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = new ByteArrayContent(body) };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            return response;
        }
    }
}
