using System.Globalization;
using System.Threading.RateLimiting;
using Exchange.Domain;
using Exchange.Gateway.Auth;
using Exchange.Gateway.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Exchange.Gateway.Limits;

/// <summary>
/// Exchange:RateLimits: a token bucket per platform and one per court, on each gateway. The
/// defaults (500 calls a second, bursts of 1,000) are far above what a platform or court sends in
/// normal work and far below what a gateway serves, so they only stop a runaway client.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>Exchange:RateLimits:Platform — every platform's bucket (all its keys together).</summary>
    public TokenBucket Platform { get; set; } = new();

    /// <summary>Exchange:RateLimits:Court — every court's bucket (all its keys together).</summary>
    public TokenBucket Court { get; set; } = new();
}

/// <summary>One principal's bucket: <see cref="PermitsPerSecond"/> calls a second sustained, <see cref="Burst"/> at once.</summary>
public sealed class TokenBucket
{
    /// <summary>Calls a second the principal may sustain; 0 turns the limit off.</summary>
    public int PermitsPerSecond { get; set; } = 500;

    /// <summary>The bucket's size: how many calls may come at once after a quiet spell.</summary>
    public int Burst { get; set; } = 1000;

    /// <summary>The limiter's options: the bucket is refilled ten times a second (or once per permit, when slower), so no second starts with a flood.</summary>
    internal TokenBucketRateLimiterOptions ToOptions() => PermitsPerSecond >= 10
        ? new()
        {
            TokenLimit = Burst,
            TokensPerPeriod = (PermitsPerSecond + 9) / 10,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = 0,
            AutoReplenishment = true,
        }
        : new()
        {
            TokenLimit = Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / PermitsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
}

/// <summary>
/// The gateway's rate limits (ASP.NET Core's rate limiter, after <see cref="AuthenticationMiddleware"/>
/// has said whose call it is, before the body is read): a call over its principal's limit answers
/// RESOURCE_EXHAUSTED, reason RATE_LIMITED, with a google.rpc.RetryInfo saying when the bucket has
/// a permit again. Operators' calls, Bootstrap, health and reflection are not limited.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddExchangeRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitSettings>()
            .Bind(configuration.GetSection("Exchange:RateLimits"))
            .Validate(s => Valid(s.Platform) && Valid(s.Court),
                "Exchange:RateLimits:{Platform,Court}: PermitsPerSecond must be 0 (off) or more, and Burst at least 1 when the limit is on")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>>((o, settings) =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, settings.Value));
            o.OnRejected = (rejected, _) => new ValueTask(GrpcErrors.WriteAsync(rejected.HttpContext, Refusal(rejected.Lease, Principal.Find(rejected.HttpContext))));
        });
        return services;
    }

    private static bool Valid(TokenBucket bucket) => bucket.PermitsPerSecond >= 0 && (bucket.PermitsPerSecond == 0 || bucket.Burst >= 1);

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitSettings settings)
    {
        var principal = Principal.Find(http);
        var bucket = principal?.Kind switch
        {
            PrincipalKind.Platform => settings.Platform,
            PrincipalKind.Court => settings.Court,
            _ => null,
        };
        return principal is null || bucket is not { PermitsPerSecond: > 0 }
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetTokenBucketLimiter(Scope(principal) + ":" + principal.Id, _ => bucket.ToOptions());
    }

    private static string Scope(Principal principal) => principal.Kind == PrincipalKind.Platform ? "platform" : "court";

    /// <summary>RESOURCE_EXHAUSTED (RATE_LIMITED) with the RetryInfo of <paramref name="lease"/>.</summary>
    public static RpcException Refusal(RateLimitLease lease, Principal? principal)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromMilliseconds(100);
        var scope = principal is null ? "caller" : Scope(principal);
        var status = GrpcErrors.ToStatus(StatusCode.ResourceExhausted, ErrorReason.RateLimited,
            $"the {scope}'s rate limit is reached; nothing was done: repeat the call after {retryAfter.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)} ms",
            new Dictionary<string, string> { ["limit"] = scope });
        status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }));
        return status.ToRpcException();
    }
}
