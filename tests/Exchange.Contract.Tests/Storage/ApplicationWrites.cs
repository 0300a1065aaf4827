using System.Collections.Immutable;
using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.Silo.Grains;
using Exchange.Silo.Storage;
using Exchange.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Exchange.Contract.Tests.Storage;

/// <summary>
/// The application write as the silo makes it: the state serialized by the silo's
/// <see cref="ApplicationStateSerializer"/>, written by the provider query the migrator stores
/// (WriteToStorageKey, read back from OrleansQuery), bound the way the Orleans ADO.NET provider binds it.
/// </summary>
internal static class ApplicationWrites
{
    public const string ServiceId = "contract";

    private static readonly ApplicationStateSerializer Serializer = new();

    /// <summary>A fresh database with the hub's schema, as a silo start installs it.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var db = await TestDatabase.CreateAsync();
        await SchemaMigrator.MigrateAsync(db.DataSource, NullLogger.Instance);
        return db;
    }

    /// <summary>Writes <paramref name="state"/> over <paramref name="expectedVersion"/> (null: never written); the version the write answers.</summary>
    public static async Task<int?> WriteAsync(TestDatabase db, ApplicationState state, int? expectedVersion)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return await WriteAsync(connection, null, state, expectedVersion);
    }

    /// <summary>The same write on <paramref name="connection"/>, inside <paramref name="transaction"/> when one is given (to hold it open, or roll it back).</summary>
    public static async Task<int?> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ApplicationState state, int? expectedVersion)
    {
        string text;
        await using (var query = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'", connection, transaction))
        {
            text = (string)(await query.ExecuteScalarAsync())!;
        }

        await using var command = new NpgsqlCommand(text, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("GrainIdHash", NpgsqlDbType.Integer) { Value = state.ApplicationId.GetHashCode() });
        command.Parameters.Add(new NpgsqlParameter("GrainIdN0", NpgsqlDbType.Bigint) { Value = 0L });
        command.Parameters.Add(new NpgsqlParameter("GrainIdN1", NpgsqlDbType.Bigint) { Value = 0L });
        command.Parameters.Add(new NpgsqlParameter("GrainTypeHash", NpgsqlDbType.Integer) { Value = 42 });
        command.Parameters.Add(new NpgsqlParameter("GrainTypeString", NpgsqlDbType.Text) { Value = "application" });
        command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = state.ApplicationId.ToString() });
        command.Parameters.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Text) { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = (object?)expectedVersion ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("PayloadBinary", NpgsqlDbType.Bytea) { Value = Serializer.Serialize(state).ToArray() });
        var result = await command.ExecuteScalarAsync();
        return result is int version ? version : null;
    }

    /// <summary>The state as stored, read back through the silo's serializer.</summary>
    public static async Task<ApplicationState> ReadAsync(TestDatabase db, Guid applicationId)
    {
        await using var command = db.DataSource.CreateCommand("SELECT payload FROM orleans_storage WHERE grain_type = 'application' AND grain_id_ext = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = applicationId.ToString() });
        var payload = (byte[])(await command.ExecuteScalarAsync())!;
        return Serializer.Deserialize<ApplicationState>(BinaryData.FromBytes(payload));
    }

    /// <summary>
    /// A state with every property set to a value of its own (no two timestamps alike, no default),
    /// as <paramref name="version"/> writes it: its event carries that sequence.
    /// </summary>
    public static ApplicationState Full(Guid id, string platformCaseId, int version, DateTimeOffset t0, ApplicationStatus status = ApplicationStatus.Confirmed)
    {
        var draft = new ApplicationDraft { PlatformCaseId = platformCaseId, CourtCode = "新0102", Type = ApplicationType.JudicialConfirmation };
        // Kinds that differ from one version to the next, as every other value a change may change.
        var (nearest, later) = version % 2 == 1 ? (DeadlineKind.Review, DeadlineKind.ReviewCeiling) : (DeadlineKind.Supplement, DeadlineKind.Correction);
        var deadlines = ImmutableArray.Create(
            new RunningDeadline(nearest, DateOnly.FromDateTime(t0.AddDays(30).UtcDateTime), t0.AddDays(30).AddMinutes(version), true),
            new RunningDeadline(later, DateOnly.FromDateTime(t0.AddDays(60).UtcDateTime), t0.AddDays(60).AddMinutes(version), false));
        return new ApplicationState
        {
            ApplicationId = id,
            PlatformId = "platform-contract",
            Draft = CompactDraft.Of(draft),
            Status = status,
            ReceivedAt = t0,
            UpdatedAt = t0.AddHours(version).AddSeconds(1),
            PayloadSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(id.ToByteArray())),
            // Heads the grain would hold; the statement stores the state as it is (it hashes the event itself).
            ChainHeadSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. id.ToByteArray(), (byte)version])),
            FirstEventSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. id.ToByteArray(), 1])),
            CourtName = "乌鲁木齐市天山区人民法院",
            Warnings = [new ApplicationWarning("SOME_WARNING", "parties[0].address", "a warning")],
            WithdrawalRequestedAt = t0.AddHours(version).AddSeconds(2),
            CaseYear = 2026,
            CaseTypeCode = "民特",
            CaseSequence = 40 + version,
            AcceptedAt = t0.AddDays(1).AddHours(version),
            RuledAt = t0.AddDays(3).AddHours(version).AddMinutes(30),
            CorrectionSubmittedAt = t0.AddHours(version).AddSeconds(3),
            NoticeAt = t0.AddHours(version).AddSeconds(4),
            NoticeLimitDays = 5 + version,
            RequestedItems = ["身份证明", "调解协议"],
            ReviewExtended = true,
            SignedPartyIndexes = [0, 1],
            CaseOpenedBy = "书记员 赵六",
            Documents = [new IssuedDocument(DocumentKind.ConfirmationRuling, "confirmation-ruling.pdf", 66_001 + version,
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(version))), t0.AddDays(3).AddHours(version))],
            Deadlines = deadlines,
            // The nearest deadline is flagged: watch_at is the second one, next_deadline_at the first.
            OverdueFlags = [new OverdueFlag(deadlines[0].Kind, deadlines[0].ClosesAt, t0.AddDays(31))],
            AppliedRequests = new Dictionary<string, Act> { ["request-" + version] = Act.Confirm },
            LastEvent = Event(version, t0.AddHours(version).AddSeconds(1), status),
        };
    }

    /// <summary>An event with every field set, numbered <paramref name="sequence"/>.</summary>
    public static ApplicationEvent Event(int sequence, DateTimeOffset at, ApplicationStatus statusAfter) =>
        new(sequence, "CONFIRMED", at, new Actor(ActorKind.Court, "新0102", "审判员 " + sequence), "reason " + sequence, statusAfter,
            new Dictionary<string, string> { ["key " + sequence] = "value " + sequence, ["ruling"] = "CONFIRM" });
}
