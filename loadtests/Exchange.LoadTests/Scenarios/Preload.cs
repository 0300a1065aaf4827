using System.Diagnostics;
using System.Globalization;
using Exchange.Client;
using Exchange.LoadTests.Generators;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.LoadTests.Scenarios;

/// <summary>An application a scenario submitted, and the platform that owns it.</summary>
/// <param name="Platform">0-based platform index.</param>
/// <param name="ApplicationId">The hub's id.</param>
public readonly record struct OwnedApplication(int Platform, string ApplicationId);

/// <summary>
/// Untimed submissions a scenario needs before its load (the applications get-hot reads, the ones
/// platform-day's gets and withdrawals start from). Transient refusals are retried with the same
/// request, as the contract allows; anything else means the generator or the hub is broken, and
/// the scenario does not run.
/// </summary>
internal static class Preload
{
    private const int MaxAttempts = 6;

    public static async Task<OwnedApplication[]> SubmitAsync(
        LoadContext context, string label, int count, Func<int, int> platformOf, IReadOnlyList<SampleCourt>? courts, CancellationToken cancellationToken)
    {
        var hub = context.RequireHub();
        var results = new OwnedApplication[count];
        var clock = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, context.Settings.Concurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (i, token) =>
        {
            var platform = platformOf(i);
            var mediationDocument = i % 2 == 1;
            var court = ChineseText.Pick(Random.Shared, courts ?? SampleCourts.Accepting(mediationDocument));
            var request = context.Generator.Create(mediationDocument, court, context.CaseIds.Next("pre"), Random.Shared, DateTimeOffset.UtcNow);
            var receipt = await SubmitWithRetriesAsync(hub.For(platform), request, context.Settings.CallTimeout, token);
            results[i] = new OwnedApplication(platform, receipt.ApplicationId);
        });
        await context.Output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture, $"{label}: submitted {count} applications in {clock.Elapsed.TotalSeconds:0.0} s (untimed preparation)"));
        return results;
    }

    private static async Task<Receipt> SubmitWithRetriesAsync(FilingClient client, SubmitApplicationRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.SubmitAsync(request, DateTime.UtcNow + timeout, cancellationToken);
            }
            catch (RpcException ex) when (attempt < MaxAttempts && ex.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.DeadlineExceeded)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << attempt)), cancellationToken);
            }
        }
    }
}
