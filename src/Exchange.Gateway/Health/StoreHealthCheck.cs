using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Exchange.Gateway.Health;

/// <summary>
/// Healthy when PostgreSQL answers a query within <see cref="HealthPublication.CheckTimeout"/>.
/// The wait is bounded here, not left to the driver: a server that accepts connections but does not
/// answer (hung, or its host stopped) kept the query — and with it every health publication — waiting,
/// so the last published SERVING stood. A pool of its own, so that hung probes never take the
/// connections the gateway's calls need.
/// </summary>
public sealed class StoreHealthCheck(NpgsqlDataSource probes) : IHealthCheck
{
    /// <summary>The probes' pool: a few connections, each attempt bounded by the connection timeout too.</summary>
    public static NpgsqlDataSource CreateProbes(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = 4,
            Timeout = 2,
            ApplicationName = "exchange-gateway-health",
        }.ConnectionString);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await Probe(cancellationToken).WaitAsync(HealthPublication.CheckTimeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", ex);
        }
    }

    private async Task Probe(CancellationToken cancellationToken)
    {
        await using var command = probes.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
