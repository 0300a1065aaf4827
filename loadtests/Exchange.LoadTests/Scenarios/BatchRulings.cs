using System.Collections.Concurrent;
using Exchange.LoadTesting;
using Exchange.V1;

namespace Exchange.LoadTests.Scenarios;

/// <summary>How court-day and the seed replay judge a BatchRule CONFIRM answer.</summary>
internal static class BatchRulings
{
    /// <summary>
    /// A batch is OK when every item was confirmed; otherwise its status names the first failing
    /// item's code (e.g. ITEM_FAILED_PRECONDITION). The confirmed items go to <paramref name="ruled"/>.
    /// </summary>
    /// <typeparam name="T">What the caller knows of each item.</typeparam>
    /// <param name="request">The call, its ids in the order of <paramref name="batch"/>.</param>
    /// <param name="reply">The answer: one result per id, in the request's order.</param>
    /// <param name="batch">The items.</param>
    /// <param name="ruled">Receives the confirmed items.</param>
    /// <param name="itemsFailed">Incremented by the items not confirmed.</param>
    /// <returns>The step's result.</returns>
    public static StepResult Outcome<T>(BatchRuleRequest request, BatchRuleResponse reply, IReadOnlyList<T> batch, ConcurrentQueue<T> ruled, ref long itemsFailed)
    {
        string? firstFailure = null;
        var ok = 0;
        for (var i = 0; i < reply.Results.Count && i < batch.Count; i++)
        {
            var result = reply.Results[i];
            if (result.ApplicationId != request.ApplicationIds[i])
            {
                firstFailure ??= "ITEM_OUT_OF_ORDER";
                continue;
            }

            if (result.Status is null || result.Status.Code == 0)
            {
                if (result.ApplicationStatus == ApplicationStatus.Confirmed)
                {
                    ruled.Enqueue(batch[i]);
                    ok++;
                    continue;
                }

                firstFailure ??= "ITEM_WRONG_STATUS";
            }
            else
            {
                firstFailure ??= "ITEM_" + StepStatus.FromGrpc((Grpc.Core.StatusCode)result.Status.Code);
            }
        }

        Interlocked.Add(ref itemsFailed, batch.Count - ok);
        if (ok == batch.Count && reply.Results.Count == batch.Count)
        {
            return StepResult.Ok(request.CalculateSize(), reply.CalculateSize());
        }

        return StepResult.Fail(firstFailure ?? "ITEM_MISSING", request.CalculateSize(), reply.CalculateSize());
    }
}
