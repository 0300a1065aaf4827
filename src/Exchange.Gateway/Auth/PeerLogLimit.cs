using System.Collections.Concurrent;

namespace Exchange.Gateway.Auth;

/// <summary>
/// At most one log line per peer per <see cref="Interval"/> for one kind of refusal, with the
/// count of those not logged in the next: a peer sending a flood cannot fill the disk.
/// </summary>
public sealed class PeerLogLimit(TimeProvider clock)
{
    /// <summary>How often a peer's refusals of one kind are logged at most.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // Bounded: many peers at once are forgotten together (each may then log once more).
    private const int MaxPeers = 4096;

    private readonly ConcurrentDictionary<string, Peer> peers = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether to log this refusal now; if so, <paramref name="unlogged"/> is how many of the peer's
    /// were not logged since its previous line.
    /// </summary>
    public bool ShouldLog(string peerAddress, out long unlogged)
    {
        var now = clock.GetTimestamp();
        if (peers.Count >= MaxPeers)
        {
            peers.Clear();
        }

        var peer = peers.GetOrAdd(peerAddress, _ => new Peer());
        lock (peer)
        {
            if (peer.LoggedAt is { } last && clock.GetElapsedTime(last, now) < Interval)
            {
                peer.Unlogged++;
                unlogged = 0;
                return false;
            }

            unlogged = peer.Unlogged;
            peer.LoggedAt = now;
            peer.Unlogged = 0;
            return true;
        }
    }

    private sealed class Peer
    {
        public long? LoggedAt { get; set; }

        public long Unlogged { get; set; }
    }
}
