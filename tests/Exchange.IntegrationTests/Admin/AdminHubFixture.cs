using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Exchange.IntegrationTests.Admin;

/// <summary>
/// A hub of its own for the admin tests: its bootstrap is eight concurrent Bootstrap calls (their
/// outcomes kept for a test), and it runs a second gateway, so that a revocation made through one
/// gateway can be watched arriving at the other.
/// </summary>
public sealed class AdminHubFixture : HubFixture
{
    public const int ConcurrentBootstraps = 8;

    public IReadOnlyList<(IssuedKey? Key, RpcException? Error)> BootstrapOutcomes { get; private set; } = [];

    public HubProcess SecondGateway { get; private set; } = null!;

    public GrpcChannel SecondChannel { get; private set; } = null!;

    protected override async Task StartAsync()
    {
        await base.StartAsync();
        var port = HubProcess.FreePort();
        SecondGateway = await StartGatewayProcessAsync(port);
        SecondChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
    }

    protected override async Task<string> BootstrapAsync()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, ConcurrentBootstraps).Select(async _ =>
        {
            await start.Task;
            try
            {
                return ((IssuedKey?)await Admin.BootstrapAsync(new BootstrapRequest(), deadline: DateTime.UtcNow.AddSeconds(30)), (RpcException?)null);
            }
            catch (RpcException ex)
            {
                return (null, ex);
            }
        }).ToList();
        start.SetResult();
        BootstrapOutcomes = await Task.WhenAll(calls);
        return BootstrapOutcomes.FirstOrDefault(o => o.Key is not null).Key?.ApiKey
            ?? throw new InvalidOperationException("no bootstrap succeeded: " + string.Join("; ", BootstrapOutcomes.Select(o => o.Error?.Status.Detail)));
    }

    public AdminService.AdminServiceClient SecondAdmin => new(SecondChannel);

    public override async Task DisposeAsync()
    {
        SecondChannel?.Dispose();
        if (SecondGateway is not null)
        {
            await SecondGateway.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
