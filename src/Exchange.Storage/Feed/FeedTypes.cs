using Exchange.Domain;

namespace Exchange.Storage.Feed;

/// <summary>Who a feed belongs to: a platform (the applications it filed) or a court (those filed with it).</summary>
public enum FeedRecipientKind : short
{
    Platform = 1,
    Court = 2,
}

/// <summary>One feed: a platform's or a court's (its id is the platform id or the court code).</summary>
public readonly record struct FeedRecipient(FeedRecipientKind Kind, string Id)
{
    public static FeedRecipient Platform(string platformId) => new(FeedRecipientKind.Platform, platformId);

    public static FeedRecipient Court(string courtCode) => new(FeedRecipientKind.Court, courtCode);
}

/// <summary>A notice about a platform's own account, carried by its feed (no application).</summary>
/// <param name="Kind">The notice's kind as the contract names it (PlatformNotice.Kind), e.g. "CALLBACKS_PAUSED".</param>
public sealed record FeedNotice(Guid NoticeId, string Kind, string EndpointUrl, string Message, DateTimeOffset OccurredAt);

/// <summary>
/// One entry of a recipient's feed: an application's event (what GetHistory shows, with the
/// application's listing facts), or a <see cref="FeedNotice"/>.
/// </summary>
/// <param name="Position">The entry's place in its recipient's feed: 1, 2, 3 … without gaps.</param>
/// <param name="Version">The application's version after the event (the event's sequence); 0 for a notice.</param>
/// <param name="Kind">The event kind's name (HistoryEvent.EventKind), e.g. "ACCEPTED"; empty for a notice.</param>
/// <param name="CaseNumber">The application's case number once it has one (as it is now).</param>
public sealed record FeedEntry(
    long Position,
    Guid? ApplicationId,
    int Version,
    string Kind,
    ApplicationType? ApplicationType,
    ApplicationStatus? StatusAfter,
    DateTimeOffset OccurredAt,
    ActorKind ActorKind,
    string ActorId,
    string? ActorName,
    string? Reason,
    IReadOnlyDictionary<string, string> Details,
    string? PlatformCaseId,
    string? CourtCode,
    string? CaseNumber,
    FeedNotice? Notice)
{
    /// <summary>The id a consumer de-duplicates on: the same for every recipient and every redelivery.</summary>
    public string EventId => ApplicationId is { } id ? $"{id}/{Version}" : $"notice/{Notice?.NoticeId}";

    /// <summary>The event's hash in its application's chain, lower-case hex: the chain's head after it. Empty for a notice.</summary>
    public string EventSha256 { get; init; } = "";
}

/// <summary>Which entries a reader wants; an empty set does not filter. Notices always pass.</summary>
public sealed record FeedFilter(IReadOnlySet<ApplicationType> Types, IReadOnlySet<ApplicationStatus> Statuses, IReadOnlySet<Guid> ApplicationIds)
{
    public static FeedFilter None { get; } = new(new HashSet<ApplicationType>(), new HashSet<ApplicationStatus>(), new HashSet<Guid>());

    public bool Matches(FeedEntry entry) =>
        entry.Notice is not null
        || ((Types.Count == 0 || (entry.ApplicationType is { } type && Types.Contains(type)))
            && (Statuses.Count == 0 || (entry.StatusAfter is { } status && Statuses.Contains(status)))
            && (ApplicationIds.Count == 0 || (entry.ApplicationId is { } id && ApplicationIds.Contains(id))));
}

/// <summary>
/// A page of a feed: the entries that matched, the position up to which the feed was read (past
/// the entries that did not match too: resuming from it skips nothing unread), and whether that
/// was the end of what the relay has moved so far.
/// </summary>
public sealed record FeedPage(IReadOnlyList<FeedEntry> Entries, long ScannedTo, bool CaughtUp);

/// <summary>
/// What a recipient's feed holds: positions <see cref="OldestKept"/> … <see cref="Head"/>
/// (OldestKept = Head + 1 when empty). A reader at position p (it has seen p) misses nothing as
/// long as p ≥ OldestKept − 1.
/// </summary>
public sealed record FeedBounds(long OldestKept, long Head)
{
    public bool Keeps(long position) => position >= OldestKept - 1 && position <= Head;
}
