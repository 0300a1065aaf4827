using Grpc.Core;

namespace Exchange.Client;

/// <summary>
/// Retries a call that failed with <see cref="StatusCode.Unavailable"/>, and nothing else, with
/// exponential backoff and full jitter, for a bounded number of attempts.
/// </summary>
/// <remarks>
/// Only UNAVAILABLE is retried because it is the one status with which the hub promises that
/// nothing was acknowledged (filing.proto). Every other status is an answer: DEADLINE_EXCEEDED may
/// follow a durable write, RESOURCE_EXHAUSTED asks the caller to slow down, and the rest will fail
/// the same way again. Resending is safe because every call is idempotent or refused when
/// repeated: a submission on (platform, platform_case_id, type), a withdrawal by design, an act
/// or an answer with request_id by AIP-155 (without one, a repeat of an act that went through is
/// refused as TRANSITION_NOT_ALLOWED and changes nothing), BatchRule by its request_id, reads
/// trivially.
/// The very same request object is passed to every attempt, so a resend carries the same payload
/// and therefore the same payload fingerprint.
/// </remarks>
public sealed class RetryPolicy
{
    /// <summary>The policy used when none is given: 5 attempts, 200 ms doubling up to 5 s.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>A policy that makes exactly one attempt.</summary>
    public static RetryPolicy None { get; } = new(maxAttempts: 1);

    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<double> _jitter;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a policy.</summary>
    /// <param name="maxAttempts">Attempts in all, the first included; at least 1 (default 5).</param>
    /// <param name="initialBackoff">Upper bound of the first wait (default 200 ms).</param>
    /// <param name="maxBackoff">Cap on the upper bound of any wait (default 5 s).</param>
    /// <param name="backoffMultiplier">Growth of the upper bound per retry, at least 1 (default 2).</param>
    /// <param name="delay">How to wait; tests inject one that returns at once.</param>
    /// <param name="jitter">Source of uniform samples in [0, 1); tests inject a fixed one.</param>
    /// <param name="timeProvider">Clock used to keep waits inside a call's deadline.</param>
    public RetryPolicy(
        int maxAttempts = 5,
        TimeSpan? initialBackoff = null,
        TimeSpan? maxBackoff = null,
        double backoffMultiplier = 2.0,
        Func<TimeSpan, CancellationToken, Task>? delay = null,
        Func<double>? jitter = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffMultiplier, 1.0);
        InitialBackoff = initialBackoff ?? TimeSpan.FromMilliseconds(200);
        MaxBackoff = maxBackoff ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialBackoff, TimeSpan.Zero, nameof(initialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff, nameof(maxBackoff));
        MaxAttempts = maxAttempts;
        BackoffMultiplier = backoffMultiplier;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _delay = delay ?? ((wait, ct) => Task.Delay(wait, _timeProvider, ct));
        _jitter = jitter ?? Random.Shared.NextDouble;
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>Upper bound of the wait before the first retry.</summary>
    public TimeSpan InitialBackoff { get; }

    /// <summary>Cap on the upper bound of any wait.</summary>
    public TimeSpan MaxBackoff { get; }

    /// <summary>Growth factor of the upper bound from one retry to the next.</summary>
    public double BackoffMultiplier { get; }

    /// <summary>Called before each wait with the attempt that failed (1-based), its error and the wait.</summary>
    public Action<int, RpcException, TimeSpan>? OnRetry { get; init; }

    /// <summary>Whether <paramref name="exception"/> may be retried: only status UNAVAILABLE.</summary>
    public static bool IsRetryable(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode == StatusCode.Unavailable;
    }

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1 for the first retry): a uniform
    /// sample of [0, min(MaxBackoff, InitialBackoff × multiplier^(retry−1))).
    /// </summary>
    /// <remarks>Full jitter, as gRPC's own retry design (A6) does: spreading retries out keeps a
    /// fleet of platforms from hammering a hub that is coming back in lock step.</remarks>
    public TimeSpan GetBackoff(int retry, double jitterSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ceilingMs = InitialBackoff.TotalMilliseconds * Math.Pow(BackoffMultiplier, retry - 1);
        ceilingMs = Math.Min(ceilingMs, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceilingMs * Math.Clamp(jitterSample, 0.0, 1.0));
    }

    /// <summary>
    /// Runs <paramref name="call"/> until it succeeds, fails with a status other than UNAVAILABLE,
    /// or has been attempted <see cref="MaxAttempts"/> times; then the last error is thrown.
    /// </summary>
    /// <param name="call">One attempt. It must send the same request every time.</param>
    /// <param name="deadline">The call's deadline (UTC), if any: no wait is started that would
    /// end past it, and the last UNAVAILABLE is thrown instead.</param>
    /// <param name="cancellationToken">Stops waiting and attempting.</param>
    public async Task<T> ExecuteAsync<T>(
        Func<CancellationToken, Task<T>> call,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex) when (IsRetryable(ex) && attempt < MaxAttempts)
            {
                var wait = GetBackoff(attempt, _jitter());
                if (deadline is { } d && _timeProvider.GetUtcNow().UtcDateTime + wait >= d.ToUniversalTime())
                {
                    throw;
                }

                OnRetry?.Invoke(attempt, ex, wait);
                await _delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
