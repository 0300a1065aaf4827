using System.Text.Json;
using Exchange.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Exchange.Storage.Courts;

/// <summary>A court as stored: the domain's court, its version (1 when registered, +1 per change) and times.</summary>
public sealed record CourtRecord(Court Court, long Version, DateTimeOffset CreateTime, DateTimeOffset UpdateTime);

/// <summary>A holiday year as stored, with its version (1 when first put, +1 per change).</summary>
public sealed record HolidayYearRecord(HolidayYear Year, long Version, DateTimeOffset UpdateTime);

/// <summary>
/// The courts and holiday years in PostgreSQL (exchange_courts, exchange_holiday_years): read by
/// every silo and gateway at start and at each change notification; changed through
/// <see cref="CourtChanges"/> inside an admin transaction.
/// </summary>
public sealed class CourtCatalog(NpgsqlDataSource dataSource)
{
    private const string Channel = "exchange_courts_changed";
    internal const string CourtColumns =
        "court_code, name, level, division_code, accepted_types, version, create_time, update_time, specialised_trial_code, case_type_codes, case_numbering, max_attachment_bytes";
    internal const string YearColumns = "year, holidays, make_up_working_days, source, version, update_time";

    /// <summary>Every court, by code (ordinal).</summary>
    public async Task<IReadOnlyList<CourtRecord>> ListCourtsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ListCourtsAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every holiday year, by year.</summary>
    public async Task<IReadOnlyList<HolidayYearRecord>> ListHolidayYearsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ListHolidayYearsAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Courts and calendar as of one moment (one snapshot of the database).</summary>
    /// <exception cref="FormatException">A row breaks a domain rule (written around the admin service, e.g. with psql).</exception>
    public async Task<CourtsAndCalendar> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var courts = await ListCourtsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var years = await ListHolidayYearsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CourtsAndCalendar(CourtRegistry.FromCourts(courts.Select(c => c.Court)), HolidayCalendar.FromYears(years.Select(y => y.Year)));
    }

    /// <summary>
    /// Listens for changes to courts or holiday years until cancelled (a trigger notifies at each
    /// commit, however it was made); the arguments are those of <see cref="Admin.CredentialChanges.ListenAsync"/>.
    /// </summary>
    public Task ListenAsync(Action listening, Action changed, Action<Exception> lost, TimeSpan retryDelay, CancellationToken cancellationToken) =>
        Notifications.ListenAsync(dataSource, Channel, listening, changed, lost, retryDelay, cancellationToken);

    private static async Task<IReadOnlyList<CourtRecord>> ListCourtsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {CourtColumns} FROM exchange_courts ORDER BY court_code COLLATE \"C\"", connection, transaction);
        var courts = new List<CourtRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            courts.Add(ReadCourt(reader));
        }

        return courts;
    }

    private static async Task<IReadOnlyList<HolidayYearRecord>> ListHolidayYearsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {YearColumns} FROM exchange_holiday_years ORDER BY year", connection, transaction);
        var years = new List<HolidayYearRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            years.Add(ReadYear(reader));
        }

        return years;
    }

    internal static CourtRecord ReadCourt(NpgsqlDataReader reader) => new(
        new Court
        {
            Code = reader.GetString(0),
            Name = reader.GetString(1),
            Level = ProtoNames.Parse<CourtLevel>(reader.GetString(2)),
            DivisionCode = reader.GetString(3),
            AcceptedTypes = [.. reader.GetFieldValue<string[]>(4).Select(ProtoNames.Parse<ApplicationType>)],
            SpecialisedTrialCode = reader.GetString(8),
            CaseTypeCodes = [.. (JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(9)) ?? [])
                .Select(e => new CaseTypeCode(ProtoNames.Parse<ApplicationType>(e.Key), e.Value))
                .OrderBy(c => c.Type)],
            CaseNumbering = ProtoNames.Parse<CaseNumbering>(reader.GetString(10)),
            MaxAttachmentBytes = reader.GetInt64(11),
        },
        reader.GetInt64(5), Admin.AdminChange.ToOffset(reader.GetDateTime(6)), Admin.AdminChange.ToOffset(reader.GetDateTime(7)));

    internal static HolidayYearRecord ReadYear(NpgsqlDataReader reader) => new(
        new HolidayYear(
            reader.GetInt32(0),
            JsonSerializer.Deserialize<List<Holiday>>(reader.GetString(1), Json) ?? [],
            reader.GetFieldValue<DateOnly[]>(2),
            reader.GetString(3)) { Version = reader.GetInt64(4) },
        reader.GetInt64(4), Admin.AdminChange.ToOffset(reader.GetDateTime(5)));

    internal static NpgsqlParameter HolidaysParameter(IEnumerable<Holiday> holidays) =>
        new() { Value = JsonSerializer.Serialize(holidays, Json), NpgsqlDbType = NpgsqlDbType.Jsonb };

    internal static NpgsqlParameter CaseTypeCodesParameter(IEnumerable<CaseTypeCode> codes) =>
        new() { Value = JsonSerializer.Serialize(codes.ToDictionary(c => ProtoNames.Of(c.Type), c => c.Code)), NpgsqlDbType = NpgsqlDbType.Jsonb };

    internal static NpgsqlParameter TypesParameter(IEnumerable<ApplicationType> types) =>
        new() { Value = types.Select(ProtoNames.Of).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    // {"name": ..., "first": "2026-02-15", "last": ...}, as the seed in 0020-courts.sql.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
