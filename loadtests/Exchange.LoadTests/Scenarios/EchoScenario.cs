using Exchange.LoadTesting;
using Exchange.LoadTests.Echo;
using Google.Protobuf;
using EchoGrpc = Exchange.LoadTests.Echo.Echo;

namespace Exchange.LoadTests.Scenarios;

/// <summary>
/// The transport baseline: a bare gRPC unary echo of a submission-sized payload against the echo
/// server (same Kestrel and gRPC settings as the gateway, nothing of the hub). What the hub adds to a
/// call is its latency minus this one.
/// </summary>
public sealed class EchoScenario : LoadScenario
{
    private readonly GrpcChannelPool _channels;
    private readonly EchoGrpc.EchoClient[] _clients;
    private readonly EchoMessage _message;
    private long _next = -1;

    /// <summary>Creates the scenario and its channels to the echo server.</summary>
    /// <param name="context">The run's context; needs an echo endpoint.</param>
    public EchoScenario(LoadContext context)
        : base(context)
    {
        var endpoint = context.EchoEndpoint ?? throw new InvalidOperationException("the echo scenario needs --echo-endpoint (start one with the echo-server command)");
        _channels = new GrpcChannelPool(endpoint, context.Settings.Channels);
        _clients = Enumerable.Range(0, _channels.Count).Select(_ => new EchoGrpc.EchoClient(_channels.Next())).ToArray();

        // Random bytes: a compressible payload would not cost what a submission does.
        var payload = new byte[context.Settings.EchoPayloadBytes];
        Random.Shared.NextBytes(payload);
        _message = new EchoMessage { Payload = ByteString.CopyFrom(payload) };
    }

    /// <inheritdoc/>
    public override string Name => "echo";

    /// <inheritdoc/>
    public override IReadOnlyList<Scenario> Build()
    {
        var size = _message.CalculateSize();
        return
        [
            ClosedModel(Scenario.Create(Name, async ctx =>
            {
                var client = _clients[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_clients.Length)];
                var reply = await client.EchoAsync(_message, deadline: ctx.Deadline, cancellationToken: ctx.CancellationToken);
                return reply.Payload.Length == _message.Payload.Length ? StepResult.Ok(size, size) : StepResult.Fail("BAD_ECHO", size, reply.CalculateSize());
            }), Context.Settings.Concurrency),
        ];
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _channels.Dispose();
        }

        base.Dispose(disposing);
    }
}
