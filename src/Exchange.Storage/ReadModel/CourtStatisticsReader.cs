using Exchange.Domain;
using Npgsql;

namespace Exchange.Storage.ReadModel;

/// <summary>Applications of one type and status received in one month (CST), counted.</summary>
public sealed record StatusCountRow(ApplicationType Type, ApplicationStatus Status, string Month, long Count);

/// <summary>Count, mean, 90th percentile and median of a duration in days.</summary>
public sealed record DurationRow(long Count, double MeanDays, double P90Days, double P50Days);

public sealed record TypeDurationsRow(ApplicationType Type, DurationRow ReceiptToAcceptance, DurationRow AcceptanceToRuling);

/// <summary>A court's figures, computed by PostgreSQL from the read model (no grain is activated).</summary>
public sealed class CourtStatisticsReader(NpgsqlDataSource dataSource)
{
    private const string Range = "court_code = $1 AND ($2::timestamptz IS NULL OR received_at >= $2) AND ($3::timestamptz IS NULL OR received_at < $3)";

    public async Task<(IReadOnlyList<StatusCountRow> Counts, IReadOnlyList<TypeDurationsRow> Durations)> ReadAsync(
        string courtCode, DateTimeOffset? receivedAfter, DateTimeOffset? receivedBefore, CancellationToken cancellationToken)
    {
        var counts = new List<StatusCountRow>();
        await using (var command = Command(
            // Months of China Standard Time (a fixed +08:00: no daylight saving).
            "SELECT application_type, status, to_char(received_at AT TIME ZONE INTERVAL '+08:00', 'YYYY-MM') AS month, count(*) " +
            $"FROM exchange_applications WHERE {Range} GROUP BY 1, 2, 3 ORDER BY 3, 1, 2"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts.Add(new StatusCountRow(Enum.Parse<ApplicationType>(reader.GetString(0)), Enum.Parse<ApplicationStatus>(reader.GetString(1)),
                    reader.GetString(2), reader.GetInt64(3)));
            }
        }

        var durations = new List<TypeDurationsRow>();
        await using (var command = Command(
            "WITH d AS (SELECT application_type, " +
            "  extract(epoch FROM accepted_at - received_at) / 86400.0 AS to_acceptance, " +
            "  extract(epoch FROM ruled_at - accepted_at) / 86400.0 AS to_ruling " +
            $"  FROM exchange_applications WHERE {Range}) " +
            "SELECT application_type, count(to_acceptance), COALESCE(avg(to_acceptance), 0), " +
            "  COALESCE(percentile_cont(0.9) WITHIN GROUP (ORDER BY to_acceptance), 0), " +
            "  count(to_ruling), COALESCE(avg(to_ruling), 0), COALESCE(percentile_cont(0.9) WITHIN GROUP (ORDER BY to_ruling), 0), " +
            "  COALESCE(percentile_cont(0.5) WITHIN GROUP (ORDER BY to_acceptance), 0), COALESCE(percentile_cont(0.5) WITHIN GROUP (ORDER BY to_ruling), 0) " +
            "FROM d GROUP BY 1 ORDER BY 1"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                durations.Add(new TypeDurationsRow(Enum.Parse<ApplicationType>(reader.GetString(0)),
                    new DurationRow(reader.GetInt64(1), ToDouble(reader.GetValue(2)), reader.GetDouble(3), reader.GetDouble(7)),
                    new DurationRow(reader.GetInt64(4), ToDouble(reader.GetValue(5)), reader.GetDouble(6), reader.GetDouble(8))));
            }
        }

        return (counts, durations);

        NpgsqlCommand Command(string sql)
        {
            var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = courtCode });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)receivedAfter ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)receivedBefore ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            return command;
        }
    }

    private static double ToDouble(object value) => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
}
