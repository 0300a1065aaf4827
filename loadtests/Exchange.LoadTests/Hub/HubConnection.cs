using Exchange.Client;
using Exchange.LoadTesting;

namespace Exchange.LoadTests.Hub;

/// <summary>
/// The load generator's side of the hub: a pool of gRPC channels shared by every platform, and for
/// each platform a typed <see cref="FilingClient"/> per channel that adds that platform's key — the
/// client library a real platform would use, with its retries switched off so that UNAVAILABLE and
/// RESOURCE_EXHAUSTED show up as statuses instead of being hidden by retrying.
/// </summary>
public sealed class HubConnection : IDisposable
{
    private readonly GrpcChannelPool _channels;
    private readonly FilingClient[][] _clients;
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
        var options = new ExchangeClientOptions { RetryPolicy = RetryPolicy.None };
        _clients = keys.Platforms
            .Select(p => Enumerable.Range(0, channelCount)
                .Select(_ => new ExchangeClient(_channels.Next().CreateCallInvoker(), p.Key, options).Filing)
                .ToArray())
            .ToArray();
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

    /// <summary>Closes the channels.</summary>
    public void Dispose() => _channels.Dispose();
}
