using Exchange.Abstractions;
using Microsoft.Extensions.Hosting;

namespace Exchange.Silo.Hosting;

/// <summary>
/// Makes sure the deadline watcher's reminder exists once the silo runs (registered after
/// UseOrleans, so it starts after the silo). The reminder itself is stored in PostgreSQL and
/// survives restarts; this only covers a brand-new database or a changed check period.
/// </summary>
public sealed class DeadlineWatchStarter(IGrainFactory grains) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IDeadlineWatchGrain>(0).StartAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
