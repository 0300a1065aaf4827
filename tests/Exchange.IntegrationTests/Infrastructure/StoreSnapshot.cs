namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>Row counts of every table a request could change: equal before and after means nothing changed.</summary>
public sealed record StoreSnapshot(long States, long Applications, long Events, long Contents)
{
    public static async Task<StoreSnapshot> TakeAsync(TestDatabase db) => new(
        await db.ScalarAsync("SELECT count(*) FROM orleans_storage"),
        await db.ScalarAsync("SELECT count(*) FROM exchange_applications"),
        await db.ScalarAsync("SELECT count(*) FROM exchange_events"),
        await db.ScalarAsync("SELECT count(*) FROM exchange_attachment_contents"));

    /// <summary>
    /// Applications whose state, read-model row and events disagree: the state's version must equal the
    /// read model's, the number of events and the last event's sequence; status and ids must match.
    /// </summary>
    public static Task<long> DisagreementsAsync(TestDatabase db) => db.ScalarAsync("""
        WITH s AS (
            SELECT grain_id_ext::uuid AS id, version, convert_from(payload, 'UTF8')::jsonb AS d
            FROM orleans_storage WHERE grain_type = 'application'
        ), e AS (
            SELECT application_id AS id, count(*) AS n, max(seq) AS last_seq, min(seq) AS first_seq
            FROM exchange_events GROUP BY application_id
        )
        SELECT count(*) FROM s
        FULL JOIN exchange_applications a ON a.application_id = s.id
        FULL JOIN e ON e.id = COALESCE(s.id, a.application_id)
        WHERE s.id IS NULL OR a.application_id IS NULL OR e.id IS NULL
           OR s.version <> a.version OR e.n <> s.version OR e.last_seq <> s.version OR e.first_seq <> 1
           OR (s.d->>'status') <> a.status OR (s.d->>'applicationId')::uuid <> s.id
           OR (s.d->>'payloadSha256') <> a.payload_sha256
        """);
}
