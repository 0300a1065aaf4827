using Exchange.Cli;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Client.Tests;

/// <summary>The resumable watcher and the CLI's watch, against scripted streams.</summary>
public sealed class UpdateWatcherTests
{
    private static readonly UpdateWatchOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) };

    [Fact]
    public async Task Reconnects_OnUnavailable_AndADroppedStream_ResumingFromTheLastToken_HeartbeatsIncluded()
    {
        var streams = new ScriptedStreams(
            new Script([Update("a", 1, "t1"), Heartbeat("t2")], Unavailable()),
            new Script([Update("a", 2, "t3")], null), // the hub ended the stream without a status error
            new Script([Update("b", 1, "t4")], OutOfRange()));
        var watcher = Client(streams).Filing.WatchUpdates(Fast with { ResumeToken = "t0" });

        var received = new List<string>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var update in watcher.UpdatesAsync())
            {
                received.Add(update.EventId);
            }
        });

        Assert.Equal(["a/1", "a/2", "b/1"], received);
        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Equal("RESUME_TOKEN_EXPIRED", ExchangeError.FromException(error).Reason);
        Assert.Equal(["t0", "t2", "t3"], streams.Requests.Select(r => r.ResumeToken));
        Assert.Equal("t4", watcher.ResumeToken);
        Assert.Equal(3, watcher.Connections);
    }

    [Fact]
    public async Task Redeliveries_AreDropped_ByApplicationVersion_WhileTheTokenMovesOn()
    {
        var streams = new ScriptedStreams(
            new Script([Update("a", 1, "t1"), Update("a", 2, "t2"), Update("b", 1, "t3")], Unavailable()),
            // A resume from an older token redelivers a/2 and b/1; a/1 comes late-ordered: all dropped.
            new Script([Update("a", 2, "t2"), Update("a", 1, "t1"), Update("b", 1, "t3"), Update("a", 3, "t5"), Notice("n1", "t6"), Notice("n1", "t6")], OutOfRange()));
        var watcher = Client(streams).Filing.WatchUpdates(Fast);

        var received = await Collect(watcher);

        Assert.Equal(["a/1", "a/2", "b/1", "a/3", "notice/n1"], received);
        Assert.Equal(4, watcher.Duplicates);
        Assert.Equal("t6", watcher.ResumeToken);
    }

    [Fact]
    public async Task Deduplication_ForgetsTheLeastRecentlyUpdatedApplication_BeyondItsCapacity()
    {
        var streams = new ScriptedStreams(
            new Script([Update("a", 1, "t1"), Update("b", 1, "t2"), Update("c", 1, "t3"), Update("a", 1, "t1"), Update("c", 1, "t3")], OutOfRange()));
        var watcher = Client(streams).Courts.WatchUpdates(Fast with { DeduplicationCapacity = 2 });

        var received = await Collect(watcher);

        // a was forgotten when c came (capacity 2): its redelivery passes; c's, remembered, does not.
        Assert.Equal(["a/1", "b/1", "c/1", "a/1"], received);
        Assert.Equal("/exchange.v1.CourtService/WatchUpdates", streams.Methods.Single());
    }

    [Fact]
    public async Task OtherErrors_EndTheWatch_WithoutReconnecting()
    {
        var streams = new ScriptedStreams(new Script([], new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "bad token"))));
        var watcher = Client(streams).Filing.WatchUpdates(Fast with { Filter = new UpdateFilter { Statuses = { ApplicationStatus.Accepted } }, StartAtEnd = true, HeartbeatSeconds = 5 });

        var error = await Assert.ThrowsAsync<RpcException>(() => Collect(watcher));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var request = Assert.Single(streams.Requests);
        Assert.True(request.StartAtEnd);
        Assert.Equal(5, request.HeartbeatSeconds);
        Assert.Equal([ApplicationStatus.Accepted], request.Filter.Statuses);
    }

    [Fact]
    public async Task CliWatch_PrintsEachUpdate_SavesTheTokenAfterEachFrame_AndResumesFromTheFile()
    {
        var directory = Directory.CreateTempSubdirectory("exchange-watch-");
        var file = Path.Combine(directory.FullName, "token");
        await File.WriteAllTextAsync(file, "t-start\n");
        var streams = new ScriptedStreams(new Script([Update("a", 1, "t1"), Heartbeat("t2")], OutOfRange()));
        var output = new StringWriter();
        var errors = new StringWriter();
        var context = new CliContext(output, errors, name => name == "EXCHANGE_API_KEY" ? "exk_test" : null, new FakeTimeProvider(),
            (_, key, options) => new ExchangeClient(streams, key, options), (_, _) => new UnauthenticatedHub(streams), OutIsTerminal: false);

        var exit = await ExchangeCli.RunAsync(["watch", "--token-file", file, "--status", "RECEIVED"], context);

        Assert.Equal(1, exit);
        Assert.Equal("t-start", streams.Requests.Single().ResumeToken);
        Assert.Equal([ApplicationStatus.Received], streams.Requests.Single().Filter.Statuses);
        Assert.Contains("a  v1  SUBMITTED → RECEIVED", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("t2\n", (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n"));
        Assert.Contains("RESUME_TOKEN_EXPIRED", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("hint: the token in", errors.ToString(), StringComparison.Ordinal);
        Assert.Single(directory.GetFiles());
        directory.Delete(recursive: true);
    }

    private static ExchangeClient Client(CallInvoker invoker) => new(invoker, "exk_test", new ExchangeClientOptions());

    private static async Task<List<string>> Collect(UpdateWatcher watcher)
    {
        var received = new List<string>();
        try
        {
            await foreach (var update in watcher.UpdatesAsync())
            {
                received.Add(update.EventId);
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.OutOfRange)
        {
        }

        return received;
    }

    private static WatchUpdatesResponse Update(string application, long version, string token) => new()
    {
        Update = new Update
        {
            EventId = $"{application}/{version}",
            ApplicationId = application,
            Version = version,
            Kind = HistoryEvent.Types.EventKind.Submitted,
            StatusAfter = ApplicationStatus.Received,
            OccurTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero)),
            ResumeToken = token,
        },
    };

    private static WatchUpdatesResponse Notice(string id, string token) => new()
    {
        Update = new Update { EventId = $"notice/{id}", Notice = new PlatformNotice { Kind = PlatformNotice.Types.Kind.CallbacksPaused }, ResumeToken = token },
    };

    private static WatchUpdatesResponse Heartbeat(string token) => new() { Heartbeat = new Heartbeat { ResumeToken = token } };

    private static RpcException Unavailable() => new(new Grpc.Core.Status(StatusCode.Unavailable, "gateway stopping"));

    private static RpcException OutOfRange() => new Google.Rpc.Status
    {
        Code = (int)Code.OutOfRange,
        Message = "expired",
        Details = { Any.Pack(new ErrorInfo { Reason = "RESUME_TOKEN_EXPIRED", Domain = "exchange.court.cn" }) },
    }.ToRpcException();

    /// <summary>One stream: its frames, then this error (null: the stream just ends).</summary>
    private sealed record Script(IReadOnlyList<WatchUpdatesResponse> Frames, RpcException? End);

    /// <summary>Answers each WatchUpdates call with the next script and records its request.</summary>
    private sealed class ScriptedStreams(params Script[] scripts) : CallInvoker
    {
        private int _next;

        public List<WatchUpdatesRequest> Requests { get; } = [];

        public List<string> Methods { get; } = [];

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
            Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            Requests.Add((WatchUpdatesRequest)(object)request!);
            Methods.Add(method.FullName);
            var script = _next < scripts.Length ? scripts[_next++] : throw new InvalidOperationException("no more scripted streams");
            return new AsyncServerStreamingCall<TResponse>(
                new Reader<TResponse>(script),
                Task.FromResult(new Metadata()),
                () => Grpc.Core.Status.DefaultSuccess,
                () => [],
                () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();

        private sealed class Reader<T>(Script script) : IAsyncStreamReader<T>
        {
            private int _index = -1;

            public T Current => (T)(object)script.Frames[_index];

            public Task<bool> MoveNext(CancellationToken cancellationToken)
            {
                if (++_index < script.Frames.Count)
                {
                    return Task.FromResult(true);
                }

                return script.End is { } end ? Task.FromException<bool>(end) : Task.FromResult(false);
            }
        }
    }
}
