using Exchange.Domain;
using Exchange.Storage.Admin;
using Npgsql;

namespace Exchange.Storage.Courts;

/// <summary>
/// The admin changes of courts and holiday years, each inside the admin transaction
/// (<see cref="AdminStore.ChangeAsync"/>) with its audit event. The caller checks the domain rules
/// first. A put that changes nothing writes nothing: no new version, no event, no notification.
/// </summary>
public static class CourtChanges
{
    /// <summary>
    /// Registers <paramref name="court"/> or replaces what is stored under its code (name, level,
    /// division code, accepted types). <paramref name="expectedVersion"/>: 0 puts whatever is stored;
    /// otherwise the stored version must be that one (a court not yet registered has none).
    /// </summary>
    /// <exception cref="AdminStoreException">VersionMismatch.</exception>
    public static async Task<CourtRecord> PutCourtAsync(this AdminChange change, Court court, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(court);
        CourtRecord? stored = null;
        await using (var select = change.Command($"SELECT {CourtCatalog.CourtColumns} FROM exchange_courts WHERE court_code = $1 FOR UPDATE", court.Code))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored = CourtCatalog.ReadCourt(reader);
            }
        }

        RequireVersion("court " + court.Code, stored?.Version, expectedVersion);
        if (stored is not null && Same(stored.Court, court))
        {
            return stored;
        }

        await using var write = change.Command(
            stored is null
                ? $"""
                  INSERT INTO exchange_courts (court_code, name, level, division_code, accepted_types, specialised_trial_code, case_numbering, case_type_codes, max_attachment_bytes)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                  ON CONFLICT (court_code) DO NOTHING RETURNING {CourtCatalog.CourtColumns}
                  """
                : $"""
                  UPDATE exchange_courts SET name = $2, level = $3, division_code = $4, accepted_types = $5, specialised_trial_code = $6,
                         case_numbering = $7, case_type_codes = $8, max_attachment_bytes = $9, version = version + 1, update_time = now()
                  WHERE court_code = $1 RETURNING {CourtCatalog.CourtColumns}
                  """,
            court.Code, court.Name, ProtoNames.Of(court.Level), court.DivisionCode);
        write.Parameters.Add(CourtCatalog.TypesParameter(court.AcceptedTypes));
        write.Parameters.Add(new NpgsqlParameter { Value = court.SpecialisedTrialCode });
        write.Parameters.Add(new NpgsqlParameter { Value = ProtoNames.Of(court.CaseNumbering) });
        write.Parameters.Add(CourtCatalog.CaseTypeCodesParameter(court.CaseTypeCodes));
        write.Parameters.Add(new NpgsqlParameter<long> { TypedValue = court.MaxAttachmentBytes });
        CourtRecord written;
        await using (var reader = await write.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            // Nothing returned: another operator registered the code between our read and insert.
            written = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? CourtCatalog.ReadCourt(reader)
                : throw VersionMismatch("court " + court.Code, "was registered concurrently; read it and try again");
        }

        await change.AuditAsync(stored is null ? "court.registered" : "court.changed", "court", court.Code, new()
        {
            ["version"] = written.Version,
            ["name"] = court.Name,
            ["level"] = ProtoNames.Of(court.Level),
            ["division_code"] = court.DivisionCode,
            ["accepted_types"] = court.AcceptedTypes.Select(ProtoNames.Of).ToArray(),
            ["specialised_trial_code"] = court.SpecialisedTrialCode,
            ["case_numbering"] = ProtoNames.Of(court.CaseNumbering),
            ["max_attachment_bytes"] = court.MaxAttachmentBytes,
            ["case_type_codes"] = court.CaseTypeCodes.ToDictionary(c => ProtoNames.Of(c.Type), c => c.Code),
        }, cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// Puts a year's schedule, replacing any stored for that year. <paramref name="expectedVersion"/>
    /// as in <see cref="PutCourtAsync"/>.
    /// </summary>
    /// <exception cref="AdminStoreException">VersionMismatch.</exception>
    public static async Task<HolidayYearRecord> PutHolidayYearAsync(this AdminChange change, HolidayYear year, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(year);
        HolidayYearRecord? stored = null;
        await using (var select = change.Command($"SELECT {CourtCatalog.YearColumns} FROM exchange_holiday_years WHERE year = $1 FOR UPDATE", year.Year))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored = CourtCatalog.ReadYear(reader);
            }
        }

        var subject = $"holiday year {year.Year}";
        RequireVersion(subject, stored?.Version, expectedVersion);
        if (stored is not null && Same(stored.Year, year))
        {
            return stored;
        }

        await using var write = change.Command(
            stored is null
                ? $"""
                  INSERT INTO exchange_holiday_years (year, holidays, make_up_working_days, source) VALUES ($1, $2, $3, $4)
                  ON CONFLICT (year) DO NOTHING RETURNING {CourtCatalog.YearColumns}
                  """
                : $"""
                  UPDATE exchange_holiday_years SET holidays = $2, make_up_working_days = $3, source = $4, version = version + 1, update_time = now()
                  WHERE year = $1 RETURNING {CourtCatalog.YearColumns}
                  """,
            year.Year);
        write.Parameters.Add(CourtCatalog.HolidaysParameter(year.Holidays));
        write.Parameters.Add(new NpgsqlParameter { Value = year.MakeUpWorkingDays.Order().ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Date });
        write.Parameters.Add(new NpgsqlParameter { Value = year.Source });
        HolidayYearRecord written;
        await using (var reader = await write.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            written = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? CourtCatalog.ReadYear(reader)
                : throw VersionMismatch(subject, "was put concurrently; read it and try again");
        }

        await change.AuditAsync(stored is null ? "holiday_year.added" : "holiday_year.replaced", "holiday_year", year.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), new()
        {
            ["version"] = written.Version,
            ["holidays"] = year.Holidays.Select(h => $"{h.Name} {h.First:yyyy-MM-dd}..{h.Last:yyyy-MM-dd}").ToArray(),
            ["make_up_working_days"] = year.MakeUpWorkingDays.Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        }, cancellationToken).ConfigureAwait(false);
        return written;
    }

    private static void RequireVersion(string subject, long? stored, long expected)
    {
        if (expected != 0 && (stored ?? 0) != expected)
        {
            throw VersionMismatch(subject, stored is null ? $"does not exist (expected version {expected})" : $"is at version {stored}, not {expected}");
        }
    }

    private static AdminStoreException VersionMismatch(string subject, string problem) =>
        new(AdminRefusal.VersionMismatch, $"{subject} {problem}");

    private static bool Same(Court stored, Court given) =>
        stored.Name == given.Name && stored.Level == given.Level && stored.DivisionCode == given.DivisionCode
        && stored.AcceptedTypes.SequenceEqual(given.AcceptedTypes) && stored.SpecialisedTrialCode == given.SpecialisedTrialCode
        && stored.CaseNumbering == given.CaseNumbering && stored.MaxAttachmentBytes == given.MaxAttachmentBytes && stored.CaseTypeCodes.OrderBy(c => c.Type).SequenceEqual(given.CaseTypeCodes.OrderBy(c => c.Type));

    private static bool Same(HolidayYear stored, HolidayYear given) =>
        stored.Source == given.Source && stored.Holidays.SequenceEqual(given.Holidays)
        && stored.MakeUpWorkingDays.Order().SequenceEqual(given.MakeUpWorkingDays.Order());
}
