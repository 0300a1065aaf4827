using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Exchange.LoadTests.Generators;
using Npgsql;

namespace Exchange.LoadTests.Hub;

/// <summary>
/// Registers the load-test platforms and a key per sample court directly in the hub's PostgreSQL,
/// as the CLI's admin commands and the integration tests' HubFixture do: the hub keeps only the
/// SHA-256 of a key, so a key must be created where it is stored.
/// </summary>
public static class Provisioner
{
    /// <summary>Id of the n-th load-test platform (1-based): "load-platform-01".</summary>
    /// <param name="n">1 to 99.</param>
    /// <returns>The id.</returns>
    public static string PlatformId(int n) => "load-platform-" + n.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>
    /// Registers <paramref name="platforms"/> platforms (existing ones are kept) and issues a new key to
    /// each, and to each sample court, in one transaction.
    /// </summary>
    /// <param name="connectionString">Npgsql connection string of the hub's database (its schema must exist).</param>
    /// <param name="platforms">1 to 99.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The new keys.</returns>
    public static async Task<LoadKeys> ProvisionAsync(string connectionString, int platforms, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(platforms, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(platforms, 99);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var platformKeys = new List<PlatformKey>();
        for (var n = 1; n <= platforms; n++)
        {
            var id = PlatformId(n);
            await using (var platform = new NpgsqlCommand(
                "INSERT INTO exchange_platforms (platform_id, display_name) VALUES ($1, $2) ON CONFLICT DO NOTHING", connection, transaction))
            {
                platform.Parameters.Add(new NpgsqlParameter { Value = id });
                platform.Parameters.Add(new NpgsqlParameter { Value = $"负载测试调解平台 {n:D2}" });
                await platform.ExecuteNonQueryAsync(cancellationToken);
            }

            platformKeys.Add(new PlatformKey(id, await IssueKeyAsync(connection, transaction, "platform", id, $"load test platform {n:D2}", cancellationToken)));
        }

        var courtKeys = new List<CourtKey>();
        foreach (var court in SampleCourts.All)
        {
            courtKeys.Add(new CourtKey(court.Code, await IssueKeyAsync(connection, transaction, "court", court.Code, $"{court.Code} load test clerk office", cancellationToken)));
        }

        await transaction.CommitAsync(cancellationToken);
        return new LoadKeys(platformKeys, courtKeys);
    }

    private static async Task<string> IssueKeyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string kind, string principal, string displayName, CancellationToken cancellationToken)
    {
        // The hub's key format: "exk_" and 32 random bytes in base64url; stored as SHA-256 of the
        // UTF-8 key with its first 12 characters as a prefix to tell keys apart.
        var key = "exk_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await using var credential = new NpgsqlCommand(
            "INSERT INTO exchange_credentials (key_hash, key_prefix, principal_kind, principal_id, display_name) VALUES ($1, $2, $3, $4, $5)",
            connection,
            transaction);
        credential.Parameters.Add(new NpgsqlParameter { Value = SHA256.HashData(Encoding.UTF8.GetBytes(key)) });
        credential.Parameters.Add(new NpgsqlParameter { Value = key[..12] });
        credential.Parameters.Add(new NpgsqlParameter { Value = kind });
        credential.Parameters.Add(new NpgsqlParameter { Value = principal });
        credential.Parameters.Add(new NpgsqlParameter { Value = displayName });
        await credential.ExecuteNonQueryAsync(cancellationToken);
        return key;
    }
}
