using System.Globalization;
using System.Text.RegularExpressions;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests;

/// <summary>
/// An application whose deadline check keeps failing: the watcher tries it again after a growing
/// delay instead of on every tick, the others are flagged meanwhile, and the silo reports it stuck.
/// </summary>
public sealed partial class StuckDeadlineTests(DeadlineHubFixture hub) : IClassFixture<DeadlineHubFixture>
{
    private CourtService.CourtServiceClient Courts => new(hub.Channel);

    private CallOptions AsCourt => HubFixture.As(hub.CourtKey);

    [DatabaseFact]
    public async Task ACheckThatKeepsFailing_BacksOff_IsReportedStuck_AndHoldsNoOtherBack()
    {
        var broken = (await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("stuck-" + Guid.NewGuid().ToString("N")[..8]), hub.AsPlatformA)).ApplicationId;
        var healthy = (await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("unstuck-" + Guid.NewGuid().ToString("N")[..8]), hub.AsPlatformA)).ApplicationId;
        var acceptance = (await Courts.GetApplicationAsync(new GetApplicationRequest { ApplicationId = broken }, AsCourt)).Deadlines.Single();
        // A stored state its grain cannot read, under a version its active grain does not hold:
        // the first check's write fails, and every check after it fails to read.
        Assert.Equal(2, await hub.Database.ScalarAsync(
            """
            WITH e AS (INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, status_after, previous_sha256, event_sha256)
                       SELECT application_id, 2, occurred_at, kind, actor_kind, actor_id, status_after, event_sha256, sha256(event_sha256)
                       FROM exchange_events WHERE application_id = $1::uuid AND seq = 1)
            UPDATE exchange_applications SET state = convert_to('{"broken":', 'UTF8'), version = version + 1 WHERE application_id = $1::uuid RETURNING version
            """, broken));

        hub.SetNow(acceptance.CloseTime.ToDateTimeOffset().AddHours(1));

        var history = await Probe.UntilAsync(
            () => Courts.GetHistoryAsync(new GetHistoryRequest { ApplicationId = healthy }, AsCourt).ResponseAsync,
            h => h.Events.Any(e => e.EventKind == HistoryEvent.Types.EventKind.Overdue), TimeSpan.FromSeconds(60));
        Assert.Contains(history.Events, e => e.EventKind == HistoryEvent.Types.EventKind.Overdue);
        List<DateTimeOffset> retries;
        try
        {
            retries = await Probe.UntilAsync(() => Task.FromResult(RetriesOf(broken)), r => r.Count >= 3, TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nsilo output:\n{hub.Silo.Output}", ex);
        }

        Assert.Contains("Deadline watch: 1 application(s) stuck", hub.Silo.Output, StringComparison.Ordinal);
        // The check period is 2 s: without back-off each failure would be retried one tick later.
        // With it the waits are 2, 4, 8 s, so the third retry is at least 8 s after the second.
        Assert.True(retries[2] - retries[1] >= TimeSpan.FromSeconds(8) - TimeSpan.FromMilliseconds(1),
            $"retries at {string.Join(", ", retries.Select(r => r.ToString("O", CultureInfo.InvariantCulture)))}");
    }

    /// <summary>When the silo said it would try <paramref name="applicationId"/> again, in order.</summary>
    private List<DateTimeOffset> RetriesOf(string applicationId) =>
        [.. RetryLine().Matches(hub.Silo.Output)
            .Where(m => m.Groups["id"].Value == applicationId)
            .Select(m => DateTimeOffset.Parse(m.Groups["at"].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"Deadline check of application (?<id>[0-9a-f-]{36}) failed; tried again at (?<at>\S+)")]
    private static partial Regex RetryLine();
}
