using Exchange.V1;
using Google.Rpc;
using Grpc.Core;

namespace Exchange.IntegrationTests.Infrastructure;

public static class LifecycleAssert
{
    public const string Domain = "exchange.court.cn";

    /// <summary>
    /// Tries, on the application as it stands, every act of <see cref="LifecycleTable.All"/> that its
    /// status does not allow: each must fail with FAILED_PRECONDITION, reason TRANSITION_NOT_ALLOWED,
    /// the status in ErrorInfo.metadata["status"] and in the message. PermitWithdrawal without a pending
    /// request must fail with WITHDRAWAL_NOT_REQUESTED, a second extension with REVIEW_ALREADY_EXTENDED,
    /// and a withdrawal request on a final application with APPLICATION_FINAL. Afterwards the
    /// application and its history must be exactly as before. Reports every mismatch at once.
    /// </summary>
    public static async Task OnlyAllowedActsSucceedAsync(CourtFlow flow, string id, bool reviewExtended = false)
    {
        var before = await flow.GetAsync(id);
        var historyBefore = await flow.HistoryAsync(id);
        var status = LifecycleTable.ProtoName(before.Status);
        var allowed = LifecycleTable.AllowedIn(before.Receipt.Type, before.Status);
        var problems = new List<string>();

        foreach (var act in LifecycleTable.All)
        {
            string? reason = null;
            if (!allowed.Contains(act))
            {
                reason = "TRANSITION_NOT_ALLOWED";
            }
            else if (act == LifecycleTable.PermitWithdrawal && before.WithdrawalRequestedTime is null)
            {
                reason = "WITHDRAWAL_NOT_REQUESTED";
            }
            else if (act == LifecycleTable.ExtendReview && reviewExtended)
            {
                reason = "REVIEW_ALREADY_EXTENDED";
            }

            var transition = reason == "TRANSITION_NOT_ALLOWED";
            var courtAct = LifecycleTable.CourtActs.Contains(act);
            if (reason is not null
                && await RefusalProblemAsync(() => act.Invoke(flow, id, null), reason, transition ? status : null, transition && courtAct) is { } problem)
            {
                problems.Add($"{act.Name} in {status}: {problem}");
            }
        }

        var withdrawal = () => flow.RequestWithdrawalAsync(id);
        if (LifecycleTable.IsFinal(before.Status))
        {
            if (await RefusalProblemAsync(withdrawal, "APPLICATION_FINAL", status) is { } problem)
            {
                problems.Add($"WithdrawApplication in {status}: {problem}");
            }
        }
        else if (before.Status == ApplicationStatus.DocumentIssued)
        {
            // Not final, but past the point where a withdrawal is possible (a party backing out is a
            // repudiation, which the court records): TRANSITION_NOT_ALLOWED, as filing.proto says.
            if (await RefusalProblemAsync(withdrawal, "TRANSITION_NOT_ALLOWED", status) is { } problem)
            {
                problems.Add($"WithdrawApplication in {status}: {problem}");
            }
        }

        var after = await flow.GetAsync(id);
        var historyAfter = await flow.HistoryAsync(id);
        if (!after.Equals(before))
        {
            problems.Add($"the refused acts changed the application in {status}: version {before.Version} → {after.Version}, status {before.Status} → {after.Status}");
        }

        if (historyAfter.Count != historyBefore.Count)
        {
            problems.Add($"the refused acts appended {historyAfter.Count - historyBefore.Count} history events in {status}: {string.Join(", ", historyAfter.Skip(historyBefore.Count).Select(e => e.Kind))}");
        }

        Assert.True(problems.Count == 0, $"{before.Receipt.Type} in {status}:\n" + string.Join("\n", problems));
    }

    /// <summary>Null when <paramref name="call"/> fails as documented; otherwise what went wrong.</summary>
    /// <param name="call">The refused call.</param>
    /// <param name="reason">The expected ErrorInfo.reason.</param>
    /// <param name="status">The expected ErrorInfo.metadata["status"], when it must be there.</param>
    /// <param name="messageNamesStatus">Whether the message must name the status too (court.proto).</param>
    public static async Task<string?> RefusalProblemAsync(Func<Task> call, string reason, string? status, bool messageNamesStatus = false)
    {
        try
        {
            await call();
            return "succeeded";
        }
        catch (RpcException ex)
        {
            if (ex.StatusCode != StatusCode.FailedPrecondition)
            {
                return $"{ex.StatusCode} ({ex.Status.Detail}), expected FAILED_PRECONDITION {reason}";
            }

            var info = ex.GetRpcStatus()?.GetDetail<ErrorInfo>();
            if (info is null)
            {
                return "no ErrorInfo in the status details";
            }

            if (info.Reason != reason)
            {
                return $"reason {info.Reason}, expected {reason} ({ex.Status.Detail})";
            }

            if (info.Domain != Domain)
            {
                return $"domain {info.Domain}";
            }

            if (status is not null)
            {
                if (!info.Metadata.TryGetValue("status", out var named) || named != status)
                {
                    return $"metadata[\"status\"] = '{named}', expected {status}";
                }

                if (messageNamesStatus && !ex.Status.Detail.Contains(status, StringComparison.Ordinal))
                {
                    return $"message does not name {status}: {ex.Status.Detail}";
                }
            }

            return null;
        }
    }

    /// <summary>Asserts that <paramref name="call"/> fails with FAILED_PRECONDITION and <paramref name="reason"/>.</summary>
    public static async Task RefusedAsync(Func<Task> call, string reason, ApplicationStatus? status = null)
    {
        var problem = await RefusalProblemAsync(call, reason, status is { } s ? LifecycleTable.ProtoName(s) : null);
        Assert.True(problem is null, problem);
    }
}
