using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Exchange.Peer;

/// <summary>
/// The key check: the SHA-256 of the bearer key looked up in peer.api_keys, the answer cached
/// briefly (10 s for a known key, 5 s for an unknown one, at most 10,000 keys), as the hub's
/// gateway caches its own lookups: a normal service does not pay a database round trip per call.
/// </summary>
public sealed class PeerKeys(PeerStore store) : IDisposable
{
    private static readonly TimeSpan KnownKeyLifetime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan UnknownKeyLifetime = TimeSpan.FromSeconds(5);

    // Bounds the hashing work of a forged header; real keys are far shorter.
    private const int MaxKeyLength = 256;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>The platform of `authorization: Bearer &lt;key&gt;`, or null when the header is missing, malformed or the key unknown.</summary>
    public async ValueTask<string?> PlatformOfAsync(string? header, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length > scheme.Length + MaxKeyLength)
        {
            return null;
        }

        var key = header[scheme.Length..].Trim();
        if (key.Length == 0)
        {
            return null;
        }

        // Cached by the hash, as the hub does: the key itself is not kept.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var cacheKey = Convert.ToHexString(hash);
        if (_cache.TryGetValue(cacheKey, out string? cached))
        {
            return cached;
        }

        var platform = await store.FindPlatformAsync(hash, cancellationToken);
        _cache.Set(cacheKey, platform, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = platform is null ? UnknownKeyLifetime : KnownKeyLifetime,
        });
        return platform;
    }

    /// <inheritdoc/>
    public void Dispose() => _cache.Dispose();
}
