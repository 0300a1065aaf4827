using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;

namespace Exchange.Client;

/// <summary>
/// The one way every typed client (FilingClient, CourtClient) makes a unary call: same request on
/// every attempt, retry policy around it, deadline and cancellation on each attempt; and the one
/// way they follow AIP-158 page tokens.
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

    /// <summary>
    /// Yields the items of every page, fetching pages on demand and following next_page_token
    /// until it comes back empty. Each page gets its own deadline from <paramref name="pageDeadline"/>:
    /// one deadline for all pages would make long listings fail for being long.
    /// </summary>
    /// <param name="request">The first page's request; it is not modified.</param>
    /// <param name="rpc">The listing call.</param>
    /// <param name="retry">Retries each page on UNAVAILABLE with the same request.</param>
    /// <param name="pageDeadline">Computes a page's deadline when the page starts.</param>
    /// <param name="items">The items of a page.</param>
    /// <param name="nextPageToken">A page's next_page_token.</param>
    /// <param name="withPageToken">Sets page_token on a fresh copy of the request.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    public static async IAsyncEnumerable<TItem> PageAsync<TRequest, TResponse, TItem>(
        TRequest request,
        Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> rpc,
        RetryPolicy retry,
        Func<DateTime?> pageDeadline,
        Func<TResponse, IEnumerable<TItem>> items,
        Func<TResponse, string> nextPageToken,
        Action<TRequest, string> withPageToken,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : IDeepCloneable<TRequest>
    {
        var page = request.Clone();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var response = await InvokeAsync(page, rpc, retry, pageDeadline(), cancellationToken).ConfigureAwait(false);
            foreach (var item in items(response))
            {
                yield return item;
            }

            var token = nextPageToken(response);
            if (token.Length == 0)
            {
                yield break;
            }

            // A token seen before would make this loop forever; that is a hub bug, not an end.
            if (!seen.Add(token))
            {
                throw new InvalidOperationException("The hub returned a page token it had already returned.");
            }

            // A fresh message per page: a request, once sent, is never changed under whoever holds it.
            page = page.Clone();
            withPageToken(page, token);
        }
    }
}
