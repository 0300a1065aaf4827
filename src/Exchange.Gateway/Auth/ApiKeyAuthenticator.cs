using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Exchange.Gateway.Errors;
using Exchange.Storage.Admin;
using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Exchange.Gateway.Auth;

/// <summary>
/// Resolves API keys to principals. A token that is not of the keys' form is refused before any
/// lookup (<see cref="ApiKeys.IsWellFormed"/>). Lookups are cached, in a cache of at most
/// <see cref="MaxCachedKeys"/> entries, so that authentication does not cost a database round trip
/// per call and a stream of made-up keys cannot grow the gateway's memory. Every credential change
/// notifies every gateway (<see cref="CredentialChangeListener"/>), which drops the whole cache: a
/// revoked key stops working within 2 s (measured by TenancyTests and AdminServiceTests).
/// <see cref="KnownKeyLifetime"/> is the bound when notifications are lost. While PostgreSQL is out
/// of reach, a key found valid within the last <see cref="OutageTrust"/> keeps working for reads
/// (Get…, List…) only; anything else, and any key not checked that recently, is UNAVAILABLE.
/// </summary>
/// <param name="maxCachedKeys">The cache's bound (tests set a small one).</param>
public sealed class ApiKeyAuthenticator(CredentialStore credentials, int maxCachedKeys = ApiKeyAuthenticator.MaxCachedKeys) : IDisposable
{
    public static readonly TimeSpan KnownKeyLifetime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan UnknownKeyLifetime = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after its last successful check a key is still trusted for reads while the store
    /// cannot be asked. A key revoked just before an outage, whose notification was lost, can read
    /// for at most this long after it was last checked; a revocation cannot happen during the outage
    /// (it is a write to the same store).
    /// </summary>
    public static readonly TimeSpan OutageTrust = TimeSpan.FromSeconds(60);

    /// <summary>How many looked-up keys a gateway keeps; when full, a key not in it is looked up on each call.</summary>
    public const int MaxCachedKeys = 10_000;

    private const string Scheme = "Bearer ";

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = maxCachedKeys });

    // Known keys as last checked, kept through Forget (a lost notification connection forgets the
    // cache when the outage begins); a check that finds the key gone removes it.
    private readonly MemoryCache lastChecked = new(new MemoryCacheOptions { SizeLimit = maxCachedKeys });

    // Every entry expires when this is cancelled; Forget swaps in a fresh one.
    private CancellationTokenSource generation = new();

    /// <summary>
    /// The principal of `authorization: Bearer &lt;api key&gt;` metadata; UNAUTHENTICATED when the
    /// header is missing or malformed, or the key is unknown or revoked.
    /// </summary>
    /// <param name="readOnly">The call only reads: a recently checked key is trusted while the store is out of reach.</param>
    public ValueTask<Principal> AuthenticateHeaderAsync(string? header, CancellationToken cancellationToken, bool readOnly = false) =>
        AuthenticateCallAsync(header, null, cancellationToken, readOnly);

    /// <summary>
    /// The principal of a call: its `authorization: Bearer &lt;api key&gt;` metadata when it has
    /// some; otherwise the platform its TLS client certificate is bound to (mutual TLS). UNAUTHENTICATED
    /// when the header is malformed, the key unknown or revoked, the certificate not bound (or its
    /// platform revoked), or there is neither.
    /// </summary>
    /// <param name="readOnly">The call only reads: a recently checked credential is trusted while the store is out of reach.</param>
    public async ValueTask<Principal> AuthenticateCallAsync(string? header, X509Certificate2? clientCertificate, CancellationToken cancellationToken, bool readOnly = false)
    {
        if (string.IsNullOrEmpty(header))
        {
            if (clientCertificate is not null)
            {
                return await AuthenticateCertificateAsync(clientCertificate, cancellationToken, readOnly)
                    ?? throw Refused(ClientCertificates.PrefixOf(SHA256.HashData(clientCertificate.RawData)), "client certificate not bound to a platform (or its platform is revoked)");
            }

            throw Refused("", "missing credential: send 'authorization: Bearer <api key>' metadata, or a bound client certificate over TLS");
        }

        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            throw Refused("", "malformed authorization metadata: expected 'Bearer <api key>'");
        }

        var key = header[Scheme.Length..].Trim();
        return await AuthenticateAsync(key, cancellationToken, readOnly)
            ?? throw Refused(ApiKeys.IsWellFormed(key) ? ApiKeys.PrefixOf(key) : "", "unknown or revoked API key");
    }

    /// <summary>The platform a client certificate is bound to, or null; cached as keys are.</summary>
    public async ValueTask<Principal?> AuthenticateCertificateAsync(X509Certificate2 certificate, CancellationToken cancellationToken, bool readOnly = false)
    {
        var sha256 = SHA256.HashData(certificate.RawData);
        return await LookUpAsync("cert:" + Convert.ToHexString(sha256), async ct =>
        {
            var owner = await credentials.FindByCertificateAsync(sha256, ct);
            return owner is null ? null : new Principal(PrincipalKind.Platform, owner.Id, owner.DisplayName, owner.KeyPrefix);
        }, cancellationToken, readOnly);
    }

    /// <summary>An UNAUTHENTICATED refusal that names the credential's prefix ("" when none can be shown), for the refusal log.</summary>
    private static RpcException Refused(string credentialPrefix, string message)
    {
        var refused = GrpcErrors.Unauthenticated(message);
        refused.Data[RefusedCredentialPrefix] = credentialPrefix;
        return refused;
    }

    /// <summary>The key of an UNAUTHENTICATED exception's Data holding the refused credential's prefix (never the key).</summary>
    public const string RefusedCredentialPrefix = "exchange.refused_credential";

    public async ValueTask<Principal?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken, bool readOnly = false)
    {
        if (!ApiKeys.IsWellFormed(apiKey))
        {
            return null;
        }

        var hash = ApiKeys.Hash(apiKey);
        return await LookUpAsync(Convert.ToHexString(hash), async ct =>
        {
            var owner = await credentials.FindAsync(hash, ct);
            return owner is null ? null : new Principal(owner.Kind switch
            {
                CredentialKind.Platform => PrincipalKind.Platform,
                CredentialKind.Court => PrincipalKind.Court,
                _ => PrincipalKind.Admin,
            }, owner.Id, owner.DisplayName, owner.KeyPrefix);
        }, cancellationToken, readOnly);
    }

    private async ValueTask<Principal?> LookUpAsync(string cacheKey, Func<CancellationToken, Task<Principal?>> lookUp, CancellationToken cancellationToken, bool readOnly)
    {
        if (cache.TryGetValue(cacheKey, out Principal? cached))
        {
            return cached;
        }

        // Taken before the lookup: a change notified while it runs expires what it finds.
        var current = Volatile.Read(ref generation);
        Principal? principal;
        try
        {
            principal = await lookUp(cancellationToken);
        }
        catch (Exception ex) when (readOnly && ErrorMappingInterceptor.Classify(ex) is not null && lastChecked.TryGetValue(cacheKey, out Principal? known))
        {
            return known;
        }

        using var entry = cache.CreateEntry(cacheKey);
        entry.Value = principal;
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = principal is null ? UnknownKeyLifetime : KnownKeyLifetime;
        entry.AddExpirationToken(new CancellationChangeToken(current.Token));
        if (principal is null)
        {
            lastChecked.Remove(cacheKey);
        }
        else
        {
            lastChecked.Set(cacheKey, principal, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = OutageTrust });
        }

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

    /// <summary>The number of keys held (tests: the cache stays bounded).</summary>
    public long CachedKeys => cache.Count;

    public void Dispose()
    {
        cache.Dispose();
        lastChecked.Dispose();
    }
}
