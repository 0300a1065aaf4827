using Grpc.Core;

namespace Exchange.Client;

/// <summary>
/// The one way every typed client (FilingClient now, CourtClient when the contract has it) makes
/// a unary call: same request on every attempt, retry policy around it, deadline and cancellation
/// on each attempt.
/// </summary>
internal static class ServiceCall
{
    public static Task<TResponse> InvokeAsync<TRequest, TResponse>(
        TRequest request,
        Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> rpc,
        RetryPolicy retry,
        DateTime? deadline,
        CancellationToken cancellationToken) =>
        retry.ExecuteAsync(
            async ct =>
            {
                using var call = rpc(request, new CallOptions(deadline: deadline, cancellationToken: ct));
                return await call.ResponseAsync.ConfigureAwait(false);
            },
            deadline,
            cancellationToken);
}
