using Npgsql;

namespace Exchange.Faults;

/// <summary>The acknowledged receipts against PostgreSQL.</summary>
public sealed record StoreCheck(int Acknowledged, int Lost, int Duplicated, int StoredNotAcknowledged)
{
    /// <summary>
    /// Lost: an acknowledged case without its row, or whose row has another application id than the
    /// receipt. Duplicated: a case acknowledged under two application ids, or stored twice.
    /// Stored but never acknowledged (a submission given up while its answer was lost) is counted apart.
    /// </summary>
    public static async Task<StoreCheck> RunAsync(string database, string platformId, LoadResult load)
    {
        var stored = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var source = NpgsqlDataSource.Create(database))
        await using (var command = source.CreateCommand(
            "SELECT platform_case_id, application_id::text FROM exchange_applications WHERE platform_id = $1"))
        {
            command.Parameters.AddWithValue(platformId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var caseId = reader.GetString(0);
                if (!stored.TryGetValue(caseId, out var ids))
                {
                    stored[caseId] = ids = [];
                }

                ids.Add(reader.GetString(1));
            }
        }

        var lost = 0;
        var duplicated = 0;
        foreach (var (caseId, receipts) in load.Acknowledged)
        {
            var acknowledged = receipts.Distinct(StringComparer.Ordinal).ToList();
            var rows = stored.GetValueOrDefault(caseId) ?? [];
            if (acknowledged.Count > 1 || rows.Count > 1)
            {
                duplicated++;
            }

            if (!acknowledged.All(rows.Contains))
            {
                lost++;
            }
        }

        // The recovery probe's own application is not part of the load.
        var storedNotAcknowledged = stored.Keys.Count(k => !load.Acknowledged.ContainsKey(k) && !k.EndsWith("-after", StringComparison.Ordinal));
        return new StoreCheck(load.Acknowledged.Count, lost, duplicated, storedNotAcknowledged);
    }
}
