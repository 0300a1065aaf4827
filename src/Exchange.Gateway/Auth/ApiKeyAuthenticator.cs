using Exchange.Storage.Admin;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Exchange.Gateway.Auth;

/// <summary>
/// Resolves API keys to principals. Lookups are cached so that authentication does not cost a
/// database round trip per call. Every credential change notifies every gateway
/// (<see cref="CredentialChangeListener"/>), which drops the whole cache: a revoked key stops
/// working within moments. <see cref="KnownKeyLifetime"/> is the fallback when notifications are lost.
/// </summary>
public sealed class ApiKeyAuthenticator(CredentialStore credentials, IMemoryCache cache)
{
    public static readonly TimeSpan KnownKeyLifetime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan UnknownKeyLifetime = TimeSpan.FromSeconds(5);

    // Every entry expires when this is cancelled; Forget swaps in a fresh one.
    private CancellationTokenSource generation = new();

    public async ValueTask<Principal?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(apiKey);
        var cacheKey = "apikey:" + Convert.ToHexString(hash);
        if (cache.TryGetValue(cacheKey, out Principal? cached))
        {
            return cached;
        }

        // Taken before the lookup: a change notified while it runs expires what it finds.
        var current = Volatile.Read(ref generation);
        var owner = await credentials.FindAsync(hash, cancellationToken);
        var principal = owner is null ? null : new Principal(owner.Kind switch
        {
            CredentialKind.Platform => PrincipalKind.Platform,
            CredentialKind.Court => PrincipalKind.Court,
            _ => PrincipalKind.Admin,
        }, owner.Id, owner.DisplayName, owner.KeyPrefix);

        using var entry = cache.CreateEntry(cacheKey);
        entry.Value = principal;
        entry.AbsoluteExpirationRelativeToNow = principal is null ? UnknownKeyLifetime : KnownKeyLifetime;
        entry.AddExpirationToken(new CancellationChangeToken(current.Token));
        return principal;
    }

    /// <summary>Drops every cached lookup (a credential changed, or changes may have been missed).</summary>
    public void Forget()
    {
        var previous = Interlocked.Exchange(ref generation, new CancellationTokenSource());
        // Cancelled, never disposed: a lookup that began before the swap still reads its Token (a
        // disposed source throws ObjectDisposedException there, which reached callers as INTERNAL).
        // A source without a timer holds nothing that needs disposing.
        previous.Cancel();
    }
}
