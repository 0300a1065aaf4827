using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Exchange.LoadTesting;
using Exchange.LoadTests.Generators;
using Exchange.LoadTests.Hub;
using Exchange.LoadTests.Scenarios;
using Grpc.Core;

namespace Exchange.LoadTests.Commands;

/// <summary>
/// <c>activate --endpoint URL --keys FILE --count N</c>: submits N unique applications (N new grains),
/// each once, for the memory measurement; prints what was acknowledged.
/// </summary>
internal static class ActivateCommand
{
    public static Command Create()
    {
        var endpoint = CliOptions.Endpoint("--endpoint", "The hub's gRPC endpoint", RunCommand.DefaultEndpoint);
        var keysFile = new Option<string>("--keys") { Description = "Keys file written by 'provision'", Required = true };
        var count = CliOptions.AtLeast("--count", "Applications to submit", 1_000, 1, 10_000_000);
        count.Required = true;
        var concurrency = CliOptions.AtLeast("--concurrency", "Calls in flight", 32, 1, 10_000);
        var channels = CliOptions.AtLeast("--channels", "gRPC channels (HTTP/2 connections)", 4, 1, 64);
        var callTimeout = CliOptions.Duration("--call-timeout", "Deadline of each call", TimeSpan.FromSeconds(10));
        var command = new Command("activate", "Submit N unique applications (one new grain each), for memory measurements")
        {
            endpoint, keysFile, count, concurrency, channels, callTimeout,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var keys = LoadKeys.Load(parseResult.GetValue(keysFile)!);
            using var hub = new HubConnection(parseResult.GetValue(endpoint)!, keys, parseResult.GetValue(channels));
            var generator = new ApplicationGenerator();
            var caseIds = new CaseIds();
            var timeout = parseResult.GetValue(callTimeout);
            var n = parseResult.GetValue(count);
            var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            var ok = 0;
            var clock = Stopwatch.StartNew();
            var options = new ParallelOptions { MaxDegreeOfParallelism = parseResult.GetValue(concurrency), CancellationToken = cancellationToken };
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, n), options, async (i, token) =>
                {
                    var mediationDocument = i % 2 == 1;
                    var court = ChineseText.Pick(Random.Shared, SampleCourts.Accepting(mediationDocument));
                    var request = generator.Create(mediationDocument, court, caseIds.Next("act"), Random.Shared, DateTimeOffset.UtcNow);
                    try
                    {
                        await hub.For(i % hub.PlatformCount).SubmitAsync(request, DateTime.UtcNow + timeout, token);
                        Interlocked.Increment(ref ok);
                    }
                    catch (RpcException ex) when (!token.IsCancellationRequested)
                    {
                        failures.AddOrUpdate(StepStatus.FromGrpc(ex.StatusCode), 1, (_, c) => c + 1);
                    }
                });
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("cancelled");
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var failed = failures.Values.Sum();
            var detail = failed == 0 ? string.Empty : " (" + string.Join(", ", failures.Select(f => $"{f.Key} {f.Value}")) + ")";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"activate: {ok} of {n} acknowledged, {failed} failed{detail} in {seconds:0.0} s ({ok / Math.Max(seconds, 0.001):0}/s); case ids {caseIds.Prefix("act")}*"));
            return ok == n ? 0 : 1;
        });
        return command;
    }
}
