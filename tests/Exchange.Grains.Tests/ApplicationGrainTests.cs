using System.Text.Json;
using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Grains.Tests.Infrastructure;
using Exchange.IntegrationTests.Infrastructure;
using Npgsql;

namespace Exchange.Grains.Tests;

/// <summary>An application grain's edge cases that processes cannot stage on cue: its activation ending, calls racing in it.</summary>
public sealed class ApplicationGrainTests(GrainCluster hub) : IClassFixture<GrainCluster>
{
    [DatabaseFact]
    public async Task AnApplicationDeactivatedAndReactivated_KeepsItsStateAndHistory_AndItsNextActContinuesTheHistory()
    {
        var grain = await hub.FileAsync();
        Assert.Equal(CommandResultKind.Done, (await grain.ActAsync(Drafts.Court, Drafts.Accept())).Kind);
        // Answered from the activation's memory (an acceptance is read back for its case number; this is not).
        Assert.Equal(CommandResultKind.Done, (await grain.ActAsync(Drafts.Filer, new ActRequest { Act = Act.RequestWithdrawal })).Kind);
        var before = await grain.GetAsync(Drafts.Court);
        var history = await hub.Database.HistoryAsync(grain);

        await hub.Cluster.DeactivateAsync(grain);
        Assert.False(hub.Cluster.TryGetGrainContext(grain.GetGrainId(), out _), "the application is still active");

        var after = await grain.GetAsync(Drafts.Court);
        Assert.NotNull(before?.CaseNumber);
        Assert.NotNull(before.WithdrawalRequestedAt);
        Assert.Equal(Json(before), Json(after));
        Assert.Equal(history, await hub.Database.HistoryAsync(grain));

        var review = await grain.ActAsync(Drafts.Court, new ActRequest { Act = Act.StartReview });
        Assert.Equal(CommandResultKind.Done, review.Kind);
        Assert.Equal(before!.Version + 1, review.Application!.Version);
        Assert.Equal([.. history, (4, ProtoNames.Of(HistoryEventKind.ReviewStarted), nameof(ApplicationStatus.UnderReview))], await hub.Database.HistoryAsync(grain));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }

    /// <summary>
    /// Accept and RefuseAcceptance at once, on applications that have just been filed (their
    /// activations hold no draft, so both calls wait on storage before they decide): one act is
    /// done, the other refused as TRANSITION_NOT_ALLOWED from the winner's status, and the history
    /// holds the winner's event alone.
    /// </summary>
    [DatabaseFact]
    public async Task TwoActsAtOnceOnOneApplication_ExactlyOneIsDone_TheOtherIsRefusedAndRecordsNothing()
    {
        for (var round = 0; round < 5; round++)
        {
            var grain = await hub.FileAsync();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var acts = new[] { Drafts.Accept(), Drafts.RefuseAcceptance() }.Select(async act =>
            {
                await start.Task;
                return await grain.ActAsync(Drafts.Court, act);
            }).ToList();
            start.SetResult();
            var outcomes = await Task.WhenAll(acts);

            var done = Assert.Single(outcomes, o => o.Kind == CommandResultKind.Done);
            var refused = Assert.Single(outcomes, o => o.Kind == CommandResultKind.Refused);
            Assert.Equal("TRANSITION_NOT_ALLOWED", refused.Refusal!.Reason);
            Assert.Equal(done.Application!.Status, refused.Application!.Status);
            var history = await hub.Database.HistoryAsync(grain);
            Assert.Equal(2, history.Count);
            Assert.Equal(done.Application.Status.ToString(), history[1].Status);
        }

        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }

    /// <summary>
    /// The same filing submitted at once under several ids (each retry of a platform's call reaches
    /// the hub with an id of its own) while the silo's group-commit writer is held by a lock on the
    /// table, then let go: whether the submissions meet in one batch or in the next, one application
    /// is created, and every other submission answers with its receipt, having found the key taken.
    /// </summary>
    [DatabaseFact]
    public async Task TheSameFilingRacingUnderSeveralIds_CreatesOneApplication_AndEveryOtherAnswersWithItsReceipt()
    {
        const int Racers = 6;
        var draft = Drafts.JudicialConfirmation();
        Task<SubmitOutcome[]> submissions;
        await using (var blocker = await hub.Database.DataSource.OpenConnectionAsync())
        await using (var hold = await blocker.BeginTransactionAsync())
        {
            // Reads go on; the writer's insert waits (it takes its lock before it reads).
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE exchange_applications IN SHARE MODE", blocker, hold))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            submissions = Task.WhenAll(Enumerable.Range(0, Racers).Select(_ =>
                hub.Grains.GetGrain<IApplicationGrain>(Guid.CreateVersion7().ToString()).SubmitAsync(Drafts.Platform, draft)));
            // The silo's one writer waits with the first batch; the others queue behind it.
            await WaitersAsync(1);
            await hold.RollbackAsync();
        }

        var outcomes = await submissions;

        var created = Assert.Single(outcomes, o => o.Kind == SubmitResultKind.Created);
        Assert.All(outcomes, o => Assert.Equal(created.Receipt!.ApplicationId, o.Receipt?.ApplicationId));
        Assert.Equal(1, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_applications WHERE platform_case_id = $1", draft.PlatformCaseId));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));

        var changed = draft with { Agreement = draft.Agreement! with { Number = draft.Agreement.Number + "-B" } };
        var conflict = await hub.Grains.GetGrain<IApplicationGrain>(Guid.CreateVersion7().ToString()).SubmitAsync(Drafts.Platform, changed);
        Assert.Equal(SubmitResultKind.Conflict, conflict.Kind);
        Assert.Equal(created.Receipt!.ApplicationId, conflict.ExistingApplicationId);
    }

    /// <summary>Until <paramref name="count"/> statements wait for a lock on the read model (at most 30 s).</summary>
    private Task WaitersAsync(int count) => Probe.UntilAsync(
        () => hub.Database.ScalarAsync("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'exchange_applications' AND NOT l.granted"),
        waiting => waiting >= count,
        TimeSpan.FromSeconds(30));

    private static string Json(ApplicationView? view) => JsonSerializer.Serialize(view);
}
