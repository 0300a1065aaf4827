using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace Exchange.Client;

/// <summary>
/// How a call that failed with <see cref="StatusCode.Unavailable"/>, and nothing else, is retried:
/// by grpc-dotnet's own retries (a service config on the channel), with exponential backoff and
/// jitter, inside the call's deadline, for a bounded number of attempts.
/// </summary>
/// <remarks>
/// Only UNAVAILABLE is retried because it is the one status with which the hub promises that
/// nothing was done (filing.proto). Every other status is an answer: UNKNOWN and DEADLINE_EXCEEDED
/// may follow a durable write, RESOURCE_EXHAUSTED asks the caller to slow down, and the rest will
/// fail the same way again. A retry resends the very bytes of the first attempt; and the typed
/// clients give every mutating request that has a request_id one before the first attempt (AIP-155),
/// so that even a resend of something the hub did is answered with its outcome, not done twice.
/// </remarks>
public sealed record RetrySettings
{
    /// <summary>The settings used when none are given: 5 attempts, backoff from 200 ms doubling up to 5 s.</summary>
    public static RetrySettings Default { get; } = new();

    /// <summary>Exactly one attempt.</summary>
    public static RetrySettings None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Attempts in all, the first included; at least 1 (1: no retry).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Upper bound of the first wait; above zero.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on the upper bound of any wait; above zero.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Growth of the upper bound from one retry to the next; above zero.</summary>
    public double BackoffMultiplier { get; init; } = 2.0;

    /// <summary>
    /// The largest request a retry can resend, in bytes: grpc-dotnet keeps each request in memory
    /// until the call is over, and sends a larger one once. Above the hub's 4 MiB request limit.
    /// </summary>
    internal const int MaxResendableRequestBytes = 5 * 1024 * 1024;

    /// <summary>
    /// Sets these retries on <paramref name="channel"/>: its service config (UNAVAILABLE only, every
    /// method), the channel-wide cap on attempts, and a per-call buffer large enough for any request.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range.</exception>
    public void ApplyTo(GrpcChannelOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialBackoff, TimeSpan.Zero, nameof(InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxBackoff, TimeSpan.Zero, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BackoffMultiplier, 0, nameof(BackoffMultiplier));
        if (MaxAttempts == 1)
        {
            channel.ServiceConfig = null;
            return;
        }

        var policy = new RetryPolicy
        {
            MaxAttempts = MaxAttempts,
            InitialBackoff = InitialBackoff,
            MaxBackoff = MaxBackoff,
            BackoffMultiplier = BackoffMultiplier,
            RetryableStatusCodes = { StatusCode.Unavailable },
        };
        channel.ServiceConfig = new ServiceConfig { MethodConfigs = { new MethodConfig { Names = { MethodName.Default }, RetryPolicy = policy } } };
        // The channel caps every method's attempts (default 5) whatever its service config says.
        channel.MaxRetryAttempts = MaxAttempts;
        channel.MaxRetryBufferPerCallSize = Math.Max(channel.MaxRetryBufferPerCallSize ?? 0, MaxResendableRequestBytes);
        channel.MaxRetryBufferSize = Math.Max(channel.MaxRetryBufferSize ?? 0, 4L * MaxResendableRequestBytes);
    }
}
