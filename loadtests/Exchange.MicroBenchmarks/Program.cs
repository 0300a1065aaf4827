using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In process (no generated project to build): `dotnet run -c Release --project
// loadtests/Exchange.MicroBenchmarks -- --filter '*'`; BenchmarkDotNet's own arguments pass through.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(Exchange.MicroBenchmarks.RateLimitBenchmarks).Assembly).Run(args, config);
