using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Exchange.Abstractions.Telemetry;

/// <summary>
/// Metrics and traces of a hub process (OpenTelemetry), the same for the silo, the gateway and
/// the co-hosted process. Instruments and spans carry no personal data: labels are method names,
/// status codes and error reasons, never a party's name, an id number or a key.
/// Settings (section Exchange:Telemetry): OtlpEndpoint (exports metrics and traces over OTLP when
/// set), TraceFile (writes every span as a JSON line to that file when set: for tests and for
/// looking at one trace without a collector). Prometheus scraping is added by the hosts.
/// </summary>
public static class ExchangeTelemetry
{
    /// <summary>The meter of the hub's own instruments (also used by the deadline watcher and the gateway).</summary>
    public const string MeterName = "Exchange";

    /// <summary>The meter of the change feed's relay.</summary>
    public const string FeedMeterName = "Exchange.Feed";

    /// <summary>Orleans' meter and activity sources.</summary>
    public static readonly string[] OrleansMeters = ["Microsoft.Orleans"];

    /// <summary>Calls of the hub's own grains; "Microsoft.Orleans.Runtime" (membership, timers) is left out: housekeeping, not requests.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application"];

    /// <summary>Adds OpenTelemetry to a hub process; <paramref name="metrics"/> and <paramref name="traces"/> add what only that host has.</summary>
    public static IHostApplicationBuilder AddExchangeTelemetry(
        this IHostApplicationBuilder builder, string serviceName, Action<MeterProviderBuilder>? metrics = null, Action<TracerProviderBuilder>? traces = null)
    {
        var section = builder.Configuration.GetSection("Exchange:Telemetry");
        var otlp = section["OtlpEndpoint"];
        var traceFile = section["TraceFile"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m =>
            {
                m.AddMeter(MeterName, FeedMeterName, "Npgsql")
                    .AddMeter(OrleansMeters)
                    .AddRuntimeInstrumentation();
                metrics?.Invoke(m);
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            })
            .WithTracing(t =>
            {
                // A span with no parent that calls out (the feed relay's and the deadline watcher's
                // polls) is background work, not a request: not sampled, or it drowns the traces.
                t.SetSampler(new ParentBasedSampler(new RequestRootSampler()));
                t.AddSource(OrleansSources).AddNpgsql();
                traces?.Invoke(t);
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    t.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }

                if (!string.IsNullOrWhiteSpace(traceFile))
                {
                    t.AddProcessor(new SimpleActivityExportProcessor(new JsonLinesSpanExporter(traceFile)));
                }
            });
        return builder;
    }
}

/// <summary>Samples every root span but those of outgoing calls (a query or grain call that no request started).</summary>
public sealed class RequestRootSampler : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Kind == ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
}

/// <summary>Bucket boundaries, in seconds, for the hub's duration histograms: 1 ms to a minute.</summary>
public static class DurationBuckets
{
    public static readonly System.Diagnostics.Metrics.InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };
}

/// <summary>Writes each finished span as one JSON line (trace id, span id, parent, name, source, start, duration, status, tags).</summary>
public sealed class JsonLinesSpanExporter(string path) : BaseExporter<Activity>
{
    private readonly Lock gate = new();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        var lines = new List<string>();
        foreach (var activity in batch)
        {
            lines.Add(System.Text.Json.JsonSerializer.Serialize(new
            {
                trace_id = activity.TraceId.ToHexString(),
                span_id = activity.SpanId.ToHexString(),
                parent_id = activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
                name = activity.DisplayName,
                source = activity.Source.Name,
                kind = activity.Kind.ToString(),
                start = activity.StartTimeUtc,
                duration_ms = activity.Duration.TotalMilliseconds,
                status = activity.Status.ToString(),
                tags = activity.TagObjects.ToDictionary(t => t.Key, t => t.Value?.ToString()),
            }));
        }

        lock (gate)
        {
            File.AppendAllLines(path, lines);
        }

        return ExportResult.Success;
    }
}
