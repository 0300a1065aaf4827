using System.Collections.Immutable;
using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.Silo.Grains;
using Exchange.Silo.Storage;
using Exchange.Storage;
using Exchange.Storage.Applications;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Exchange.Contract.Tests.Storage;

/// <summary>
/// The application write as the silo makes it: the state and its event turned into the store's
/// records by the silo's <see cref="ApplicationRecords"/>, the event hashed onto the stored chain,
/// and written by the store's own statements (the group-commit writer's insert for a first write,
/// <see cref="ApplicationStore"/>'s version-checked update — taking the hub's case number when the
/// state asks for one — for a change).
/// </summary>
internal static class ApplicationWrites
{
    /// <summary>A fresh database with the hub's schema, as a silo start installs it.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        var db = await TestDatabase.CreateAsync();
        await SchemaMigrator.MigrateAsync(db.DataSource, NullLogger.Instance);
        return db;
    }

    /// <summary>
    /// Writes <paramref name="state"/> over <paramref name="expectedVersion"/> (null: never written, and
    /// the state is first made <see cref="Filed"/>) with its event (<see cref="EventOf"/>); the version
    /// written, or null when nothing was.
    /// </summary>
    public static async Task<int?> WriteAsync(TestDatabase db, ApplicationState state, int? expectedVersion)
    {
        if (expectedVersion is { } expected && state.CaseYear is not null && state.CaseSequence is null)
        {
            // An accepting state of a hub-numbered court: the store takes the number in the write's transaction.
            var previous = await PreviousHashAsync(db, state.ApplicationId, expected);
            var written = await new ApplicationStore(db.DataSource).UpdateTakingCaseNumberAsync(
                state.ApplicationId, expected, state.Draft!.CourtCode, state.CaseTypeCode!, state.CaseYear.Value, sequence =>
                {
                    state.CaseSequence = sequence;
                    var e = EventOf(state, expected + 1);
                    e = e with { Details = new Dictionary<string, string>(e.Details!) { ["case_number"] = state.CaseNumber! } };
                    return (ApplicationRecords.Of(state, expected + 1), Hashed(state, e, previous));
                });
            return written is null ? null : expected + 1;
        }

        await using var connection = await db.DataSource.OpenConnectionAsync();
        return await WriteAsync(connection, null, state, expectedVersion);
    }

    /// <summary>The same write on <paramref name="connection"/>, inside <paramref name="transaction"/> when one is given (to hold it open, or roll it back).</summary>
    public static async Task<int?> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ApplicationState state, int? expectedVersion)
    {
        var version = (expectedVersion ?? 0) + 1;
        var previous = expectedVersion is { } expected ? await PreviousHashAsync(connection, transaction, state.ApplicationId, expected) : new byte[32];
        var e = Hashed(state, EventOf(state, version), previous);
        if (expectedVersion is null)
        {
            // A first write is a filing: it carries none of the court's values.
            Filed(state);
            var inserted = await SubmissionWriter.InsertAsync(connection, transaction, [(ApplicationRecords.Of(state, 1), e)]);
            return inserted.Contains(state.ApplicationId) ? 1 : null;
        }

        return await ApplicationStore.UpdateAsync(connection, transaction, ApplicationRecords.Of(state, version), version - 1, e, default) ? version : null;
    }

    /// <summary>The first write of a new application <paramref name="id"/> filed under <paramref name="platformCaseId"/>, as the grain hands it to the writer.</summary>
    public static (ApplicationRecord Record, EventRecord Event) FirstWrite(Guid id, string platformCaseId, DateTimeOffset t0)
    {
        var state = Filed(Full(id, platformCaseId, 1, t0, ApplicationStatus.Received));
        return (ApplicationRecords.Of(state, 1), Hashed(state, EventOf(state, 1), new byte[32]));
    }

    /// <summary><paramref name="state"/> as filed: without the court's values (a first write carries none).</summary>
    public static ApplicationState Filed(ApplicationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.WithdrawalRequestedAt = null;
        state.CaseYear = null;
        state.CaseTypeCode = null;
        state.CaseSequence = null;
        state.AcceptedAt = null;
        state.RuledAt = null;
        return state;
    }

    /// <summary>The event the state of <paramref name="version"/> is written with (its time the state's update time, its status the state's).</summary>
    public static ApplicationEvent EventOf(ApplicationState state, int version) => Event(version, state.UpdatedAt, state.Status);

    /// <summary>The state as stored, read back through the silo's serializer.</summary>
    public static async Task<ApplicationState> ReadAsync(TestDatabase db, Guid applicationId)
    {
        var stored = await new ApplicationStore(db.DataSource).ReadAsync(applicationId);
        return ApplicationRecords.Read(stored!.State);
    }

    private static EventRecord Hashed(ApplicationState state, ApplicationEvent e, byte[] previous) =>
        ApplicationRecords.Of(e with { Sha256 = ApplicationRecords.Hash(state.ApplicationId, e, previous) }, previous);

    private static async Task<byte[]> PreviousHashAsync(TestDatabase db, Guid id, int seq)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return await PreviousHashAsync(connection, null, id, seq);
    }

    private static async Task<byte[]> PreviousHashAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, int seq)
    {
        await using var command = new NpgsqlCommand("SELECT event_sha256 FROM exchange_events WHERE application_id = $1 AND seq = $2", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = seq });
        return await command.ExecuteScalarAsync() as byte[] ?? new byte[32];
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
        };
    }

    /// <summary>An event with every field set, numbered <paramref name="sequence"/>.</summary>
    public static ApplicationEvent Event(int sequence, DateTimeOffset at, ApplicationStatus statusAfter) =>
        new(sequence, "CONFIRMED", at, new Actor(ActorKind.Court, "新0102", "审判员 " + sequence), "reason " + sequence, statusAfter,
            new Dictionary<string, string> { ["key " + sequence] = "value " + sequence, ["ruling"] = "CONFIRM" });
}
