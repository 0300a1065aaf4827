using System.Net;
using System.Net.Sockets;
using Grpc.Core;

namespace Exchange.LoadTesting.Tests;

public sealed class GrpcTests
{
    private static readonly Method<byte[], byte[]> Ping = new(
        MethodType.Unary, "exchange.test.v1.Probe", "Ping", Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    [Fact]
    public void Next_SeveralChannels_HandsThemOutRoundRobin()
    {
        using var pool = new GrpcChannelPool(new Uri("http://127.0.0.1:5000"), channelCount: 3);

        var channels = Enumerable.Range(0, 6).Select(_ => pool.Next()).ToList();

        Assert.Equal(3, channels.Distinct().Count());
        Assert.Same(channels[0], channels[3]);
        Assert.Same(channels[2], channels[5]);
    }

    [Fact]
    public async Task RunAsync_GrpcStepAgainstClosedLoopbackPort_StatusIsUnavailable()
    {
        using var pool = new GrpcChannelPool(new Uri($"http://127.0.0.1:{UnusedLoopbackPort()}"), channelCount: 2);
        var scenario = Scenario.Create("grpc", async ctx =>
            {
                var request = new byte[] { 1, 2, 3 };
                var reply = await pool.Next().CreateCallInvoker()
                    .AsyncUnaryCall(Ping, null, new CallOptions(deadline: ctx.Deadline, cancellationToken: ctx.CancellationToken), request);
                return StepResult.Ok(request.Length, reply.Length);
            })
            .WithCallTimeout(TimeSpan.FromSeconds(5))
            .WithLoadSimulations(Simulation.Inject(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.2)));

        var stats = (await Run.QuietAsync(scenario)).Scenarios[0].Stats;

        Assert.Equal(4, stats.CountOf("UNAVAILABLE"));
    }

    [Fact]
    public void FromGrpc_EveryStatusCode_CanonicalName()
    {
        Assert.Equal("OK", StepStatus.FromGrpc(StatusCode.OK));
        Assert.Equal("DEADLINE_EXCEEDED", StepStatus.FromGrpc(StatusCode.DeadlineExceeded));
        Assert.Equal("FAILED_PRECONDITION", StepStatus.FromGrpc(StatusCode.FailedPrecondition));
        Assert.Equal("UNAUTHENTICATED", StepStatus.FromGrpc(StatusCode.Unauthenticated));
        Assert.All(Enum.GetValues<StatusCode>(), c => Assert.DoesNotContain("CODE_", StepStatus.FromGrpc(c), StringComparison.Ordinal));
    }

    private static int UnusedLoopbackPort()
    {
        // Bind to port 0 to get a free port, then release it: nothing listens there afterwards.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
