using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Exchange.Client;

/// <summary>
/// The one way every typed client (FilingClient, CourtClient) makes a unary call: a request_id for a
/// mutating request that has none, then one call with the deadline and cancellation (the channel
/// retries UNAVAILABLE, see <see cref="RetrySettings"/>); and the one way they follow AIP-158 page
/// tokens.
/// </summary>
internal static class ServiceCall
{
    private static readonly ConcurrentDictionary<Type, FieldDescriptor?> RequestIdFields = new();

    public static async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        TRequest request,
        Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> rpc,
        DateTime? deadline,
        CancellationToken cancellationToken)
        where TRequest : IMessage
    {
        FillRequestId(request);
        using var call = rpc(request, new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    /// <summary>
    /// Gives <paramref name="request"/> a new request_id (a UUID) if its message has that field and
    /// it is empty (AIP-155). Set in the caller's own message, before the first attempt: every
    /// retry, and any resend of the same message by the caller, carries the same id, so the hub
    /// answers a repeat of something it did with its outcome instead of doing it twice.
    /// </summary>
    public static void FillRequestId(IMessage request)
    {
        var field = RequestIdFields.GetOrAdd(request.GetType(), static (_, descriptor) =>
            descriptor.FindFieldByName("request_id") is { FieldType: FieldType.String, IsRepeated: false } f ? f : null,
            request.Descriptor);
        if (field is not null && string.IsNullOrEmpty((string)field.Accessor.GetValue(request)))
        {
            field.Accessor.SetValue(request, Guid.NewGuid().ToString());
        }
    }

    /// <summary>
    /// Yields the items of every page, fetching pages on demand and following next_page_token
    /// until it comes back empty. Each page gets its own deadline from <paramref name="pageDeadline"/>:
    /// one deadline for all pages would make long listings fail for being long.
    /// </summary>
    /// <param name="request">The first page's request; it is not modified.</param>
    /// <param name="rpc">The listing call.</param>
    /// <param name="pageDeadline">Computes a page's deadline when the page starts.</param>
    /// <param name="items">The items of a page.</param>
    /// <param name="nextPageToken">A page's next_page_token.</param>
    /// <param name="withPageToken">Sets page_token on a fresh copy of the request.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    public static async IAsyncEnumerable<TItem> PageAsync<TRequest, TResponse, TItem>(
        TRequest request,
        Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> rpc,
        Func<DateTime?> pageDeadline,
        Func<TResponse, IEnumerable<TItem>> items,
        Func<TResponse, string> nextPageToken,
        Action<TRequest, string> withPageToken,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : IMessage, IDeepCloneable<TRequest>
    {
        var page = request.Clone();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var response = await InvokeAsync(page, rpc, pageDeadline(), cancellationToken).ConfigureAwait(false);
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
