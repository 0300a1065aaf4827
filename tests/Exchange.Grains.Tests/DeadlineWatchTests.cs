using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Grains.Tests.Infrastructure;
using Exchange.IntegrationTests.Infrastructure;

namespace Exchange.Grains.Tests;

/// <summary>A cluster whose deadline watcher ticks every second, on a clock the test moves.</summary>
public sealed class DeadlineCluster : GrainCluster
{
    protected override TimeSpan DeadlineCheckPeriod => TimeSpan.FromSeconds(1);
}

/// <summary>The deadline watcher's reminder, as the silo registers it at start, flagging a deadline that closed.</summary>
public sealed class DeadlineWatchTests(DeadlineCluster hub) : IClassFixture<DeadlineCluster>
{
    /// <summary>
    /// A filed application is deactivated (its next activation reads it from storage) and the hub's
    /// clock passes its first deadline: the reminder's ticks (nobody calls the watcher) flag that
    /// deadline OVERDUE; further ticks and checks at once add nothing: one event per deadline.
    /// </summary>
    [DatabaseFact]
    public async Task ADeadlineClosing_IsFlaggedOnceByTheReminder_OnADeactivatedApplication()
    {
        var grain = await hub.FileAsync();
        var deadline = (await grain.GetAsync(Drafts.Filer))!.Deadlines[0].Deadline;
        await hub.Cluster.DeactivateAsync(grain);

        hub.ShiftClock(deadline.ClosesAt - DateTimeOffset.UtcNow + TimeSpan.FromHours(1));
        try
        {
            var flagged = await Probe.UntilAsync(
                async () => (await grain.GetAsync(Drafts.Filer))!.Deadlines.FirstOrDefault(d => d.Deadline.Kind == deadline.Kind)?.OverdueFlaggedAt,
                at => at is not null,
                TimeSpan.FromSeconds(30));
            Assert.True(flagged >= deadline.ClosesAt, $"flagged at {flagged:O}, before the deadline closed at {deadline.ClosesAt:O}");

            await Task.WhenAll(grain.CheckDeadlinesAsync(), grain.CheckDeadlinesAsync(), hub.Grains.GetGrain<IDeadlineWatchGrain>(0).CheckNowAsync());
        }
        finally
        {
            hub.ShiftClock(TimeSpan.Zero);
        }

        var overdue = (await hub.Database.HistoryAsync(grain)).Where(e => e.Kind == ProtoNames.Of(HistoryEventKind.Overdue)).ToList();
        Assert.Single(overdue);
    }
}
