using System.Diagnostics;
using System.Globalization;
using Exchange.Client;
using Exchange.LoadTests.Generators;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.LoadTests.Scenarios;

/// <summary>An application a scenario submitted, the platform that owns it and the court it was filed with.</summary>
/// <param name="Platform">0-based platform index.</param>
/// <param name="ApplicationId">The hub's id.</param>
/// <param name="CourtCode">The court, as the receipt names it.</param>
public readonly record struct OwnedApplication(int Platform, string ApplicationId, string CourtCode);

/// <summary>
/// Untimed submissions a scenario needs before its load (the applications get-hot reads, the ones
/// platform-day's gets and withdrawals start from). Transient refusals are retried with the same
/// request, as the contract allows; anything else means the generator or the hub is broken, and
/// the scenario does not run.
/// </summary>
internal static class Preload
{
    private const int MaxAttempts = 6;

    /// <summary>Submits <paramref name="count"/> applications, untimed.</summary>
    /// <param name="context">The run's context.</param>
    /// <param name="label">Names the preparation in the output.</param>
    /// <param name="count">Applications to submit.</param>
    /// <param name="platformOf">The platform (0-based) that files the i-th application.</param>
    /// <param name="courts">Courts picked from at random; null for every court that accepts the type.</param>
    /// <param name="cancellationToken">Cancels the submissions.</param>
    /// <param name="mediationDocumentOf">Whether the i-th is a mediation document; null alternates (odd i).</param>
    /// <param name="courtOf">The court of the i-th; overrides <paramref name="courts"/>.</param>
    /// <returns>The applications, in the order of i.</returns>
    public static async Task<OwnedApplication[]> SubmitAsync(
        LoadContext context,
        string label,
        int count,
        Func<int, int> platformOf,
        IReadOnlyList<SampleCourt>? courts,
        CancellationToken cancellationToken,
        Func<int, bool>? mediationDocumentOf = null,
        Func<int, SampleCourt>? courtOf = null)
    {
        var hub = context.RequireHub();
        var results = new OwnedApplication[count];
        var clock = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, context.Settings.Concurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (i, token) =>
        {
            var platform = platformOf(i);
            var mediationDocument = mediationDocumentOf?.Invoke(i) ?? i % 2 == 1;
            var court = courtOf?.Invoke(i) ?? ChineseText.Pick(Random.Shared, courts ?? SampleCourts.Accepting(mediationDocument));
            var request = context.Generator.Create(mediationDocument, court, context.CaseIds.Next("pre"), Random.Shared, DateTimeOffset.UtcNow);
            var receipt = await SubmitWithRetriesAsync(hub.For(platform), request, context.Settings.CallTimeout, token);
            results[i] = new OwnedApplication(platform, receipt.ApplicationId, receipt.CourtCode);
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
