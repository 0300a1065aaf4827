using Exchange.Abstractions;
using Exchange.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Exchange.Silo.Grains;

/// <summary>
/// Turns failures of PostgreSQL and of the cluster into <see cref="BackendFailureException"/>, which
/// Orleans can carry to a gateway in another process and which says whether a change may have been
/// made (docs/ARCHITECTURE.md, Errors).
/// </summary>
public static class BackendFailures
{
    /// <summary>Whether <paramref name="ex"/> is a failure of the store or the cluster rather than a fault of ours.</summary>
    public static bool IsBackend(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is BackendFailureException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException
                || StoreFailures.IsStoreFailure(e))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a write that failed with <paramref name="ex"/> may nevertheless have committed. Not
    /// when PostgreSQL answered with an error (the statement, its own transaction, rolled back) or
    /// when no connection could be made (nothing was sent); otherwise — a connection broken after
    /// the statement went out, a timeout — the commit may have happened and its answer been lost.
    /// </summary>
    public static bool MayHaveCommitted(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BackendFailureException backend:
                    return backend.OutcomeUnknown;
                case SiloUnavailableException:
                    // The silo went away while it held the request.
                    return true;
                case OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException:
                    // The request was never delivered.
                    return false;
                case var _ when StoreFailures.ShowsNothingCommitted(e):
                    return false;
            }
        }

        return true;
    }

    /// <summary>The failure of a write, as the gateway is to see it.</summary>
    public static BackendFailureException OfWrite(Exception ex) =>
        ex as BackendFailureException ?? new BackendFailureException(MayHaveCommitted(ex), Describe(ex));

    /// <summary>The failure of a call that changed nothing (a read, a lookup).</summary>
    public static BackendFailureException OfRead(Exception ex) =>
        ex as BackendFailureException ?? new BackendFailureException(false, Describe(ex));

    /// <summary>Type and message of the exception and its causes (their objects stay in the silo's log).</summary>
    private static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message}");
        }

        return string.Join(" <- ", parts);
    }
}

/// <summary>
/// The backstop at the grain boundary: a failure of the store or cluster that a grain did not turn
/// into a <see cref="BackendFailureException"/> itself happened outside a write (the grains convert
/// their writes' failures, which alone may have changed something), so nothing was done.
/// </summary>
public sealed partial class BackendFailureFilter(ILogger<BackendFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (ex is not BackendFailureException && BackendFailures.IsBackend(ex))
        {
            LogConverted(logger, ex, context.InterfaceName, context.MethodName);
            throw BackendFailures.OfRead(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method}: the store or cluster failed; nothing was changed")]
    private static partial void LogConverted(ILogger logger, Exception ex, string @interface, string method);
}
