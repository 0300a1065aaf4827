using BenchmarkDotNet.Attributes;
using Exchange.Gateway.Auth;
using Exchange.Gateway.Limits;

namespace Exchange.MicroBenchmarks;

/// <summary>
/// What the gateway's rate limits (issue 14: Exchange:RateLimits) add to one call: the same
/// pipeline — a platform's principal attached as <see cref="AuthenticationMiddleware"/> attaches
/// it, then an endpoint that does nothing — with and without ASP.NET Core's rate limiter as
/// <see cref="RateLimits.AddExchangeRateLimits"/> configures it. The difference of the two
/// arms is the limiter's cost per call; the load test's "cost per stored application" line gives
/// the gateway's and the whole hub's CPU per submission to set it against.
/// </summary>
[MemoryDiagnoser]
public class RateLimitBenchmarks
{
    private RequestDelegate withLimits = null!;
    private RequestDelegate withoutLimits = null!;
    private ServiceProvider services = null!;
    private Principal[] platforms = null!;
    private int next;

    /// <summary>How many platforms the calls rotate over (each its own bucket, as in the hub).</summary>
    [Params(1, 100)]
    public int Platforms { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // A bucket that never empties during the run: every call takes the path of a call that is let through.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Exchange:RateLimits:Platform:PermitsPerSecond"] = "1000000000",
            ["Exchange:RateLimits:Platform:Burst"] = "1000000000",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddExchangeRateLimits(configuration);
        services = collection.BuildServiceProvider();
        platforms = Enumerable.Range(0, Platforms).Select(i => new Principal(PrincipalKind.Platform, $"platform-{i:000}", "Platform")).ToArray();
        withLimits = Pipeline(limited: true);
        withoutLimits = Pipeline(limited: false);
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark(Baseline = true)]
    public Task CallWithoutLimits() => withoutLimits(Call());

    [Benchmark]
    public Task CallWithLimits() => withLimits(Call());

    private DefaultHttpContext Call()
    {
        var http = new DefaultHttpContext { RequestServices = services };
        platforms[next++ % platforms.Length].AttachTo(http);
        return http;
    }

    private RequestDelegate Pipeline(bool limited)
    {
        var app = new ApplicationBuilder(services);
        if (limited)
        {
            app.UseRateLimiter();
        }

        app.Run(http => Task.CompletedTask);
        return app.Build();
    }
}
