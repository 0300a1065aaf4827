using Npgsql;
using NpgsqlTypes;

namespace Exchange.Storage.Applications;

/// <summary>
/// One application as the store keeps it (exchange_applications, migration 0100): the grain's state
/// (<see cref="State"/>, its serialized bytes) beside the listing columns the docket, the platform's
/// list and the deadline watcher read. One row is both; <see cref="Version"/> is the sequence of the
/// application's latest event.
/// </summary>
/// <remarks>Enum-valued columns hold the C# names ("UnderReview"), as the states always did.</remarks>
public sealed record ApplicationRecord(
    Guid ApplicationId,
    string PlatformId,
    string PlatformCaseId,
    string ApplicationType,
    string CourtCode,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    string PayloadSha256,
    ReadOnlyMemory<byte> State)
{
    public DateTimeOffset? WithdrawalRequestedAt { get; init; }

    /// <summary>The case number's year and codes (set when the court accepts) and sequence (once taken).</summary>
    public int? CaseYear { get; init; }

    public string? CaseTypeCode { get; init; }

    public long? CaseSequence { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? RuledAt { get; init; }

    /// <summary>The nearest running deadline, closed or not: the docket's order.</summary>
    public DateTimeOffset? NextDeadlineAt { get; init; }

    public string? NextDeadlineKind { get; init; }

    /// <summary>When the nearest deadline not yet flagged closes: what the deadline watcher polls.</summary>
    public DateTimeOffset? WatchAt { get; init; }
}

/// <summary>
/// One event of an application's history (exchange_events) as its grain made and hashed it
/// (EventChain): its <see cref="Sequence"/> is the version the write creates.
/// </summary>
public sealed record EventRecord(
    int Sequence,
    DateTimeOffset OccurredAt,
    string Kind,
    string ActorKind,
    string ActorId,
    string? ActorName,
    string? Reason,
    string StatusAfter,
    string? DetailsJson,
    byte[] PreviousSha256,
    byte[] Sha256);

/// <summary>What the store holds of one application: its state's bytes and version.</summary>
public sealed record StoredApplication(byte[] State, int Version);

/// <summary>
/// The application grains' own store (docs/ARCHITECTURE.md, "The application store"): reads a
/// state, and writes a change — the row and its event — as one typed, version-checked statement.
/// First writes (submissions) go through <see cref="SubmissionWriter"/>, which groups them.
/// </summary>
public sealed class ApplicationStore(NpgsqlDataSource dataSource)
{
    private const string ReadSql = "SELECT state, version FROM exchange_applications WHERE application_id = $1";

    /// <summary>
    /// The version check is the row's version and the chain's head: the grain's event must follow
    /// the stored one (its previous hash is the stored latest event's hash), or nothing is written.
    /// </summary>
    private const string UpdateSql = """
        WITH updated AS (
            UPDATE exchange_applications
               SET status = $3, updated_at = $4, version = $5, withdrawal_requested_at = $6, case_year = $7,
                   case_type_code = $8, case_sequence = $9, accepted_at = $10, ruled_at = $11,
                   next_deadline_at = $12, next_deadline_kind = $13, watch_at = $14, state = $15
             WHERE application_id = $1 AND version = $2
               AND $23 = (SELECT event_sha256 FROM exchange_events WHERE application_id = $1 AND seq = $2)
            RETURNING application_id
        )
        INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, actor_name,
                                     reason, status_after, details, previous_sha256, event_sha256)
        SELECT application_id, $5, $16, $17, $18, $19, $20, $21, $3, $22, $23, $24 FROM updated
        """;

    /// <summary>Takes the court's next hub case number, only for the version the change is based on.</summary>
    private const string TakeCaseNumberSql = """
        SELECT exchange_take_case_number($2, $3, $4) FROM exchange_applications WHERE application_id = $1 AND version = $5
        """;

    /// <summary>The stored state of <paramref name="applicationId"/>; null when none is stored.</summary>
    public async Task<StoredApplication?> ReadAsync(Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = applicationId });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredApplication(reader.GetFieldValue<byte[]>(0), reader.GetInt32(1))
            : null;
    }

    /// <summary>
    /// Writes a change of a stored application: <paramref name="record"/> at version
    /// <paramref name="record"/>.Version = <paramref name="expectedVersion"/> + 1 with its event, in
    /// one statement. False when the stored version (or chain head) is no longer the one the change
    /// was made on: nothing was written.
    /// </summary>
    public async Task<bool> UpdateAsync(ApplicationRecord record, int expectedVersion, EventRecord e, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await UpdateAsync(connection, null, record, expectedVersion, e, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the accepting change of an application whose court the hub numbers: takes the next
    /// sequence of <paramref name="courtCode"/>, <paramref name="caseTypeCode"/> and
    /// <paramref name="caseYear"/>, lets <paramref name="change"/> make the record and event that carry
    /// it, and writes them, in one transaction — a number is taken only with the state that holds it,
    /// so the court's numbers stay gapless. Null when the stored version moved on (nothing written).
    /// </summary>
    public async Task<(ApplicationRecord Record, EventRecord Event)?> UpdateTakingCaseNumberAsync(
        Guid applicationId, int expectedVersion, string courtCode, string caseTypeCode, int caseYear,
        Func<long, (ApplicationRecord Record, EventRecord Event)> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long sequence;
        await using (var take = new NpgsqlCommand(TakeCaseNumberSql, connection, transaction))
        {
            take.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = applicationId });
            take.Parameters.Add(new NpgsqlParameter<string> { TypedValue = courtCode });
            take.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caseTypeCode });
            take.Parameters.Add(new NpgsqlParameter<int> { TypedValue = caseYear });
            take.Parameters.Add(new NpgsqlParameter<int> { TypedValue = expectedVersion });
            if (await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long taken)
            {
                return null;
            }

            sequence = taken;
        }

        var (record, e) = change(sequence);
        if (!await UpdateAsync(connection, transaction, record, expectedVersion, e, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (record, e);
    }

    /// <summary>The same change on <paramref name="connection"/>, inside <paramref name="transaction"/> when one is given.</summary>
    public static async Task<bool> UpdateAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, ApplicationRecord record, int expectedVersion, EventRecord e, CancellationToken cancellationToken)
    {
        if (record.Version != expectedVersion + 1 || e.Sequence != record.Version)
        {
            throw new ArgumentException($"application {record.ApplicationId}: a change from version {expectedVersion} writes version {expectedVersion + 1} and its event, not {record.Version} and event {e.Sequence}");
        }

        await using var command = new NpgsqlCommand(UpdateSql, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = record.ApplicationId });
        p.Add(new NpgsqlParameter<int> { TypedValue = expectedVersion });
        p.Add(Text(record.Status));
        p.Add(Time(record.UpdatedAt));
        p.Add(new NpgsqlParameter<int> { TypedValue = record.Version });
        p.Add(Time(record.WithdrawalRequestedAt));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)record.CaseYear ?? DBNull.Value });
        p.Add(Text(record.CaseTypeCode));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)record.CaseSequence ?? DBNull.Value });
        p.Add(Time(record.AcceptedAt));
        p.Add(Time(record.RuledAt));
        p.Add(Time(record.NextDeadlineAt));
        p.Add(Text(record.NextDeadlineKind));
        p.Add(Time(record.WatchAt));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = record.State });
        p.Add(Time(e.OccurredAt));
        p.Add(Text(e.Kind));
        p.Add(Text(e.ActorKind));
        p.Add(Text(e.ActorId));
        p.Add(Text(e.ActorName));
        p.Add(Text(e.Reason));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)e.DetailsJson ?? DBNull.Value });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = e.PreviousSha256 });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = e.Sha256 });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    /// <summary>A timestamptz parameter: the driver takes UTC only (deadlines are held in China Standard Time).</summary>
    private static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)value?.ToUniversalTime() ?? DBNull.Value };
}
