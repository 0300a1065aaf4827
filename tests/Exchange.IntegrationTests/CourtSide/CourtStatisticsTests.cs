using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Exchange.IntegrationTests.CourtSide;

/// <summary>
/// GetCourtStatistics against what the test itself filed with court 新0104, which no other test of
/// the collection files with: counts by type, status and month, and the durations.
/// </summary>
[Collection(CourtCollection.Name)]
public sealed class CourtStatisticsTests(CourtHubFixture hub)
{
    private CourtFlow Flow => new(hub.Channel, hub.PlatformBKey, hub.StatisticsCourtKey, CourtHubFixture.StatisticsCourt);

    private static readonly (ApplicationType Type, ApplicationStatus Status, int Count)[] Plan =
    [
        (ApplicationType.JudicialConfirmation, ApplicationStatus.Received, 2),
        (ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted, 2),
        (ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview, 1),
        (ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed, 2),
        (ApplicationType.JudicialConfirmation, ApplicationStatus.NotAccepted, 1),
        (ApplicationType.JudicialConfirmation, ApplicationStatus.Withdrawn, 1),
        (ApplicationType.MediationDocument, ApplicationStatus.Received, 2),
        (ApplicationType.MediationDocument, ApplicationStatus.CorrectionRequested, 1),
        (ApplicationType.MediationDocument, ApplicationStatus.CaseRegistered, 1),
        (ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued, 1),
    ];

    private static (double Mean, double P90, double P50) Summarise(IReadOnlyList<double> days)
    {
        var sorted = days.Order().ToArray();
        return (sorted.Average(), Percentile(0.9), Percentile(0.5));

        // Continuous (interpolated between the two nearest ranks), as PostgreSQL's percentile_cont.
        double Percentile(double fraction)
        {
            var rank = fraction * (sorted.Length - 1);
            var low = (int)Math.Floor(rank);
            var high = (int)Math.Ceiling(rank);
            return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
        }
    }

    private static double Days(Timestamp from, Timestamp to) => (to.ToDateTimeOffset() - from.ToDateTimeOffset()).TotalSeconds / 86_400;

    [DatabaseFact]
    public async Task GetCourtStatistics_CountsAndDurations_MatchWhatWasFiledAndDone()
    {
        var flow = Flow;
        var apps = new List<Application>();
        foreach (var (type, status, count) in Plan)
        {
            for (var i = 0; i < count; i++)
            {
                var walked = await flow.WalkAsync(type, status);
                apps.Add(await flow.GetAsync(walked.Receipt.ApplicationId));
            }
        }

        var stats = await hub.Courts.GetCourtStatisticsAsync(new GetCourtStatisticsRequest(), HubFixture.As(hub.StatisticsCourtKey));

        Assert.Equal(CourtHubFixture.StatisticsCourt, stats.CourtCode);
        var expected = apps
            .GroupBy(a => (a.Receipt.Type, a.Status, Month: ArticleEightyFive.CstDate(a.Receipt.ReceivedTime).ToString("yyyy-MM")))
            .Select(g => new StatusCount { Type = g.Key.Type, Status = g.Key.Status, Month = g.Key.Month, Count = g.Count() })
            .OrderBy(c => c.Month, StringComparer.Ordinal).ThenBy(c => (int)c.Type).ThenBy(c => (int)c.Status)
            .ToList();
        Assert.Equal(expected.Select(c => c.ToString()).Order(), stats.Counts.Select(c => c.ToString()).Order());

        // Sorted by month, then type and status in the order of their enum numbers (court.proto).
        Assert.Equal(expected, stats.Counts);
        Assert.Equal(apps.Count, stats.Total);
        Assert.Equal(stats.Counts.Sum(c => c.Count), stats.Total);

        Assert.Equal([ApplicationType.JudicialConfirmation, ApplicationType.MediationDocument], stats.Durations.Select(d => d.Type).Order());
        foreach (var durations in stats.Durations)
        {
            var ofType = apps.Where(a => a.Receipt.Type == durations.Type).ToList();
            var toAcceptance = ofType.Where(a => a.AcceptanceTime is not null).Select(a => Days(a.Receipt.ReceivedTime, a.AcceptanceTime)).ToList();
            var toRuling = ofType.Where(a => a.AcceptanceTime is not null && a.RulingTime is not null).Select(a => Days(a.AcceptanceTime, a.RulingTime)).ToList();

            Assert.Equal(toAcceptance.Count, durations.ReceiptToAcceptance.Count);
            Assert.Equal(durations.Type == ApplicationType.JudicialConfirmation ? 5 : 2, durations.ReceiptToAcceptance.Count);
            Assert.True(durations.ReceiptToAcceptance.MeanDays >= 0);
            var (mean, p90, p50) = Summarise(toAcceptance);
            Assert.Equal(mean, durations.ReceiptToAcceptance.MeanDays, 1e-6);
            Assert.Equal(p90, durations.ReceiptToAcceptance.P90Days, 1e-6);
            // Walked in milliseconds: the durations are about 1e-6 days, so the median is compared to 1e-9 days (86 µs).
            Assert.True(p50 > 0);
            Assert.Equal(p50, durations.ReceiptToAcceptance.P50Days, 1e-9);

            Assert.Equal(toRuling.Count, durations.AcceptanceToRuling.Count);
            Assert.Equal(durations.Type == ApplicationType.JudicialConfirmation ? 2 : 1, durations.AcceptanceToRuling.Count);
            (mean, p90, p50) = Summarise(toRuling);
            Assert.Equal(mean, durations.AcceptanceToRuling.MeanDays, 1e-6);
            Assert.Equal(p90, durations.AcceptanceToRuling.P90Days, 1e-6);
            Assert.Equal(p50, durations.AcceptanceToRuling.P50Days, 1e-9);
        }

        // The receipt range: everything from the first filing on, nothing before it or in the future.
        var firstReceived = apps.Min(a => a.Receipt.ReceivedTime.ToDateTimeOffset());
        var fromFirst = await hub.Courts.GetCourtStatisticsAsync(new GetCourtStatisticsRequest { ReceivedAfter = Timestamp.FromDateTimeOffset(firstReceived) }, HubFixture.As(hub.StatisticsCourtKey));
        var beforeFirst = await hub.Courts.GetCourtStatisticsAsync(new GetCourtStatisticsRequest { ReceivedBefore = Timestamp.FromDateTimeOffset(firstReceived) }, HubFixture.As(hub.StatisticsCourtKey));
        var future = await hub.Courts.GetCourtStatisticsAsync(new GetCourtStatisticsRequest { ReceivedAfter = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(5)) }, HubFixture.As(hub.StatisticsCourtKey));
        var lastReceived = apps.Max(a => a.Receipt.ReceivedTime.ToDateTimeOffset());
        var allButLast = await hub.Courts.GetCourtStatisticsAsync(new GetCourtStatisticsRequest { ReceivedBefore = Timestamp.FromDateTimeOffset(lastReceived) }, HubFixture.As(hub.StatisticsCourtKey));

        Assert.Equal(apps.Count, fromFirst.Total);
        Assert.Equal(0, beforeFirst.Total);
        Assert.Empty(beforeFirst.Counts);
        Assert.Equal(0, future.Total);
        Assert.Empty(future.Counts);
        Assert.Equal(apps.Count - 1, allButLast.Total);
    }

    [DatabaseFact]
    public async Task GetCourtStatistics_AfterNotBeforeBefore_IsInvalidArgument()
    {
        var now = DateTimeOffset.UtcNow;
        var request = new GetCourtStatisticsRequest { ReceivedAfter = Timestamp.FromDateTimeOffset(now), ReceivedBefore = Timestamp.FromDateTimeOffset(now) };

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => hub.Courts.GetCourtStatisticsAsync(request, hub.AsCourt).ResponseAsync);

        Assert.Contains("received_after", status.ViolatedFields());
    }
}
