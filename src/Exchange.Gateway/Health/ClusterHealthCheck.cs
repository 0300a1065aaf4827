using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Exchange.Gateway.Health;

/// <summary>Healthy when at least one silo of the cluster answers.</summary>
public sealed class ClusterHealthCheck(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var management = client.GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(onlyActive: true).WaitAsync(HealthPublication.CheckTimeout, cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("the Orleans cluster does not answer", ex);
        }
    }
}
