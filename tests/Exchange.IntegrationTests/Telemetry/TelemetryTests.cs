using System.Text.Json;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.Telemetry;

/// <summary>A hub whose gateway serves Prometheus metrics and whose processes write their spans to files.</summary>
public sealed class TelemetryHubFixture : HubFixture
{
    public int MetricsPort { get; } = HubProcess.FreePort();

    public string SpanFolder { get; } = Directory.CreateTempSubdirectory("exchange-spans-").FullName;

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment => new Dictionary<string, string>
    {
        ["Exchange__MetricsPort"] = MetricsPort.ToString(),
        // Silo and gateway each write their own file (one process's spans per file).
        ["Exchange__Telemetry__TraceFile"] = Path.Combine(SpanFolder, Guid.NewGuid().ToString("N") + ".jsonl"),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(SpanFolder, recursive: true);
    }
}

/// <summary>
/// An operator sees calls by outcome and reason on the gateway's Prometheus endpoint (refused
/// ones too), and one
/// trace follows a submission from the gRPC call through the grain to its SQL.
/// </summary>
public sealed class TelemetryTests(TelemetryHubFixture hub) : IClassFixture<TelemetryHubFixture>
{
    [DatabaseFact]
    public async Task TheMetricsEndpoint_CountsCalls_ByMethodStatusAndReason()
    {
        await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("metrics-" + Guid.NewGuid().ToString("N")[..8]), hub.AsPlatformA);
        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = Guid.NewGuid().ToString() }, hub.AsPlatformA));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        // Refused before any interceptor runs (authentication precedes the body): counted all the same.
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest(), HubFixture.As("not-a-key")));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        using var http = new HttpClient();
        var text = await http.GetStringAsync($"http://127.0.0.1:{hub.MetricsPort}/metrics");

        Assert.Matches(Line("/exchange.v1.FilingService/SubmitApplication", "OK", ""), text);
        Assert.Matches(Line("/exchange.v1.FilingService/GetApplication", "NotFound", "NOT_FOUND"), text);
        Assert.Matches(Line("/exchange.v1.FilingService/ListApplications", "Unauthenticated", "UNAUTHENTICATED"), text);
        // No personal data in labels: not the platform, not a key.
        Assert.DoesNotContain(HubFixture.PlatformA, text);
        Assert.DoesNotContain(hub.PlatformAKey[..12], text);
    }

    [DatabaseFact]
    public async Task ASubmission_IsOneTrace_FromTheGrpcCall_ThroughTheGrain_ToItsSql()
    {
        await hub.Filing.SubmitApplicationAsync(Requests.MediationDocument("trace-" + Guid.NewGuid().ToString("N")[..8]), hub.AsPlatformA);

        var spans = await WaitForAsync(s => s.Any(x => x.Name.Contains("IApplicationGrain/SubmitAsync") && x.Source == "Microsoft.Orleans.Application"));
        var call = spans.Single(s => s.Name == "POST /exchange.v1.FilingService/SubmitApplication" && s.TraceId == spans.First(x => x.Name.Contains("IApplicationGrain/SubmitAsync")).TraceId);
        var trace = spans.Where(s => s.TraceId == call.TraceId).ToList();
        var byId = trace.ToDictionary(s => s.SpanId);

        // The write's SQL hangs, through the grain's spans, from the gRPC call (the gateway's own
        // queries, e.g. the key lookup, hang from the call directly); every span of the trace has
        // the call as its root.
        var sql = trace.Where(s => s.Source == "Npgsql").ToList();
        Assert.Contains(sql, s => Ancestors(s, byId).Any(a => a.Source == "Microsoft.Orleans.Application"));
        Assert.All(trace.Where(s => s != call), s => Assert.Equal(call.SpanId, Ancestors(s, byId)[^1].SpanId));
    }

    private static List<Span> Ancestors(Span span, Dictionary<string, Span> byId)
    {
        var ancestors = new List<Span>();
        for (var at = span; at.ParentId is { } parent && byId.TryGetValue(parent, out var up); at = up)
        {
            ancestors.Add(up);
        }

        return ancestors;
    }

    private static string Line(string method, string code, string reason) =>
        "exchange_rpc_calls_total\\{[^}]*exchange_error_reason=\"" + reason + "\"[^}]*rpc_grpc_status_code=\"" + code + "\"[^}]*rpc_method=\"" + method + "\"[^}]*\\} [1-9]";

    private async Task<List<Span>> WaitForAsync(Func<List<Span>, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var spans = Directory.GetFiles(hub.SpanFolder, "*.jsonl")
                .SelectMany(f => File.ReadAllLines(f))
                .Select(l => JsonSerializer.Deserialize<Span>(l)!)
                .ToList();
            if (done(spans) || DateTime.UtcNow > until)
            {
                return spans;
            }

            await Task.Delay(200);
        }
    }

    private sealed record Span(
        [property: System.Text.Json.Serialization.JsonPropertyName("trace_id")] string TraceId,
        [property: System.Text.Json.Serialization.JsonPropertyName("span_id")] string SpanId,
        [property: System.Text.Json.Serialization.JsonPropertyName("parent_id")] string? ParentId,
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("source")] string Source);
}
