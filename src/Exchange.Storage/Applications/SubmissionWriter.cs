using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Exchange.Storage.Applications;

/// <summary>Whether a first write stored its application, or found its idempotency key (or id) taken.</summary>
public enum FirstWriteResult
{
    /// <summary>The application and its first event are committed.</summary>
    Created,

    /// <summary>Nothing of it was stored: another application holds its idempotency key (or its id).</summary>
    Taken,
}

/// <summary>
/// Natural group commit of first writes (docs/ARCHITECTURE.md, "The application store"): one writer
/// loop per silo takes every submission queued since its last flush (at most
/// <see cref="DefaultMaxRowsPerFlush"/>), sorts them by idempotency key (so that every silo takes the
/// key's index entries in the same order and two silos' batches cannot deadlock each other), and
/// writes them with one prepared statement on its own connection: the application rows
/// (<c>ON CONFLICT DO NOTHING</c>) and the first events of the rows inserted. The statement runs in
/// its own implicit transaction; a caller's task completes only after the server has committed it
/// (<c>synchronous_commit</c> as the server has it: on). No timer: while one flush runs, the next
/// batch gathers, so batches grow with the load and a lone submission waits for nobody.
/// </summary>
/// <remarks>
/// Failures: a deadlock or serialization failure retries the batch; any other error PostgreSQL
/// answers splits the batch in halves and writes each again, so a row the database refuses fails
/// only its own caller; a broken connection fails the batch's callers (with the exception, which the
/// grain reports as UNAVAILABLE or UNKNOWN) and the next flush opens a new connection.
/// </remarks>
/// <param name="maxRowsPerFlush">
/// The most submissions one flush writes (<see cref="DefaultMaxRowsPerFlush"/>; setting
/// Exchange:Submissions:MaxRowsPerFlush — 1 writes every submission alone, the benchmark's other arm).
/// </param>
public sealed partial class SubmissionWriter(NpgsqlDataSource dataSource, ILogger<SubmissionWriter> logger, int maxRowsPerFlush = SubmissionWriter.DefaultMaxRowsPerFlush)
    : BackgroundService
{
    /// <summary>The most submissions one flush writes, unless set otherwise.</summary>
    public const int DefaultMaxRowsPerFlush = 256;

    public const string MeterName = "Exchange";

    private const int MaxRetries = 5;

    private const string InsertSql = """
        WITH input AS (
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                                 $8::timestamptz[], $9::text[], $10::timestamptz[], $11::text[], $12::timestamptz[], $13::bytea[],
                                 $14::timestamptz[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[],
                                 $21::jsonb[], $22::bytea[])
                WITH ORDINALITY AS i(application_id, platform_id, platform_case_id, application_type, court_code, status,
                                     received_at, updated_at, payload_sha256, next_deadline_at, next_deadline_kind, watch_at, state,
                                     occurred_at, event_kind, actor_kind, actor_id, actor_name, reason, status_after, details,
                                     event_sha256, n)
        ), inserted AS (
            INSERT INTO exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code,
                                               status, received_at, updated_at, version, payload_sha256, next_deadline_at,
                                               next_deadline_kind, watch_at, state)
            SELECT application_id, platform_id, platform_case_id, application_type, court_code, status, received_at,
                   updated_at, 1, payload_sha256, next_deadline_at, next_deadline_kind, watch_at, state
              FROM input ORDER BY n
            ON CONFLICT DO NOTHING
            RETURNING application_id
        )
        INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after,
                                     details, previous_sha256, event_sha256)
        SELECT i.application_id, 1, i.occurred_at, i.event_kind, i.actor_kind, i.actor_id, i.actor_name, i.reason, i.status_after,
               i.details, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea, i.event_sha256
          FROM input i JOIN inserted USING (application_id)
        RETURNING application_id
        """;

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<int> RowsPerFlush = Meter.CreateHistogram<int>(
        "exchange.submissions.rows_per_flush", "{application}", "Submissions written by one flush of the group-commit writer.", tags: null,
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256] });

    private static readonly Counter<long> Flushes = Meter.CreateCounter<long>(
        "exchange.submissions.flushes", "{flush}", "Statements the group-commit writer ran (retries and halves included).");

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private NpgsqlConnection? connection;
    private NpgsqlCommand? insert;

    /// <summary>
    /// Queues a first write; completes once it is committed (<see cref="FirstWriteResult.Created"/>)
    /// or found taken, or fails with the store's exception (then it may or may not have committed
    /// when the connection broke after the statement went out).
    /// </summary>
    public Task<FirstWriteResult> WriteAsync(ApplicationRecord record, EventRecord firstEvent)
    {
        // Checked here, so that a malformed row fails its own caller and never reaches a batch.
        RequireFirstWrite(record, firstEvent);
        var pending = new Pending(record, firstEvent);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("the submission writer has stopped (the silo is shutting down)");
        }

        return pending.Completion.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var limit = Math.Clamp(maxRowsPerFlush, 1, 4096);
        var batch = new List<Pending>(limit);
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (batch.Count < limit && reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                batch.Sort(static (a, b) => CompareKeys(a.Record, b.Record));
                RowsPerFlush.Record(batch.Count);
                await FlushAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.Writer.TryComplete();
            while (reader.TryRead(out var left))
            {
                left.Completion.TrySetException(new InvalidOperationException("the silo stopped before the submission was written"));
            }

            await CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The order every silo writes a batch in: the idempotency key, then the id.</summary>
    private static int CompareKeys(ApplicationRecord a, ApplicationRecord b)
    {
        var c = string.CompareOrdinal(a.PlatformId, b.PlatformId);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.PlatformCaseId, b.PlatformCaseId);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.ApplicationType, b.ApplicationType);
        }

        return c != 0 ? c : a.ApplicationId.CompareTo(b.ApplicationId);
    }

    private async Task FlushAsync(List<Pending> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var inserted = await WriteAsync(batch).ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult(inserted.Contains(pending.Record.ApplicationId) ? FirstWriteResult.Created : FirstWriteResult.Taken);
                }

                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < MaxRetries)
            {
                LogRetry(logger, batch.Count, ex.SqlState);
            }
            catch (Exception ex) when (batch.Count > 1 && IsRowRefusal(ex))
            {
                // One row the database (or the driver, binding it) refuses must not fail the others:
                // write the halves apart.
                LogSplit(logger, batch.Count, ex.Message);
                if (ex is not PostgresException)
                {
                    // Refused while the statement was being sent: start the halves on a clean connection.
                    await CloseAsync().ConfigureAwait(false);
                }

                var half = batch.Count / 2;
                await FlushAsync(batch.GetRange(0, half)).ConfigureAwait(false);
                await FlushAsync(batch.GetRange(half, batch.Count - half)).ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                if (ex is not PostgresException || IsConnectionState((PostgresException)ex))
                {
                    // The connection is gone or unusable: the next flush opens another.
                    await CloseAsync().ConfigureAwait(false);
                }

                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }

                return;
            }
        }
    }

    /// <summary>Whether <paramref name="ex"/> refuses the statement's rows (some row of it), not the session: PostgreSQL's answer, or the driver's refusal of a value.</summary>
    private static bool IsRowRefusal(Exception ex) => ex switch
    {
        PostgresException p => !IsConnectionState(p) && p.SqlState is not (PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure),
        ArgumentException or InvalidCastException or OverflowException => true,
        _ => false,
    };

    /// <summary>Errors that mean the session, not the rows, failed (the server shutting down, the connection lost).</summary>
    private static bool IsConnectionState(PostgresException ex) =>
        ex.SqlState.StartsWith("08", StringComparison.Ordinal) || ex.SqlState.StartsWith("57P", StringComparison.Ordinal);

    /// <summary>Writes <paramref name="batch"/> with one statement; returns the ids it inserted.</summary>
    private async Task<HashSet<Guid>> WriteAsync(List<Pending> batch)
    {
        Flushes.Add(1);
        var command = await PreparedAsync().ConfigureAwait(false);
        Bind(command, batch.Count, i => (batch[i].Record, batch[i].Event));
        // The reader is done at the server's ReadyForQuery: the implicit transaction has committed.
        return await ReadInsertedAsync(command, batch.Count).ConfigureAwait(false);
    }

    /// <summary>
    /// The writer's statement for <paramref name="rows"/>, on <paramref name="connection"/> inside
    /// <paramref name="transaction"/> when one is given: for tests that hold a first write's
    /// transaction open or roll it back. Returns the ids it inserted.
    /// </summary>
    public static async Task<HashSet<Guid>> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<(ApplicationRecord Record, EventRecord Event)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var (record, e) in rows)
        {
            RequireFirstWrite(record, e);
        }

        await using var command = NewInsert(connection, transaction);
        Bind(command, rows.Count, i => rows[i]);
        return await ReadInsertedAsync(command, rows.Count).ConfigureAwait(false);
    }

    /// <summary>What the insert statement can write: version 1 with event 1, and none of the court's columns (they come with the court's acts).</summary>
    private static void RequireFirstWrite(ApplicationRecord record, EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(e);
        if (record.Version != 1 || e.Sequence != 1)
        {
            throw new ArgumentException($"application {record.ApplicationId}: a first write is version 1 with event 1");
        }

        if (record.WithdrawalRequestedAt is not null || record.CaseYear is not null || record.CaseTypeCode is not null || record.CaseSequence is not null
            || record.AcceptedAt is not null || record.RuledAt is not null)
        {
            throw new ArgumentException($"application {record.ApplicationId}: a first write carries no withdrawal, case number, acceptance or ruling");
        }
    }

    private static NpgsqlCommand NewInsert(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var command = new NpgsqlCommand(InsertSql, connection, transaction);
        NpgsqlDbType[] types =
        [
            NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text,
            NpgsqlDbType.TimestampTz, NpgsqlDbType.Bytea,
            NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Jsonb, NpgsqlDbType.Bytea,
        ];
        foreach (var type in types)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type });
        }

        return command;
    }

    /// <summary>Binds one array per column, row i of each from <paramref name="row"/>(i).</summary>
    private static void Bind(NpgsqlCommand command, int n, Func<int, (ApplicationRecord Record, EventRecord Event)> row)
    {
        var ids = new Guid[n];
        var platforms = new string[n];
        var caseIds = new string[n];
        var types = new string[n];
        var courts = new string[n];
        var statuses = new string[n];
        var received = new DateTimeOffset[n];
        var updated = new DateTimeOffset[n];
        var payloads = new string[n];
        var deadlines = new DateTimeOffset?[n];
        var deadlineKinds = new string?[n];
        var watches = new DateTimeOffset?[n];
        var states = new byte[n][];
        var occurred = new DateTimeOffset[n];
        var kinds = new string[n];
        var actorKinds = new string[n];
        var actorIds = new string[n];
        var actorNames = new string?[n];
        var reasons = new string?[n];
        var statusesAfter = new string[n];
        var details = new string?[n];
        var hashes = new byte[n][];
        // PostgreSQL's timestamptz takes UTC from the driver; deadlines are held in China Standard Time.
        for (var i = 0; i < n; i++)
        {
            var (r, e) = row(i);
            ids[i] = r.ApplicationId;
            platforms[i] = r.PlatformId;
            caseIds[i] = r.PlatformCaseId;
            types[i] = r.ApplicationType;
            courts[i] = r.CourtCode;
            statuses[i] = r.Status;
            received[i] = r.ReceivedAt.ToUniversalTime();
            updated[i] = r.UpdatedAt.ToUniversalTime();
            payloads[i] = r.PayloadSha256;
            deadlines[i] = r.NextDeadlineAt?.ToUniversalTime();
            deadlineKinds[i] = r.NextDeadlineKind;
            watches[i] = r.WatchAt?.ToUniversalTime();
            states[i] = Bytes(r.State);
            occurred[i] = e.OccurredAt.ToUniversalTime();
            kinds[i] = e.Kind;
            actorKinds[i] = e.ActorKind;
            actorIds[i] = e.ActorId;
            actorNames[i] = e.ActorName;
            reasons[i] = e.Reason;
            statusesAfter[i] = e.StatusAfter;
            details[i] = e.DetailsJson;
            hashes[i] = e.Sha256;
        }

        object[] values =
        [
            ids, platforms, caseIds, types, courts, statuses, received, updated, payloads, deadlines, deadlineKinds, watches, states,
            occurred, kinds, actorKinds, actorIds, actorNames, reasons, statusesAfter, details, hashes,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    private static async Task<HashSet<Guid>> ReadInsertedAsync(NpgsqlCommand command, int n)
    {
        var inserted = new HashSet<Guid>(n);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            inserted.Add(reader.GetGuid(0));
        }

        return inserted;
    }

    private static byte[] Bytes(ReadOnlyMemory<byte> state) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(state, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : state.ToArray();

    private async Task<NpgsqlCommand> PreparedAsync()
    {
        if (insert is not null && connection is { State: System.Data.ConnectionState.Open })
        {
            return insert;
        }

        await CloseAsync().ConfigureAwait(false);
        connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        insert = NewInsert(connection, null);
        await insert.PrepareAsync().ConfigureAwait(false);
        return insert;
    }

    private async Task CloseAsync()
    {
        if (insert is not null)
        {
            await insert.DisposeAsync().ConfigureAwait(false);
            insert = null;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            connection = null;
        }
    }

    public override void Dispose()
    {
        queue.Writer.TryComplete();
        base.Dispose();
    }

    private sealed record Pending(ApplicationRecord Record, EventRecord Event)
    {
        public TaskCompletionSource<FirstWriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission batch of {Rows} hit {SqlState}; writing it again")]
    private static partial void LogRetry(ILogger logger, int rows, string sqlState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission batch of {Rows} refused ({Message}); writing its halves apart")]
    private static partial void LogSplit(ILogger logger, int rows, string message);
}
