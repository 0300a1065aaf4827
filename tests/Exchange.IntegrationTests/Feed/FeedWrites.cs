using System.Text;
using System.Text.Json.Nodes;
using Exchange.IntegrationTests.Infrastructure;
using Npgsql;
using Exchange.Domain;
using Exchange.Storage.Applications;

namespace Exchange.IntegrationTests.Feed;

/// <summary>
/// Application writes made by the test in transactions it controls (held open, committed late,
/// rolled back), through the store's own statements (the group-commit writer's insert for a new
/// application, <see cref="ApplicationStore"/>'s update for a change). The state is a real one the
/// hub wrote (its JSON, as the silo's serializer made it), given a new id, case id and event.
/// </summary>
internal sealed class FeedWrites
{
    private readonly TestDatabase db;
    private readonly JsonObject template;
    private readonly ApplicationRecord row;

    private FeedWrites(TestDatabase db, JsonObject template, ApplicationRecord row)
    {
        this.db = db;
        this.template = template;
        this.row = row;
    }

    /// <summary>Takes the stored state of <paramref name="templateApplicationId"/> (written by the hub) as the model of every write.</summary>
    public static async Task<FeedWrites> LoadAsync(TestDatabase db, string templateApplicationId)
    {
        await using var command = db.DataSource.CreateCommand("""
            SELECT state, platform_id, platform_case_id, application_type, court_code, status, received_at, payload_sha256,
                   next_deadline_at, next_deadline_kind, watch_at
            FROM exchange_applications WHERE application_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(templateApplicationId) });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException($"application {templateApplicationId} is not stored");
        }

        var state = JsonNode.Parse(Encoding.UTF8.GetString((byte[])reader[0]))!.AsObject();
        var row = new ApplicationRecord(Guid.Empty, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(6), 1, reader.GetString(7), Array.Empty<byte>())
        {
            NextDeadlineAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
            NextDeadlineKind = reader.IsDBNull(9) ? null : reader.GetString(9),
            WatchAt = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
        };
        return new FeedWrites(db, state, row);
    }

    /// <summary>
    /// Starts a transaction and writes <paramref name="applicationId"/> at <paramref name="version"/>
    /// (1: a new application of <paramref name="platformId"/>; then over version − 1) in it; the
    /// transaction stays open until the returned write is committed or rolled back.
    /// </summary>
    public async Task<HeldWrite> BeginAsync(Guid applicationId, string platformId, int version, string? courtCode = null)
    {
        var state = (JsonObject)template.DeepClone();
        state["applicationId"] = applicationId.ToString();
        state["platformId"] = platformId;
        var draft = state["draft"]!.AsObject();
        var caseId = "held-" + applicationId.ToString("N");
        draft["platformCaseId"] = caseId;
        if (courtCode is not null)
        {
            draft["courtCode"] = courtCode;
        }

        var now = DateTimeOffset.UtcNow;
        now = new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
        var record = row with
        {
            ApplicationId = applicationId, PlatformId = platformId, PlatformCaseId = caseId, CourtCode = courtCode ?? row.CourtCode,
            UpdatedAt = now, Version = version, State = Encoding.UTF8.GetBytes(state.ToJsonString()),
        };
        var reason = $"test write {applicationId}/{version}";
        var statusAfter = System.Text.RegularExpressions.Regex.Replace(record.Status, "([a-z0-9])([A-Z])", "$1_$2").ToUpperInvariant();

        var connection = await db.DataSource.OpenConnectionAsync();
        try
        {
            var transaction = await connection.BeginTransactionAsync();
            var previous = new byte[32];
            if (version > 1)
            {
                await using var read = new NpgsqlCommand("SELECT event_sha256 FROM exchange_events WHERE application_id = $1 AND seq = $2", connection, transaction);
                read.Parameters.Add(new NpgsqlParameter { Value = applicationId });
                read.Parameters.Add(new NpgsqlParameter { Value = version - 1 });
                previous = (byte[])(await read.ExecuteScalarAsync())!;
            }

            var hash = EventChain.Hash(previous, EventChain.Canonical(applicationId.ToString(), version, now, "SUBMITTED", "PLATFORM", platformId, null, reason, statusAfter, null));
            var e = new EventRecord(version, now, "SUBMITTED", "Platform", platformId, null, reason, record.Status, null, previous, hash);
            var written = version == 1
                ? (await SubmissionWriter.InsertAsync(connection, transaction, [(record, e)])).Contains(applicationId)
                : await ApplicationStore.UpdateAsync(connection, transaction, record, version - 1, e, default);
            if (!written)
            {
                throw new InvalidOperationException($"the write of {applicationId} at version {version} wrote nothing");
            }

            return new HeldWrite(connection, transaction, applicationId, version);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>A write in a transaction still open: commit it or roll it back.</summary>
internal sealed class HeldWrite(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid applicationId, int version) : IAsyncDisposable
{
    public Guid ApplicationId => applicationId;

    public int Version => version;

    /// <summary>The event id the feed gives this write.</summary>
    public string EventId => $"{applicationId}/{version}";

    public async Task CommitAsync()
    {
        await transaction.CommitAsync();
        await DisposeAsync();
    }

    public async Task RollbackAsync()
    {
        await transaction.RollbackAsync();
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
