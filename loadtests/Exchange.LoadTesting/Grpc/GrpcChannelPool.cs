using Grpc.Net.Client;

namespace Exchange.LoadTesting;

/// <summary>
/// A fixed set of gRPC channels to one address, handed out round-robin. One HTTP/2 connection caps
/// concurrent streams (100 by default on Kestrel) and serialises frames through one socket, so a
/// load generator using a single channel would measure its own connection as the bottleneck.
/// </summary>
public sealed class GrpcChannelPool : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private long _next = -1;

    /// <summary>Creates the channels (connections open lazily on first call).</summary>
    /// <param name="address">The server, e.g. <c>http://127.0.0.1:5000</c>.</param>
    /// <param name="channelCount">Number of channels, at least 1.</param>
    /// <param name="configure">Adjusts each channel's options (credentials, message sizes) before creation.</param>
    public GrpcChannelPool(Uri address, int channelCount, Action<GrpcChannelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        Address = address;
        _channels = new GrpcChannel[channelCount];
        for (var i = 0; i < channelCount; i++)
        {
            var handler = new SocketsHttpHandler
            {
                // Opens more connections once a connection's stream limit is reached instead of queueing calls.
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            };
            var options = new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true };
            configure?.Invoke(options);
            _channels[i] = GrpcChannel.ForAddress(address, options);
        }
    }

    /// <summary>The server address.</summary>
    public Uri Address { get; }

    /// <summary>Number of channels.</summary>
    public int Count => _channels.Length;

    /// <summary>The next channel in round-robin order; thread-safe.</summary>
    /// <returns>A channel.</returns>
    public GrpcChannel Next() => _channels[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_channels.Length)];

    /// <summary>Disposes every channel.</summary>
    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
