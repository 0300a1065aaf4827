using Exchange.V1;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Client.Tests;

public sealed class RetryPolicyTests
{
    private static readonly Receipt OkReceipt = new() { ApplicationId = "0193a1b2-0000-7000-8000-000000000001", Status = ApplicationStatus.Received };

    [Fact]
    public async Task SubmitAsync_UnavailableThenSuccess_ResendsTheSameRequestObject()
    {
        var invoker = FakeCallInvoker.FailingThen(2, StatusCode.Unavailable, OkReceipt);
        var client = new ExchangeClient(invoker, "exk_test", new ExchangeClientOptions { RetryPolicy = Samples.InstantRetry(5) });
        var request = Samples.Load(Samples.JudicialConfirmation);

        var receipt = await client.Filing.SubmitAsync(request);

        Assert.Equal(OkReceipt, receipt);
        Assert.Equal(3, invoker.Calls.Count);
        Assert.All(invoker.Calls, call => Assert.Same(request, call.Request));
        Assert.All(invoker.Calls, call => Assert.Equal("/exchange.v1.FilingService/SubmitApplication", call.Method));
    }

    [Fact]
    public async Task SubmitAsync_AlwaysUnavailable_StopsAfterMaxAttemptsAndThrowsUnavailable()
    {
        var invoker = FakeCallInvoker.FailingThen(int.MaxValue, StatusCode.Unavailable, OkReceipt);
        var waits = new List<TimeSpan>();
        var client = new ExchangeClient(invoker, "exk_test", new ExchangeClientOptions { RetryPolicy = Samples.InstantRetry(4, waits) });

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.Filing.SubmitAsync(new SubmitApplicationRequest()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(4, invoker.Calls.Count);
        Assert.Equal(3, waits.Count);
    }

    [Fact]
    public async Task DefaultPolicy_MakesFiveAttempts()
    {
        var attempts = 0;
        var policy = new RetryPolicy(delay: (_, _) => Task.CompletedTask);

        await Assert.ThrowsAsync<RpcException>(() => policy.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new RpcException(new Status(StatusCode.Unavailable, "down"));
        }));

        Assert.Equal(5, policy.MaxAttempts);
        Assert.Equal(5, attempts);
    }

    [Theory]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Unknown)]
    [InlineData(StatusCode.Aborted)]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.AlreadyExists)]
    [InlineData(StatusCode.Unauthenticated)]
    [InlineData(StatusCode.Cancelled)]
    public async Task SubmitAsync_AnyOtherStatus_IsNotRetried(StatusCode code)
    {
        var invoker = FakeCallInvoker.FailingThen(1, code, OkReceipt);
        var client = new ExchangeClient(invoker, "exk_test", new ExchangeClientOptions { RetryPolicy = Samples.InstantRetry(5) });

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.Filing.SubmitAsync(new SubmitApplicationRequest()));

        Assert.Equal(code, ex.StatusCode);
        Assert.Single(invoker.Calls);
    }

    [Fact]
    public async Task IsRetryable_OnlyUnavailable()
    {
        foreach (var code in Enum.GetValues<StatusCode>())
        {
            Assert.Equal(code == StatusCode.Unavailable, RetryPolicy.IsRetryable(new RpcException(new Status(code, ""))));
        }

        // A non-RPC failure (a bug, a broken fake) is never retried either.
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Samples.InstantRetry(5).ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new InvalidOperationException();
        }));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledDuringBackoff_StopsWithoutAnotherAttempt()
    {
        using var cts = new CancellationTokenSource();
        var attempts = 0;
        var policy = new RetryPolicy(5, delay: (_, ct) =>
        {
            cts.Cancel(); // the user presses Ctrl+C while the client waits to retry
            return Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => policy.ExecuteAsync<int>(
            _ =>
            {
                attempts++;
                throw new RpcException(new Status(StatusCode.Unavailable, "down"));
            },
            cancellationToken: cts.Token));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_AlreadyCancelled_MakesNoAttempt()
    {
        var attempts = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Samples.InstantRetry(5).ExecuteAsync(
            _ => Task.FromResult(++attempts),
            cancellationToken: new CancellationToken(canceled: true)));
        Assert.Equal(0, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_PassesTheCancellationTokenToEachAttempt()
    {
        using var cts = new CancellationTokenSource();
        var invoker = FakeCallInvoker.FailingThen(1, StatusCode.Unavailable, OkReceipt);
        var client = new ExchangeClient(invoker, "exk_test", new ExchangeClientOptions { RetryPolicy = Samples.InstantRetry(5) });

        await client.Filing.SubmitAsync(new SubmitApplicationRequest(), cancellationToken: cts.Token);

        Assert.All(invoker.Calls, call => Assert.Equal(cts.Token, call.Options.CancellationToken));
    }

    [Fact]
    public async Task ExecuteAsync_WaitWouldPassTheDeadline_ThrowsTheLastUnavailableInstead()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var waits = new List<TimeSpan>();
        var policy = new RetryPolicy(
            5,
            initialBackoff: TimeSpan.FromSeconds(1),
            maxBackoff: TimeSpan.FromSeconds(1),
            delay: (wait, _) =>
            {
                waits.Add(wait);
                clock.Advance(wait);
                return Task.CompletedTask;
            },
            jitter: () => 0.9,
            timeProvider: clock);
        var deadline = clock.GetUtcNow().UtcDateTime.AddSeconds(2);
        var attempts = 0;

        var ex = await Assert.ThrowsAsync<RpcException>(() => policy.ExecuteAsync<int>(
            _ =>
            {
                attempts++;
                throw new RpcException(new Status(StatusCode.Unavailable, "down"));
            },
            deadline));

        // Waits of 0.9 s end at 0.9 s and 1.8 s, inside the 2 s deadline; a third would end at 2.7 s.
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(3, attempts);
        Assert.Equal(2, waits.Count);
    }

    [Fact]
    public async Task CallsCarryTheDeadline_AndTheDefaultTimeoutWhenNoneIsGiven()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var invoker = FakeCallInvoker.FailingThen(0, StatusCode.OK, new Application());
        var client = new ExchangeClient(invoker, "exk_test", new ExchangeClientOptions
        {
            RetryPolicy = Samples.InstantRetry(5),
            DefaultTimeout = TimeSpan.FromSeconds(30),
            TimeProvider = clock,
        });
        var explicitDeadline = new DateTime(2026, 11, 28, 12, 0, 5, DateTimeKind.Utc);

        await client.Filing.GetAsync("x", explicitDeadline);
        await client.Filing.GetAsync("x");

        Assert.Equal(explicitDeadline, invoker.Calls[0].Options.Deadline);
        Assert.Equal(new DateTime(2026, 11, 28, 12, 0, 30, DateTimeKind.Utc), invoker.Calls[1].Options.Deadline);
    }

    [Theory]
    [InlineData(1, 1.0, 200)]
    [InlineData(2, 1.0, 400)]
    [InlineData(3, 1.0, 800)]
    [InlineData(3, 0.5, 400)]
    [InlineData(10, 1.0, 5000)] // capped at MaxBackoff
    [InlineData(4, 0.0, 0)]
    public void GetBackoff_GrowsExponentiallyWithFullJitterUpToTheCap(int retry, double jitter, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryPolicy.Default.GetBackoff(retry, jitter));
    }

    [Fact]
    public async Task OnRetry_IsToldEachFailedAttemptAndItsWait()
    {
        var seen = new List<(int Attempt, StatusCode Code)>();
        var policy = new RetryPolicy(3, delay: (_, _) => Task.CompletedTask) { OnRetry = (a, ex, _) => seen.Add((a, ex.StatusCode)) };

        await Assert.ThrowsAsync<RpcException>(() => policy.ExecuteAsync<int>(_ =>
            throw new RpcException(new Status(StatusCode.Unavailable, "down"))));

        Assert.Equal([(1, StatusCode.Unavailable), (2, StatusCode.Unavailable)], seen);
    }

    [Fact]
    public void Constructor_RejectsFewerThanOneAttempt() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(0));
}
