namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>
/// The contents of every table a request could change, as one digest per table (every column of every
/// row, in key order): equal before and after means nothing changed — not only no row added, but no
/// version bumped, no status, hash or payload rewritten.
/// </summary>
public sealed record StoreSnapshot(string States, string Applications, string Events, string Contents)
{
    public static async Task<StoreSnapshot> TakeAsync(TestDatabase db) => new(
        await DigestAsync(db, "orleans_storage", "service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1"),
        await DigestAsync(db, "exchange_applications", "application_id"),
        await DigestAsync(db, "exchange_events", "application_id, seq"),
        await DigestAsync(db, "exchange_attachment_contents", "sha256"));

    private static async Task<string> DigestAsync(TestDatabase db, string table, string key)
    {
        // Table and key are constants above, never input.
        await using var command = db.DataSource.CreateCommand(
            $"SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY {key})), '') FROM {table} t");
        return (string)(await command.ExecuteScalarAsync())!;
    }

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
