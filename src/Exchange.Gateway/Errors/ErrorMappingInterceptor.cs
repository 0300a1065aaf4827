using Exchange.Abstractions;
using Exchange.Domain;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Npgsql;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Exchange.Gateway.Errors;

/// <summary>
/// Turns failures below the gateway into gRPC statuses that say what happened (docs/ARCHITECTURE.md,
/// Errors): UNAVAILABLE only when nothing was done (retry as it is); UNKNOWN, reason OUTCOME_UNKNOWN,
/// when a change was sent and its answer lost (repeat with the same request id); DEADLINE_EXCEEDED
/// or CANCELLED when the caller gave up; INTERNAL, logged, for anything else — never a bare exception.
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger, TimeProvider clock) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    // Streams (UploadAttachment, DownloadAttachment, WatchUpdates) fail as unary calls do.
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        var changes = Changes(context.Method);
        if (ex is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
        {
            if (context.Deadline <= clock.GetUtcNow().UtcDateTime)
            {
                return GrpcErrors.Create(StatusCode.DeadlineExceeded, ErrorReason.DeadlineExceeded, changes
                    ? "the call's deadline passed before the hub answered; the change may or may not have been made: repeat it with the same request id"
                    : "the call's deadline passed before the hub answered");
            }

            return GrpcErrors.Create(StatusCode.Cancelled, ErrorReason.Cancelled, "the call was cancelled");
        }

        if (Classify(ex) is { } failure)
        {
            if (failure == Failure.OutcomeUnknown && changes)
            {
                LogOutcomeUnknown(logger, ex, context.Method);
                return GrpcErrors.OutcomeUnknownStatus(
                    "the hub lost the answer of its store or cluster: the change may or may not have been made; repeat the request with the same request id, which applies it at most once")
                    .ToRpcException();
            }

            LogUnavailable(logger, ex, context.Method);
            return GrpcErrors.UnavailableStatus("the hub's store or cluster is unavailable and nothing was done; retry the same request").ToRpcException();
        }

        LogInternal(logger, ex, context.Method);
        return GrpcErrors.Create(StatusCode.Internal, ErrorReason.Internal, "internal error; it has been logged");
    }

    /// <summary>What a failure says about the call's effect; null when it is not a failure of the store or cluster.</summary>
    public enum Failure
    {
        /// <summary>Nothing was done.</summary>
        NothingDone,

        /// <summary>A change may have been made.</summary>
        OutcomeUnknown,
    }

    /// <summary>
    /// Whether <paramref name="ex"/> is a failure of the store or cluster, and whether the call may
    /// have changed something. The grains report theirs as <see cref="BackendFailureException"/>;
    /// the cluster's own: a response that never came (timeout, or the silo died while it held the
    /// request) may follow a change, a message that could not be delivered follows none. The
    /// gateway's own SQL reads (credentials, read model), and its one writer, the admin service,
    /// reports its failures as BackendFailureException like the grains; so a bare store failure
    /// here changed nothing.
    /// </summary>
    public static Failure? Classify(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BackendFailureException backend:
                    return backend.OutcomeUnknown ? Failure.OutcomeUnknown : Failure.NothingDone;
                case TimeoutException:
                case SiloUnavailableException:
                    return Failure.OutcomeUnknown;
                case OrleansMessageRejectionException:
                case ConnectionFailedException:
                case NpgsqlException:
                case System.Net.Sockets.SocketException:
                    return Failure.NothingDone;
            }
        }

        return null;
    }

    /// <summary>Whether the method may change something: all but the reads (Get…, List…, Download…).</summary>
    public static bool Changes(string method)
    {
        var name = method[(method.LastIndexOf('/') + 1)..];
        return !name.StartsWith("Get", StringComparison.Ordinal) && !name.StartsWith("List", StringComparison.Ordinal)
            && !name.StartsWith("Download", StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method}: backend unavailable, nothing was done")]
    private static partial void LogUnavailable(ILogger logger, Exception ex, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method}: outcome unknown (the answer of the store or cluster was lost)")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception ex, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method}: unexpected failure")]
    private static partial void LogInternal(ILogger logger, Exception ex, string method);
}
