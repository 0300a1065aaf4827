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
    /// Applications whose stored state, listing columns and events disagree: the events must run 1 … the
    /// row's version without a gap; the state's status, id and payload hash must be the row's.
    /// </summary>
    public static Task<long> DisagreementsAsync(TestDatabase db) => db.ScalarAsync("""
        WITH s AS (
            SELECT application_id AS id, version, status, payload_sha256, convert_from(state, 'UTF8')::jsonb AS d
            FROM exchange_applications
        ), e AS (
            SELECT application_id AS id, count(*) AS n, max(seq) AS last_seq, min(seq) AS first_seq
            FROM exchange_events GROUP BY application_id
        )
        SELECT count(*) FROM s
        FULL JOIN e ON e.id = s.id
        WHERE s.id IS NULL OR e.id IS NULL
           OR e.n <> s.version OR e.last_seq <> s.version OR e.first_seq <> 1
           OR (s.d->>'status') <> s.status OR (s.d->>'applicationId')::uuid <> s.id
           OR (s.d->>'payloadSha256') <> s.payload_sha256
        """);
}
