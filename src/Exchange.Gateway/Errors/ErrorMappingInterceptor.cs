using Grpc.Core;
using Grpc.Core.Interceptors;
using Npgsql;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Exchange.Gateway.Errors;

/// <summary>
/// Turns failures below the gateway into gRPC statuses a platform can act on: a cluster or database
/// that cannot be reached is UNAVAILABLE (the client retries the same idempotent request), a call the
/// caller cancelled is CANCELLED, anything else is INTERNAL and logged — never a bare exception.
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw GrpcErrors.Create(StatusCode.Cancelled, "CANCELLED", "the call was cancelled");
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            LogUnavailable(logger, ex, context.Method);
            throw GrpcErrors.Unavailable("the hub's store or cluster is unavailable; retry the same request");
        }
        catch (Exception ex)
        {
            LogInternal(logger, ex, context.Method);
            throw GrpcErrors.Create(StatusCode.Internal, "INTERNAL", "internal error; it has been logged");
        }
    }

    internal static bool IsUnavailable(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SiloUnavailableException:
                case OrleansMessageRejectionException:
                case ConnectionFailedException:
                case TimeoutException:
                case NpgsqlException { IsTransient: true }:
                case System.Net.Sockets.SocketException:
                    return true;
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                               || pg.SqlState.StartsWith("57P", StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method}: backend unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception ex, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method}: unexpected failure")]
    private static partial void LogInternal(ILogger logger, Exception ex, string method);
}
