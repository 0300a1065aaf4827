using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Exchange.Gateway.Auth;

/// <summary>
/// Resolves API keys to principals. Keys are stored as their SHA-256 only. Lookups are cached
/// briefly so that authentication does not cost a database round trip per call; a revoked key
/// stops working within <see cref="KnownKeyLifetime"/>.
/// </summary>
public sealed class ApiKeyAuthenticator(NpgsqlDataSource dataSource, IMemoryCache cache)
{
    public static readonly TimeSpan KnownKeyLifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan UnknownKeyLifetime = TimeSpan.FromSeconds(5);

    public async ValueTask<Principal?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        var cacheKey = "apikey:" + Convert.ToHexString(hash);
        if (cache.TryGetValue(cacheKey, out Principal? cached))
        {
            return cached;
        }

        await using var command = dataSource.CreateCommand(
            "SELECT principal_kind, principal_id, display_name FROM exchange_credentials WHERE key_hash = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Principal? principal = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            var kind = reader.GetString(0) switch
            {
                "platform" => PrincipalKind.Platform,
                "court" => PrincipalKind.Court,
                _ => PrincipalKind.Admin,
            };
            principal = new Principal(kind, reader.GetString(1), reader.GetString(2));
        }

        cache.Set(cacheKey, principal, principal is null ? UnknownKeyLifetime : KnownKeyLifetime);
        return principal;
    }
}
