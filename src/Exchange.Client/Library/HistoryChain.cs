using Exchange.V1;

namespace Exchange.Client;

/// <summary>Where an application's hash chain first fails to hold.</summary>
/// <param name="Sequence">The event (its sequence number, the application's version after it) where the chain breaks.</param>
/// <param name="Field">What disagrees: <c>sequence</c> (an event missing or out of order), <c>previous_sha256</c>,
/// <c>event_sha256</c> (the event's content is not what was hashed), or <c>chain_head_sha256</c> (the head the
/// caller holds, or the application's, is not in the history).</param>
/// <param name="Expected">What recomputing from the history gives (or the head held).</param>
/// <param name="Found">What the hub's answer says.</param>
public sealed record ChainBreak(long Sequence, string Field, string Expected, string Found)
{
    public override string ToString() => $"event {Sequence}: {Field} expected {Expected}, found {Found}";
}

/// <summary>The outcome of recomputing an application's hash chain.</summary>
/// <param name="Events">How many events were checked.</param>
/// <param name="HeadSha256">The head recomputed from the history (lower-case hex), up to the first break.</param>
/// <param name="FirstBreak">Null when every event, and the heads given, agree.</param>
public sealed record ChainVerification(string ApplicationId, int Events, string HeadSha256, ChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>
/// Recomputes an application's hash chain from GetHistory alone (<see cref="EventChain"/>: the
/// encoding is documented there and in docs/ARCHITECTURE.md), so a platform or a court can check
/// the hub's record without trusting the hub's word. A history is only as trustworthy as the head
/// it is checked against: keep the heads receipts and updates carry, and pass them here.
/// </summary>
public static class HistoryChain
{
    /// <summary>
    /// Checks <paramref name="events"/> (oldest first, as GetHistory returns them): sequences 1, 2, 3 …,
    /// each previous_sha256 the hash before it, each event_sha256 the hash of its content; then that each
    /// of <paramref name="heads"/> (version, head hex: e.g. an Application's version and
    /// chain_head_sha256, a receipt's head at version 1, an update's) is the recomputed hash at that version.
    /// </summary>
    public static ChainVerification Verify(string applicationId, IReadOnlyList<HistoryEvent> events, params IEnumerable<(long Version, string HeadSha256)> heads)
    {
        ArgumentNullException.ThrowIfNull(applicationId);
        ArgumentNullException.ThrowIfNull(events);
        var computed = new List<string>(events.Count);
        var previous = EventChain.GenesisHex;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Sequence != i + 1)
            {
                return Broken(new ChainBreak(i + 1, "sequence", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (!string.Equals(e.PreviousSha256, previous, StringComparison.OrdinalIgnoreCase))
            {
                return Broken(new ChainBreak(e.Sequence, "previous_sha256", previous, e.PreviousSha256));
            }

            var hash = Convert.ToHexStringLower(EventChain.Hash(Convert.FromHexString(previous), Canonical(applicationId, e)));
            if (!string.Equals(e.EventSha256, hash, StringComparison.OrdinalIgnoreCase))
            {
                return Broken(new ChainBreak(e.Sequence, "event_sha256", hash, e.EventSha256));
            }

            computed.Add(hash);
            previous = hash;
        }

        foreach (var (version, head) in heads ?? [])
        {
            if (version < 1 || version > computed.Count)
            {
                return Broken(new ChainBreak(version, "chain_head_sha256", "an event at this version", $"{computed.Count} events"));
            }

            if (!string.Equals(computed[(int)version - 1], head, StringComparison.OrdinalIgnoreCase))
            {
                return Broken(new ChainBreak(version, "chain_head_sha256", head, computed[(int)version - 1]));
            }
        }

        return new ChainVerification(applicationId, events.Count, previous, null);

        ChainVerification Broken(ChainBreak at) => new(applicationId, computed.Count, previous, at);
    }

    /// <summary>The canonical content of one history event as GetHistory returned it.</summary>
    public static byte[] Canonical(string applicationId, HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return EventChain.Canonical(applicationId, e.Sequence, e.OccurTime?.ToDateTimeOffset() ?? default, e.Kind,
            ProtoNames.Of(e.Actor?.Kind ?? Actor.Types.Kind.Unspecified), e.Actor?.Id ?? "", e.Actor?.Name, e.Reason,
            ProtoNames.Of(e.StatusAfter), e.Details);
    }
}
