using System.Collections.Concurrent;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Xunit;

namespace Exchange.IntegrationTests;

/// <summary>A hub of its own, because its test kills the silo in the middle of the writer's batches; the silo serves its metrics.</summary>
public sealed class GroupCommitHubFixture : HubFixture
{
    public int SiloMetricsPort { get; } = HubProcess.FreePort();

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment => new Dictionary<string, string>
    {
        ["Exchange__SiloMetricsPort"] = SiloMetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The group-commit writer's flushes so far and the rows they wrote (its rows-per-flush histogram).</summary>
    public async Task<(double Flushes, double Rows)> FlushesAsync()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync($"http://127.0.0.1:{SiloMetricsPort}/metrics");
        double Read(string suffix) => text.Split('\n')
            .Where(l => l.StartsWith("exchange_submissions_rows_per_flush", StringComparison.Ordinal) && l.Split(' ')[0].Split('{')[0].EndsWith(suffix, StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture))
            .Sum();
        return (Read("_count"), Read("_sum"));
    }
}

/// <summary>
/// The group-commit writer (issue 12): a silo killed while batches of first writes are in flight
/// loses no acknowledged submission, stores none twice, and leaves none half-stored.
/// </summary>
public sealed class GroupCommitDurabilityTests(GroupCommitHubFixture hub) : IClassFixture<GroupCommitHubFixture>
{
    [DatabaseFact]
    public async Task ASiloKilledWhileBatchesAreInFlight_EveryAcknowledgedSubmissionIsStoredOnce_AndNoneHalfStored()
    {
        var acknowledged = new ConcurrentDictionary<string, Receipt>();
        var unanswered = new ConcurrentDictionary<string, SubmitApplicationRequest>();
        var requests = new ConcurrentDictionary<string, SubmitApplicationRequest>();
        var next = -1;
        using var stop = new CancellationTokenSource();
        using var killAt = new SemaphoreSlim(0);

        // 48 callers submit without pause, so that the writer's batches hold many rows each, until
        // the silo is gone; 150 acknowledgements in, it is killed mid-stream.
        var callers = Enumerable.Range(0, 48).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                var caseId = $"inflight-{i:D5}";
                var request = i % 2 == 0 ? Requests.JudicialConfirmation(caseId) : Requests.MediationDocument(caseId);
                requests[caseId] = request;
                try
                {
                    acknowledged[caseId] = await hub.Filing.SubmitApplicationAsync(request, HubFixture.As(hub.PlatformAKey, TimeSpan.FromSeconds(20)));
                    if (acknowledged.Count == 150)
                    {
                        killAt.Release();
                    }
                }
                catch (RpcException)
                {
                    // In flight when the silo died (or refused while it was gone): committed or not, unknown.
                    unanswered[caseId] = request;
                    await Task.Delay(50);
                }
            }
        })).ToList();

        Assert.True(await killAt.WaitAsync(TimeSpan.FromSeconds(120)), "150 submissions were not acknowledged within 2 minutes");
        // The writer grouped them: fewer flushes than rows (at 48 callers, several rows a flush).
        var (flushes, rows) = await hub.FlushesAsync();
        Assert.True(rows >= 150 && flushes < rows / 2, $"{rows} rows in {flushes} flushes");
        await hub.Silo.KillAsync();
        // The callers keep going for a moment against the dead silo, then stop.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(callers);
        Assert.NotEmpty(unanswered);

        // Right after the kill, before any silo runs again: no application without its first event,
        // no event without its application (nothing half-stored), and every acknowledged one is there.
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
        foreach (var receipt in acknowledged.Values)
        {
            Assert.Equal(1, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_applications WHERE application_id = $1::uuid", receipt.ApplicationId));
        }

        await hub.StartSiloAsync();
        await Probe.UntilAsync(
            () => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = acknowledged.Values.First().ApplicationId },
                HubFixture.As(hub.PlatformAKey, TimeSpan.FromSeconds(5))).ResponseAsync,
            _ => true, TimeSpan.FromSeconds(90));

        // Every acknowledged submission answers with its receipt when filed again; every unanswered
        // one is either stored whole (the retry gets its receipt) or not at all (the retry files it).
        foreach (var (caseId, receipt) in acknowledged)
        {
            Assert.Equal(receipt, await hub.Filing.SubmitApplicationAsync(requests[caseId], hub.AsPlatformA));
        }

        foreach (var (caseId, request) in unanswered.Where(u => !acknowledged.ContainsKey(u.Key)))
        {
            var retried = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);
            Assert.Equal(caseId, retried.PlatformCaseId);
        }

        // One application per filing tried, each with exactly its one event.
        var filings = acknowledged.Keys.Union(unanswered.Keys).Count();
        Assert.Equal(filings, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_applications"));
        Assert.Equal(filings, await hub.Database.ScalarAsync("SELECT count(DISTINCT platform_case_id) FROM exchange_applications"));
        Assert.Equal(filings, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_events"));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }
}
