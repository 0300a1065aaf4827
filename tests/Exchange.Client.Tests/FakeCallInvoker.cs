using Grpc.Core;

namespace Exchange.Client.Tests;

/// <summary>
/// A CallInvoker that answers unary calls from a script instead of a server, and records every
/// call it saw (method, request object, options), so tests can check what was sent and how often.
/// </summary>
internal sealed class FakeCallInvoker(Func<FakeCallInvoker.Call, Task<object>> respond) : CallInvoker
{
    public sealed record Call(string Method, object Request, CallOptions Options);

    private readonly List<Call> _calls = [];

    public IReadOnlyList<Call> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Fails the first <paramref name="failures"/> calls with <paramref name="code"/>, then answers <paramref name="response"/>.</summary>
    public static FakeCallInvoker FailingThen(int failures, StatusCode code, object response)
    {
        var count = 0;
        return new FakeCallInvoker(_ => Interlocked.Increment(ref count) <= failures
            ? Task.FromException<object>(new RpcException(new Status(code, $"scripted {code}")))
            : Task.FromResult(response));
    }

    /// <summary>What the script answers <paramref name="call"/>, without recording it: lets one fake delegate to another.</summary>
    public Task<object> Answer(Call call) => respond(call);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = new Call(method.FullName, request, options);
        lock (_calls)
        {
            _calls.Add(call);
        }

        var response = Respond<TResponse>(call);
        return new AsyncUnaryCall<TResponse>(
            response,
            Task.FromResult(new Metadata()),
            () => response.IsCompletedSuccessfully ? Status.DefaultSuccess : new Status(StatusCode.Unknown, ""),
            () => [],
            () => { });
    }

    private async Task<TResponse> Respond<TResponse>(Call call)
    {
        call.Options.CancellationToken.ThrowIfCancellationRequested();
        return (TResponse)await respond(call);
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException();
}
