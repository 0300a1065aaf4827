using Microsoft.Extensions.Caching.Memory;
using Application = Exchange.V1.Application;

namespace Exchange.Gateway.Services;

/// <summary>
/// The last <see cref="Application"/> message built for each application, by its version. It is
/// only ever returned after the application's grain has confirmed, for the calling principal, that
/// the application is visible and still at that version — the cache saves building and shipping
/// the message, never a check. Bounded by <see cref="Capacity"/> entries (least recently used go).
/// </summary>
public sealed class ApplicationResponseCache : IDisposable
{
    public const int Capacity = 50_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.1 });

    public Application? Find(string applicationId) => cache.Get<Application>(applicationId);

    public void Remember(string applicationId, Application application) =>
        cache.Set(applicationId, application, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });

    public void Dispose() => cache.Dispose();
}
