using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Exchange.Client;

/// <summary>
/// A connection to the Exchange hub authenticated with one API key, and the typed clients of its
/// services over it.
/// </summary>
/// <example>
/// <code>
/// using var hub = ExchangeClient.Create(new Uri("http://127.0.0.1:5180"), apiKey);
/// var receipt = await hub.Filing.SubmitAsync(request);           // with a platform's key
/// await foreach (var entry in hub.Courts.ListAllDocketAsync(new())) // with a court's key
/// {
/// }
/// </code>
/// </example>
public sealed class ExchangeClient : IDisposable
{
    private readonly GrpcChannel? _ownedChannel;
    private readonly HttpMessageHandler? _ownedHandler;

    /// <summary>
    /// Creates a client over an existing <paramref name="callInvoker"/> (a channel's, or a fake in
    /// tests); the API key is added to every call made through it. Retries are the channel's: see
    /// <see cref="RetrySettings.ApplyTo"/>.
    /// </summary>
    public ExchangeClient(CallInvoker callInvoker, string apiKey, ExchangeClientOptions? options = null)
        : this(callInvoker, apiKey, options, ownedChannel: null, ownedHandler: null)
    {
    }

    private ExchangeClient(CallInvoker callInvoker, string? apiKey, ExchangeClientOptions? options, GrpcChannel? ownedChannel, HttpMessageHandler? ownedHandler)
    {
        ArgumentNullException.ThrowIfNull(callInvoker);
        Options = options ?? new ExchangeClientOptions();
        _ownedChannel = ownedChannel;
        _ownedHandler = ownedHandler;
        // Without a key the channel's client certificate authenticates (mutual TLS).
        CallInvoker = apiKey is null ? callInvoker : callInvoker.Intercept(new ApiKeyInterceptor(apiKey));
        Filing = new FilingClient(CallInvoker, Options);
        Courts = new CourtClient(CallInvoker, Options);
    }

    /// <summary>
    /// Opens a channel to <paramref name="endpoint"/> and creates a client that sends
    /// <paramref name="apiKey"/> with every call.
    /// </summary>
    /// <param name="endpoint">The hub's address: https:// (TLS) or http:// (cleartext HTTP/2,
    /// as the hub listens on 127.0.0.1 in development; the key then travels unencrypted).</param>
    /// <param name="apiKey">A platform's or a court's key, "exk_…"; null only with
    /// <see cref="ExchangeClientOptions.ClientCertificate"/> (a platform authenticated by mutual TLS).</param>
    /// <param name="options">Retry, timeout and HTTP settings; defaults when null.</param>
    /// <exception cref="ArgumentException">The endpoint is not an absolute http or https URI, the key
    /// cannot be sent, a retry setting is out of range, or certificates are given with an HTTP handler.</exception>
    public static ExchangeClient Create(Uri endpoint, string? apiKey, ExchangeClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The endpoint must be an absolute http:// or https:// URI, not '{endpoint}'.", nameof(endpoint));
        }

        options ??= new ExchangeClientOptions();
        if (apiKey is not null || options.ClientCertificate is null)
        {
            ApiKeyInterceptor.ValidateApiKey(apiKey!);
        }

        var tlsHandler = ExchangeTls.CreateHandler(options);
        var channelOptions = new GrpcChannelOptions
        {
            // The channel never disposes a handler it was given (DisposeHttpClient stays false).
            HttpHandler = options.HttpHandler ?? tlsHandler,
        };
        options.Retry.ApplyTo(channelOptions);
        var channel = GrpcChannel.ForAddress(endpoint, channelOptions);
        return new ExchangeClient(channel.CreateCallInvoker(), apiKey, options, channel, tlsHandler);
    }

    /// <summary>The settings the client was created with.</summary>
    public ExchangeClientOptions Options { get; }

    /// <summary>
    /// The authenticated invoker all typed clients share; use it to reach services this library
    /// has no typed client for yet.
    /// </summary>
    public CallInvoker CallInvoker { get; }

    /// <summary>The platform-facing FilingService (needs a platform's key).</summary>
    public FilingClient Filing { get; }

    /// <summary>The court-facing CourtService (needs a court's key).</summary>
    public CourtClient Courts { get; }

    /// <summary>Closes the channel if this client opened it.</summary>
    public void Dispose()
    {
        _ownedChannel?.Dispose();
        _ownedHandler?.Dispose();
    }
}
