using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Silo.Storage;
using Orleans.Storage;

namespace Exchange.Silo.Grains;

/// <summary>
/// One court's batch ruling under one request id. Items are ruled by their own application grains
/// (no all-or-nothing); each item carries the batch's request id, so an item ruled before a crash
/// answers a retry with its result instead of being ruled twice. The finished results are stored,
/// so the same request again answers with exactly them.
/// </summary>
public sealed class BatchRulingGrain(
    [FromKeyedServices(ExchangeStorage.ProviderName)] IGrainStorage storage) : Grain, IBatchRulingGrain
{
    private const string StateName = "batch";
    private readonly GrainState<BatchRulingState> state = new(new BatchRulingState());
    private bool loaded;

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

        stored.RequestSha256 = requestSha256;
        stored.Results = [.. results];
        await storage.WriteStateAsync(StateName, GrainContext.GrainId, state);
        return stored.Results;
    }

    private async Task<BatchItemResult> RuleOneAsync(Actor court, ActRequest template, string id)
    {
        var outcome = await GrainFactory.GetGrain<IApplicationGrain>(id).ActAsync(court, template);
        return new BatchItemResult(id, outcome.Kind, outcome.Application?.Status ?? ApplicationStatus.Unspecified,
            outcome.Application?.Version ?? 0, outcome.Refusal, outcome.Violations);
    }
}

/// <summary>The stored results of a batch ruling.</summary>
public sealed class BatchRulingState
{
    /// <summary>Fingerprint of the request the results answer.</summary>
    public string RequestSha256 { get; set; } = "";

    public List<BatchItemResult> Results { get; set; } = [];
}
