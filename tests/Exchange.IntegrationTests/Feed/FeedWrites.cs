using System.Text;
using System.Text.Json.Nodes;
using Exchange.IntegrationTests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Exchange.IntegrationTests.Feed;

/// <summary>
/// Application writes made by the test in transactions it controls (held open, committed late,
/// rolled back), through the very statement the silo writes with (WriteToStorageKey, read from
/// OrleansQuery). The state is a real one the hub wrote (its JSON payload, as the silo's
/// serializer made it), given a new id, case id and event sequence: the statement then projects
/// the application row and appends the event exactly as it does for the silo.
/// </summary>
internal sealed class FeedWrites
{
    private readonly TestDatabase db;
    private readonly string statement;
    private readonly JsonObject template;
    private readonly string serviceId;
    private readonly int grainTypeHash;

    private FeedWrites(TestDatabase db, string statement, JsonObject template, string serviceId, int grainTypeHash)
    {
        this.db = db;
        this.statement = statement;
        this.template = template;
        this.serviceId = serviceId;
        this.grainTypeHash = grainTypeHash;
    }

    /// <summary>Takes the stored state of <paramref name="templateApplicationId"/> (written by the hub) as the model of every write.</summary>
    public static async Task<FeedWrites> LoadAsync(TestDatabase db, string templateApplicationId)
    {
        string statement;
        await using (var query = db.DataSource.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'"))
        {
            statement = (string)(await query.ExecuteScalarAsync())!;
        }

        await using var command = db.DataSource.CreateCommand(
            "SELECT payload, service_id, grain_type_hash FROM orleans_storage WHERE grain_type = 'application' AND grain_id_ext = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = templateApplicationId });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException($"application {templateApplicationId} is not stored");
        }

        var payload = (byte[])reader[0];
        var state = JsonNode.Parse(Encoding.UTF8.GetString(payload))!.AsObject();
        return new FeedWrites(db, statement, state, reader.GetString(1), reader.GetInt32(2));
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
        draft["platformCaseId"] = "held-" + applicationId.ToString("N");
        if (courtCode is not null)
        {
            draft["courtCode"] = courtCode;
        }

        var lastEvent = state["lastEvent"]!.AsObject();
        lastEvent["sequence"] = version;
        lastEvent["reason"] = $"test write {applicationId}/{version}";
        lastEvent["occurredAt"] = DateTimeOffset.UtcNow.ToString("O");
        // The template's event was hashed by a grain for its own content; this one is another, so
        // the statement hashes it alone (a stale hash would fail the write, as it should).
        lastEvent.Remove("sha256");

        var connection = await db.DataSource.OpenConnectionAsync();
        try
        {
            var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter("GrainIdHash", NpgsqlDbType.Integer) { Value = applicationId.GetHashCode() });
            command.Parameters.Add(new NpgsqlParameter("GrainIdN0", NpgsqlDbType.Bigint) { Value = 0L });
            command.Parameters.Add(new NpgsqlParameter("GrainIdN1", NpgsqlDbType.Bigint) { Value = 0L });
            command.Parameters.Add(new NpgsqlParameter("GrainTypeHash", NpgsqlDbType.Integer) { Value = grainTypeHash });
            command.Parameters.Add(new NpgsqlParameter("GrainTypeString", NpgsqlDbType.Text) { Value = "application" });
            command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = applicationId.ToString() });
            command.Parameters.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Text) { Value = serviceId });
            command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = version == 1 ? DBNull.Value : version - 1 });
            command.Parameters.Add(new NpgsqlParameter("PayloadBinary", NpgsqlDbType.Bytea) { Value = Encoding.UTF8.GetBytes(state.ToJsonString()) });
            var written = await command.ExecuteScalarAsync();
            if (written is not int v || v != version)
            {
                throw new InvalidOperationException($"the write of {applicationId} at version {version} answered {written}");
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
