using Exchange.Domain;
using Exchange.IntegrationTests.Infrastructure;
using Npgsql;

namespace Exchange.Contract.Tests.Storage;

/// <summary>
/// A state's version is the sequence of its event, and an application's events run 1, 2, 3 … :
/// the database refuses a write that would leave a history reading 1, 3 (migration 0015-event-versions),
/// and the refused write changes nothing.
/// </summary>
public sealed class EventVersionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private TestDatabase db = null!;

    // Without a database (EXCHANGE_TEST_DB) the tests that need one are skipped and the others run.
    public async Task InitializeAsync() => db = TestPostgres.SkipReason is null ? await ApplicationWrites.CreateDatabaseAsync() : null!;

    public async Task DisposeAsync()
    {
        if (db is not null)
        {
            await db.DisposeAsync();
        }
    }

    [DatabaseFact]
    public async Task AChangeWrittenWithoutItsEvent_IsRefused_AndChangesNothing()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(1, await ApplicationWrites.WriteAsync(db, ApplicationWrites.Full(id, "eventless", 1, T0, ApplicationStatus.Received), null));
        var before = await StoreSnapshot.TakeAsync(db);

        // Any writer, not only the store's statements: a new version without its event.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync(
            "UPDATE exchange_applications SET version = 2, status = 'Accepted' WHERE application_id = $1", id));

        Assert.Equal("exchange_applications_version_event", refused.ConstraintName);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(db));
    }

    [DatabaseFact]
    public async Task AFirstWriteWithoutItsEvent_IsRefused_AndStoresNothing()
    {
        var before = await StoreSnapshot.TakeAsync(db);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync("""
            INSERT INTO exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status,
                                               received_at, updated_at, version, payload_sha256, state)
            VALUES ($1, 'platform-contract', 'eventless-first', 'JudicialConfirmation', '新0102', 'Received', now(), now(), 1, 'x', '\x7b7d')
            """, Guid.CreateVersion7()));

        Assert.Equal("exchange_applications_version_event", refused.ConstraintName);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(db));
    }

    [DatabaseFact]
    public async Task AnEventThatSkipsASequence_IsRefused_AndChangesNothing()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(1, await ApplicationWrites.WriteAsync(db, ApplicationWrites.Full(id, "skipping", 1, T0, ApplicationStatus.Received), null));
        var before = await StoreSnapshot.TakeAsync(db);

        // Any writer, not only the write statement: event 3 after event 1.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync("""
            INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, status_after)
            VALUES ($1, 3, now(), 'ACCEPTED', 'Court', '新0102', 'Accepted')
            """, id));

        Assert.Equal("exchange_events_contiguous", refused.ConstraintName);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(db));
    }

    [DatabaseFact]
    public async Task ChangesWithTheirEvents_AreWritten_OneVersionPerEvent()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(1, await ApplicationWrites.WriteAsync(db, ApplicationWrites.Full(id, "with-events", 1, T0, ApplicationStatus.Received), null));
        Assert.Equal(2, await ApplicationWrites.WriteAsync(db, ApplicationWrites.Full(id, "with-events", 2, T0, ApplicationStatus.Accepted), 1));
        Assert.Equal(3, await ApplicationWrites.WriteAsync(db, ApplicationWrites.Full(id, "with-events", 3, T0, ApplicationStatus.UnderReview), 2));

        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(db));
        Assert.Equal(3, await db.ScalarAsync("SELECT max(seq) FROM exchange_events WHERE application_id = $1", id));
    }
}
