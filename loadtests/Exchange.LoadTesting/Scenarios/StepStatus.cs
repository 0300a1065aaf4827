using Grpc.Core;

namespace Exchange.LoadTesting;

/// <summary>
/// The status strings calls end with. gRPC outcomes use the canonical status code names
/// (<c>OK</c>, <c>UNAVAILABLE</c>, ...) so reports read like grpc-status values; the harness's own
/// outcomes are the other constants here.
/// </summary>
public static class StepStatus
{
    /// <summary>The call succeeded.</summary>
    public const string Ok = "OK";

    /// <summary>The call ran longer than the scenario's per-call timeout (whatever the step reported or threw).</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>
    /// An open-model call was due but not started because the scenario's maximum of outstanding
    /// calls was reached. Counted, never silently skipped, so an overloaded run cannot look healthy.
    /// </summary>
    public const string Dropped = "DROPPED";

    /// <summary>A step asked a unique data feed for more items than it holds; the scenario stops starting calls.</summary>
    public const string FeedExhausted = "FEED_EXHAUSTED";

    /// <summary>The run itself was cancelled while the call was in flight.</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>Prefix of the status of a call whose step threw an unexpected exception, followed by the exception's type name.</summary>
    public const string ExceptionPrefix = "EXCEPTION:";

    /// <summary>The canonical name of a gRPC status code, e.g. <c>DEADLINE_EXCEEDED</c>.</summary>
    /// <param name="code">The gRPC status code.</param>
    /// <returns>The upper-case name used on the wire and in gRPC documentation.</returns>
    public static string FromGrpc(StatusCode code) => code switch
    {
        StatusCode.OK => Ok,
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        _ => "CODE_" + ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The status an exception thrown by a step turns into.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The gRPC code name for an <see cref="RpcException"/>, <see cref="FeedExhausted"/> for
    /// <see cref="FeedExhaustedException"/>, otherwise <c>EXCEPTION:</c> plus the type name.</returns>
    public static string FromException(Exception exception) => exception switch
    {
        RpcException rpc => FromGrpc(rpc.StatusCode),
        FeedExhaustedException => FeedExhausted,
        _ => ExceptionPrefix + exception.GetType().Name,
    };
}
