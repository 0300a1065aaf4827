namespace Exchange.Abstractions;

/// <summary>
/// A grain call failed below the grain (PostgreSQL, or a grain it called), said in a form Orleans
/// can carry to a gateway in another process: the provider's own exceptions (NpgsqlException and
/// the like) have no codec there and arrived as CodecNotFoundException (INTERNAL). The gateway
/// answers UNAVAILABLE when <see cref="OutcomeUnknown"/> is false (nothing was changed: retry) and
/// UNKNOWN (reason OUTCOME_UNKNOWN) when it is true (the change may have been made: repeat with the
/// same request id, which applies it at most once).
/// </summary>
[GenerateSerializer]
public sealed class BackendFailureException : Exception
{
    public BackendFailureException()
    {
    }

    public BackendFailureException(string message)
        : base(message)
    {
    }

    public BackendFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BackendFailureException(bool outcomeUnknown, string message)
        : base(message)
    {
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>
    /// True when a write was sent and its answer was lost (a broken connection, a timeout): it may
    /// have committed. False when nothing was changed (the store could not be reached, or refused
    /// the statement).
    /// </summary>
    [Id(0)]
    public bool OutcomeUnknown { get; init; }
}

/// <summary>How long a grain call may take, on both sides of the cluster.</summary>
public static class GrainCalls
{
    /// <summary>
    /// The Orleans response timeout of the gateway (ClientMessagingOptions) and of the silo
    /// (SiloMessagingOptions, which the co-hosted gateway uses): above the largest deadline the
    /// contract tells a platform to set (30 s, README), so that a call's outcome comes back before
    /// the hub gives up on it; a response that never comes is OUTCOME_UNKNOWN for a change.
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(60);
}
