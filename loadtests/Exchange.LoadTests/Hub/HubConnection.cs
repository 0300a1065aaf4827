using Exchange.Client;
using Exchange.LoadTesting;
using Exchange.V1;

namespace Exchange.LoadTests.Hub;

/// <summary>
/// The load generator's side of the hub: a pool of gRPC channels shared by every platform, and for
/// each platform a typed <see cref="FilingClient"/> per channel that adds that platform's key — the
/// client library a real platform would use, with its retries switched off so that UNAVAILABLE and
/// RESOURCE_EXHAUSTED show up as statuses instead of being hidden by retrying. Likewise, for each
/// court with a key, a generated <see cref="CourtService.CourtServiceClient"/> per channel over
/// the library's authenticated invoker (the library has no typed court client).
/// </summary>
public sealed class HubConnection : IDisposable
{
    private readonly GrpcChannelPool _channels;
    private readonly FilingClient[][] _clients;
    private readonly Dictionary<string, CourtService.CourtServiceClient[]> _courts;
    private long _next = -1;

    /// <summary>Opens the channels (connections are made on first use).</summary>
    /// <param name="endpoint">The gateway, e.g. http://127.0.0.1:5180.</param>
    /// <param name="keys">The platforms to file as.</param>
    /// <param name="channelCount">gRPC channels (HTTP/2 connections) to spread calls over.</param>
    public HubConnection(Uri endpoint, LoadKeys keys, int channelCount)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Platforms.Count == 0)
        {
            throw new ArgumentException("At least one platform key is needed.", nameof(keys));
        }

        Keys = keys;
        _channels = new GrpcChannelPool(endpoint, channelCount);
        // The pool's channels carry no retry settings: every failure counts as the hub gave it.
        var options = new ExchangeClientOptions { Retry = RetrySettings.None };
        _clients = keys.Platforms
            .Select(p => Enumerable.Range(0, channelCount)
                .Select(_ => new ExchangeClient(_channels.Next().CreateCallInvoker(), p.Key, options).Filing)
                .ToArray())
            .ToArray();
        _courts = keys.Courts
            .GroupBy(c => c.Code, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => Enumerable.Range(0, channelCount)
                    .Select(_ => new CourtService.CourtServiceClient(new ExchangeClient(_channels.Next().CreateCallInvoker(), g.Last().Key, options).CallInvoker))
                    .ToArray(),
                StringComparer.Ordinal);
    }

    /// <summary>The keys the connection files with.</summary>
    public LoadKeys Keys { get; }

    /// <summary>Number of platforms.</summary>
    public int PlatformCount => _clients.Length;

    /// <summary>The gateway's address.</summary>
    public Uri Endpoint => _channels.Address;

    /// <summary>A client filing as platform <paramref name="platform"/>, on the next channel (round-robin).</summary>
    /// <param name="platform">0-based platform index.</param>
    /// <returns>The client.</returns>
    public FilingClient For(int platform)
    {
        var perChannel = _clients[platform];
        return perChannel[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)perChannel.Length)];
    }

    /// <summary>Whether the keys hold a key of the court with <paramref name="courtCode"/>.</summary>
    /// <param name="courtCode">A court code, e.g. "新0102".</param>
    /// <returns>True when <see cref="Court"/> can act as that court.</returns>
    public bool HasCourt(string courtCode) => _courts.ContainsKey(courtCode);

    /// <summary>A client acting as the court <paramref name="courtCode"/> (with its key), on the next channel (round-robin).</summary>
    /// <param name="courtCode">A court the keys hold a key of.</param>
    /// <returns>The client.</returns>
    /// <exception cref="KeyNotFoundException">The keys hold no key of that court.</exception>
    public CourtService.CourtServiceClient Court(string courtCode)
    {
        if (!_courts.TryGetValue(courtCode, out var perChannel))
        {
            throw new KeyNotFoundException($"The keys file holds no key of court {courtCode}; run 'provision' again.");
        }

        return perChannel[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)perChannel.Length)];
    }

    /// <summary>
    /// A generated FilingService stub as platform <paramref name="platform"/>, on the next channel:
    /// for streaming calls, which the typed client does not carry.
    /// </summary>
    /// <param name="platform">0-based platform index.</param>
    /// <returns>The stub.</returns>
    public FilingService.FilingServiceClient FilingStub(int platform) =>
        new(new ExchangeClient(_channels.Next().CreateCallInvoker(), Keys.Platforms[platform].Key, new ExchangeClientOptions { Retry = RetrySettings.None }).CallInvoker);

    /// <summary>Closes the channels.</summary>
    public void Dispose() => _channels.Dispose();
}
