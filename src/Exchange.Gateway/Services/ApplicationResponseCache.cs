using Microsoft.Extensions.Caching.Memory;
using Application = Exchange.V1.Application;

namespace Exchange.Gateway.Services;

/// <summary>
/// The last <see cref="Application"/> message built for each application, by its version. It is
/// only ever returned after the application's grain has confirmed, for the calling principal, that
/// the application is visible and still at that version — the cache saves building and encoding
/// the message, never a check. Bounded by <see cref="Capacity"/> entries (least recently used go).
/// </summary>
public sealed class ApplicationResponseCache : IDisposable
{
    public const int Capacity = 50_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.1 });

    /// <summary>The cached answer for an application: its version, and the message ready to send (see <see cref="Application.Preencoded"/>).</summary>
    public sealed record Entry(long Version, Application Message);

    public Entry? Find(string applicationId) => cache.Get<Entry>(applicationId);

    public void Remember(string applicationId, Application application) =>
        cache.Set(applicationId, new Entry(application.Version, application.Preencoded()),
            new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });

    public void Dispose() => cache.Dispose();
}
