using System.Diagnostics.Metrics;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage.Applications;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Exchange.Contract.Tests.Storage;

/// <summary>
/// The group-commit writer of first writes (issue 12) against a real PostgreSQL: a row the database
/// refuses fails only its own caller, and two writers (two silos) filing the same idempotency keys
/// at once store one application per key, without a deadlock.
/// </summary>
public sealed class SubmissionWriterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 4, 15, 7, TimeSpan.Zero);
    private TestDatabase db = null!;

    public async Task InitializeAsync() => db = TestPostgres.SkipReason is null ? await ApplicationWrites.CreateDatabaseAsync() : null!;

    public async Task DisposeAsync()
    {
        if (db is not null)
        {
            await db.DisposeAsync();
        }
    }

    [DatabaseFact]
    public async Task ABatchWithARowTheDatabaseRefuses_CommitsEveryOtherRow_AndFailsOnlyThatOne()
    {
        using var flushes = new FlushSizes();
        var writer = new SubmissionWriter(db.DataSource, NullLogger<SubmissionWriter>.Instance);
        // Queued before the writer's loop runs, so that its first flush takes all 32 at once.
        var rows = Enumerable.Range(0, 32).Select(i => ApplicationWrites.FirstWrite(Guid.CreateVersion7(), $"batch-{i:D2}", T0)).ToList();
        // PostgreSQL's text refuses a NUL character: row 11 cannot be stored.
        rows[11] = (rows[11].Record with { PlatformCaseId = "batch-11\0refused" }, rows[11].Event);
        var written = rows.Select(r => writer.WriteAsync(r.Record, r.Event)).ToList();

        await writer.StartAsync(default);
        try
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => written[11]);
            Assert.Equal("22021", refused.SqlState); // character_not_in_repertoire
            for (var i = 0; i < rows.Count; i++)
            {
                if (i != 11)
                {
                    Assert.Equal(FirstWriteResult.Created, await written[i]);
                }
            }
        }
        finally
        {
            await writer.StopAsync(default);
        }

        Assert.Equal(32, flushes.Sizes[0]);
        Assert.Equal(31, await db.ScalarAsync("SELECT count(*) FROM exchange_applications"));
        Assert.Equal(31, await db.ScalarAsync("SELECT count(*) FROM exchange_events WHERE seq = 1"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM exchange_applications WHERE platform_case_id LIKE 'batch-11%'"));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(db));
    }

    [DatabaseFact]
    public async Task TwoWritersFilingTheSameKeysAtOnce_StoreOneApplicationPerKey_TheOtherSubmissionFindsItTaken()
    {
        const int Keys = 200;
        var writers = new[]
        {
            new SubmissionWriter(db.DataSource, NullLogger<SubmissionWriter>.Instance),
            new SubmissionWriter(db.DataSource, NullLogger<SubmissionWriter>.Instance),
        };
        // The same filings, each under another application id per writer (the gateway draws a new
        // id per call), queued in opposite orders: the writers sort by key, so neither waits on the
        // other in a cycle.
        var firsts = Enumerable.Range(0, Keys).Select(i => ApplicationWrites.FirstWrite(Guid.CreateVersion7(), $"same-{i:D3}", T0)).ToList();
        var seconds = Enumerable.Range(0, Keys).Reverse().Select(i => ApplicationWrites.FirstWrite(Guid.CreateVersion7(), $"same-{i:D3}", T0)).ToList();
        var a = firsts.Select(r => writers[0].WriteAsync(r.Record, r.Event)).ToList();
        var b = seconds.Select(r => writers[1].WriteAsync(r.Record, r.Event)).ToList();

        await Task.WhenAll(writers.Select(w => w.StartAsync(default)));
        try
        {
            var results = (await Task.WhenAll(a)).Zip(firsts).Concat((await Task.WhenAll(b)).Zip(seconds))
                .GroupBy(r => r.Second.Record.PlatformCaseId)
                .ToList();
            Assert.Equal(Keys, results.Count);
            Assert.All(results, key => Assert.Equal(
                [FirstWriteResult.Created, FirstWriteResult.Taken], key.Select(r => r.First).Order()));
        }
        finally
        {
            await Task.WhenAll(writers.Select(w => w.StopAsync(default)));
        }

        Assert.Equal(Keys, await db.ScalarAsync("SELECT count(*) FROM exchange_applications"));
        Assert.Equal(Keys, await db.ScalarAsync("SELECT count(DISTINCT platform_case_id) FROM exchange_applications"));
        Assert.Equal(Keys, await db.ScalarAsync("SELECT count(*) FROM exchange_events"));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(db));
    }

    /// <summary>The sizes of the writer's flushes, in order, from its rows-per-flush histogram.</summary>
    private sealed class FlushSizes : IDisposable
    {
        private readonly MeterListener listener = new();

        public FlushSizes()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "exchange.submissions.rows_per_flush")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
            {
                lock (Sizes)
                {
                    Sizes.Add(value);
                }
            });
            listener.Start();
        }

        public List<int> Sizes { get; } = [];

        public void Dispose() => listener.Dispose();
    }
}
