using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Silo.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Exchange.Silo.Grains;

/// <summary>
/// One court's batch ruling under one request id. Items are ruled by their own application grains
/// (no all-or-nothing); each item carries the batch's request id, so an item ruled before a crash
/// answers a retry with its result instead of being ruled twice. The finished results are stored,
/// so the same request again answers with exactly them — unless an item failed below its grain:
/// then nothing is stored, and the same request again rules every item again (at most once each).
/// </summary>
public sealed partial class BatchRulingGrain(
    [FromKeyedServices(ExchangeStorage.ProviderName)] IGrainStorage storage,
    ILogger<BatchRulingGrain> logger) : Grain, IBatchRulingGrain
{
    private const string StateName = "batch";
    private readonly GrainState<BatchRulingState> state = new(new BatchRulingState());
    private bool loaded;

    /// <summary>The running (or last unstored) batch's results, filled as items complete; null slots are still being ruled.</summary>
    private BatchItemResult?[]? current;
    private bool currentDone;

    public async Task<IReadOnlyList<BatchItemResult>?> RuleAsync(Actor court, string requestSha256, ActRequest template, IReadOnlyList<string> applicationIds, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(applicationIds);
        if (!loaded)
        {
            await storage.ReadStateAsync(StateName, GrainContext.GrainId, state);
            loaded = true;
        }

        var stored = state.State ??= new BatchRulingState();
        if (stored.RequestSha256 is { Length: > 0 })
        {
            return stored.RequestSha256 == requestSha256 ? stored.Results : null;
        }

        var results = new BatchItemResult[applicationIds.Count];
        (current, currentDone) = (results, false);
        using var gate = new SemaphoreSlim(Math.Max(1, parallelism));
        await Task.WhenAll(applicationIds.Select(async (id, i) =>
        {
            await gate.WaitAsync();
            try
            {
                results[i] = await RuleOneAsync(court, template, id);
            }
            finally
            {
                gate.Release();
            }
        }));
        currentDone = true;

        if (results.Any(r => r.Kind >= CommandResultKind.Unavailable))
        {
            // Not an answer to keep: a retry under the same request id must rule these items again.
            return results;
        }

        stored.RequestSha256 = requestSha256;
        stored.Results = [.. results];
        try
        {
            await storage.WriteStateAsync(StateName, GrainContext.GrainId, state);
        }
        catch (Exception ex) when (BackendFailures.IsBackend(ex))
        {
            // The items are ruled; only their answer is lost. A retry rules none twice.
            stored.RequestSha256 = "";
            stored.Results = [];
            throw new BackendFailureException(true, "the batch was ruled but its results could not be stored: " + ex.Message);
        }

        current = null;

        return stored.Results;
    }

    public async Task<BatchProgress> ProgressAsync()
    {
        if (current is { } running)
        {
            return new BatchProgress(currentDone, running.Length, [.. running.OfType<BatchItemResult>()]);
        }

        var stored = state.State;
        if (!loaded)
        {
            // Into a state of its own: this call interleaves with RuleAsync, which owns the grain's.
            var read = new GrainState<BatchRulingState>(new BatchRulingState());
            await storage.ReadStateAsync(StateName, GrainContext.GrainId, read);
            stored = read.State;
        }

        return stored is { RequestSha256.Length: > 0 }
            ? new BatchProgress(true, stored.Results.Count, stored.Results)
            : new BatchProgress(false, 0, []);
    }

    private async Task<BatchItemResult> RuleOneAsync(Actor court, ActRequest template, string id)
    {
        try
        {
            var outcome = await GrainFactory.GetGrain<IApplicationGrain>(id).ActAsync(court, template);
            return new BatchItemResult(id, outcome.Kind, outcome.Application?.Status ?? ApplicationStatus.Unspecified,
                outcome.Application?.Version ?? 0, outcome.Refusal, outcome.Violations);
        }
        catch (Exception ex)
        {
            // One item's failure is that item's answer, not the batch's.
            LogItemFailed(logger, ex, id);
            var kind = !BackendFailures.IsBackend(ex) ? CommandResultKind.Failed
                : BackendFailures.MayHaveCommitted(ex) ? CommandResultKind.OutcomeUnknown
                : CommandResultKind.Unavailable;
            return new BatchItemResult(id, kind, ApplicationStatus.Unspecified, 0) { Failure = ex.Message };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch item {ApplicationId} failed")]
    private static partial void LogItemFailed(ILogger logger, Exception exception, string applicationId);
}

/// <summary>The stored results of a batch ruling.</summary>
public sealed class BatchRulingState
{
    /// <summary>Fingerprint of the request the results answer.</summary>
    public string RequestSha256 { get; set; } = "";

    public List<BatchItemResult> Results { get; set; } = [];
}
