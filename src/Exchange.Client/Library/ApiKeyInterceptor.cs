using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Exchange.Client;

/// <summary>
/// Adds <c>authorization: Bearer &lt;api key&gt;</c> metadata to every call.
/// </summary>
/// <remarks>
/// An interceptor rather than <see cref="CallCredentials"/>: Grpc.Net.Client sends call
/// credentials only over TLS (unless the channel sets UnsafeUseInsecureChannelCallCredentials),
/// and the hub listens on cleartext h2c on 127.0.0.1 in development. An interceptor behaves the
/// same on http:// and https://, and works on any <see cref="CallInvoker"/>, which keeps the
/// client testable without a server.
/// </remarks>
public sealed class ApiKeyInterceptor : Interceptor
{
    private readonly string _headerValue;

    /// <summary>Creates the interceptor for <paramref name="apiKey"/>.</summary>
    /// <exception cref="ArgumentException">The key is empty or not printable ASCII (it could not
    /// travel in an HTTP/2 header).</exception>
    public ApiKeyInterceptor(string apiKey)
    {
        ValidateApiKey(apiKey);
        _headerValue = "Bearer " + apiKey;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="apiKey"/> can be sent.</summary>
    public static void ValidateApiKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (apiKey.Any(c => c is <= ' ' or > '~'))
        {
            throw new ArgumentException("An API key is printable ASCII without spaces.", nameof(apiKey));
        }
    }

    /// <inheritdoc/>
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithKey(context));

    /// <inheritdoc/>
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context,
        BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithKey(context));

    /// <inheritdoc/>
    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithKey(context));

    /// <inheritdoc/>
    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithKey(context));

    /// <inheritdoc/>
    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithKey(context));

    private ClientInterceptorContext<TRequest, TResponse> WithKey<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        // Copy rather than mutate: the caller may reuse its Metadata for other calls.
        var headers = new Metadata();
        if (context.Options.Headers is { } existing)
        {
            foreach (var entry in existing)
            {
                if (!string.Equals(entry.Key, "authorization", StringComparison.OrdinalIgnoreCase))
                {
                    headers.Add(entry);
                }
            }
        }

        headers.Add("authorization", _headerValue);
        return new ClientInterceptorContext<TRequest, TResponse>(
            context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}
