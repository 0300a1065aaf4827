using System.Diagnostics;
using System.Diagnostics.Metrics;
using Exchange.Abstractions.Telemetry;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Exchange.Gateway.Telemetry;

/// <summary>
/// Counts every gRPC call by method, status code and ErrorInfo reason, and times it — outermost of
/// the gateway's interceptors, so it sees the status the caller gets (after error mapping and
/// authentication). Labels name methods, codes and reasons only: never a caller or an application.
/// </summary>
public sealed class RpcMetricsInterceptor : Interceptor
{
    private readonly Counter<long> calls;
    private readonly Histogram<double> duration;

    public RpcMetricsInterceptor(IMeterFactory meters)
    {
        var meter = meters.Create(ExchangeTelemetry.MeterName);
        calls = meter.CreateCounter<long>("exchange.rpc.calls", "{call}", "gRPC calls answered, by method, status code and error reason");
        duration = meter.CreateHistogram<double>(
            "exchange.rpc.duration", "s", "Time to answer a gRPC call (a stream: until it ended)", tags: null, advice: DurationBuckets.Seconds);
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await continuation(request, context);
            Record(context.Method, StatusCode.OK, null, started);
            return response;
        }
        catch (RpcException ex)
        {
            Record(context.Method, ex.StatusCode, ReasonOf(ex), started);
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await continuation(request, responseStream, context);
            Record(context.Method, StatusCode.OK, null, started);
        }
        catch (RpcException ex)
        {
            Record(context.Method, ex.StatusCode, ReasonOf(ex), started);
            throw;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await continuation(requestStream, context);
            Record(context.Method, StatusCode.OK, null, started);
            return response;
        }
        catch (RpcException ex)
        {
            Record(context.Method, ex.StatusCode, ReasonOf(ex), started);
            throw;
        }
    }

    private static string? ReasonOf(RpcException ex)
    {
        try
        {
            return ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private void Record(string method, StatusCode code, string? reason, long started)
    {
        // The method is the route ("/exchange.v1.FilingService/SubmitApplication"): a closed set.
        var codeName = code.ToString();
        calls.Add(1, new("rpc.method", method), new("rpc.grpc.status_code", codeName), new("exchange.error_reason", reason ?? ""));
        duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new("rpc.method", method), new("rpc.grpc.status_code", codeName));
    }
}
