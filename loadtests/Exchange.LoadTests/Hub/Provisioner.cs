using System.Globalization;
using Exchange.LoadTests.Generators;
using Exchange.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Exchange.LoadTests.Hub;

/// <summary>
/// Registers the load-test platforms and a key per sample court through the hub's AdminService,
/// with an admin key, as an operator would (the hub creates and hashes the keys).
/// </summary>
public static class Provisioner
{
    /// <summary>Id of the n-th load-test platform (1-based): "load-platform-01".</summary>
    /// <param name="n">1 to 99.</param>
    /// <returns>The id.</returns>
    public static string PlatformId(int n) => "load-platform-" + n.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>
    /// Registers <paramref name="platforms"/> platforms (an existing one gets another key) and
    /// issues a new key to each, and to each sample court.
    /// </summary>
    /// <param name="endpoint">The gateway, e.g. http://127.0.0.1:5180.</param>
    /// <param name="adminKey">An admin key of the hub.</param>
    /// <param name="platforms">1 to 99.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The new keys.</returns>
    public static async Task<LoadKeys> ProvisionAsync(string endpoint, string adminKey, int platforms, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(platforms, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(platforms, 99);
        using var channel = GrpcChannel.ForAddress(endpoint);
        var admin = new AdminService.AdminServiceClient(channel);
        CallOptions Options() => new(new Metadata { { "authorization", "Bearer " + adminKey } }, DateTime.UtcNow.AddSeconds(30), cancellationToken);

        var platformKeys = new List<PlatformKey>();
        for (var n = 1; n <= platforms; n++)
        {
            var id = PlatformId(n);
            string key;
            try
            {
                key = (await admin.RegisterPlatformAsync(
                    new RegisterPlatformRequest { PlatformId = id, DisplayName = $"负载测试调解平台 {n:D2}" }, Options())).IssuedKey.ApiKey;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
            {
                key = (await admin.IssueKeyAsync(
                    new IssueKeyRequest { PrincipalKind = PrincipalKind.Platform, PrincipalId = id, DisplayName = $"load test platform {n:D2}" }, Options())).ApiKey;
            }

            platformKeys.Add(new PlatformKey(id, key));
        }

        var courtKeys = new List<CourtKey>();
        foreach (var court in SampleCourts.All)
        {
            var issued = await admin.RegisterCourtAsync(
                new RegisterCourtRequest { CourtCode = court.Code, DisplayName = $"{court.Code} load test clerk office" }, Options());
            courtKeys.Add(new CourtKey(court.Code, issued.ApiKey));
        }

        return new LoadKeys(platformKeys, courtKeys);
    }
}
