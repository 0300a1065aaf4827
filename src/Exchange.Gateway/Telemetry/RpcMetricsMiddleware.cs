using System.Diagnostics;
using System.Diagnostics.Metrics;
using Exchange.Abstractions.Telemetry;
using Google.Rpc;
using Microsoft.AspNetCore.Http.Features;

namespace Exchange.Gateway.Telemetry;

/// <summary>
/// Counts every gRPC call by method, status code and ErrorInfo reason, and times it. A middleware,
/// first in the pipeline, not an interceptor: calls refused before any interceptor runs (no or an
/// unknown key, a rate limit, a body that does not parse) are what an operator most needs to see.
/// It reads the status the caller got from the response (headers of a trailers-only answer, else
/// trailers). Labels name methods, codes and reasons only: never a caller or an application.
/// </summary>
public sealed class RpcMetricsMiddleware
{
    private readonly RequestDelegate next;
    private readonly Counter<long> calls;
    private readonly Histogram<double> duration;

    public RpcMetricsMiddleware(RequestDelegate next, IMeterFactory meters)
    {
        this.next = next;
        var meter = meters.Create(ExchangeTelemetry.MeterName);
        calls = meter.CreateCounter<long>("exchange.rpc.calls", "{call}", "gRPC calls answered, by method, status code and error reason");
        duration = meter.CreateHistogram<double>(
            "exchange.rpc.duration", "s", "Time to answer a gRPC call (a stream: until it ended)", tags: null, advice: DurationBuckets.Seconds);
    }

    public async Task InvokeAsync(HttpContext http)
    {
        if (!(http.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) ?? false))
        {
            await next(http);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var (code, reason) = StatusOf(http);
            // Only the exchange.v1 services' routes (and health, reflection): a closed set of labels.
            var method = http.GetEndpoint() is null ? "(unknown method)" : http.Request.Path.Value ?? "";
            calls.Add(1, new("rpc.method", method), new("rpc.grpc.status_code", code), new("exchange.error_reason", reason));
            duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new("rpc.method", method), new("rpc.grpc.status_code", code));
        }
    }

    private static (string Code, string Reason) StatusOf(HttpContext http)
    {
        var trailers = http.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        var status = First(trailers, "grpc-status") ?? First(http.Response.Headers, "grpc-status");
        var details = First(trailers, "grpc-status-details-bin") ?? First(http.Response.Headers, "grpc-status-details-bin");
        var code = int.TryParse(status, out var number) ? ((Grpc.Core.StatusCode)number).ToString() : http.RequestAborted.IsCancellationRequested ? "Cancelled" : "Unknown";
        var reason = "";
        if (details is { Length: > 0 })
        {
            try
            {
                var padded = details.Length % 4 == 0 ? details : details + new string('=', 4 - (details.Length % 4));
                var rpcStatus = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(padded));
                reason = rpcStatus.Details.FirstOrDefault(d => d.Is(ErrorInfo.Descriptor))?.Unpack<ErrorInfo>().Reason ?? "";
            }
            catch (Exception ex) when (ex is FormatException or Google.Protobuf.InvalidProtocolBufferException)
            {
                reason = "";
            }
        }

        return (code, reason);
    }

    private static string? First(IHeaderDictionary? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}
