using Exchange.Domain;

namespace Exchange.Abstractions;

/// <summary>Who acts on an application: a platform, a court (clerk or judge) or the hub itself.</summary>
[GenerateSerializer, Immutable]
public sealed record Actor(
    [property: Id(0)] ActorKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string? Name = null);

/// <summary>The hub's acknowledgement of a filing (回执).</summary>
[GenerateSerializer, Immutable]
public sealed record Receipt(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] ApplicationStatus Status,
    [property: Id(2)] DateTimeOffset ReceivedAt,
    [property: Id(3)] string CourtCode,
    [property: Id(4)] string CourtName,
    [property: Id(5)] ApplicationType Type,
    [property: Id(6)] string PlatformCaseId,
    [property: Id(7)] string PayloadSha256,
    [property: Id(8)] IReadOnlyList<ApplicationWarning> Warnings)
{
    /// <summary>The hash of the application's first history event (its chain's head at filing), lower-case hex.</summary>
    [Id(9)] public string ChainHeadSha256 { get; init; } = "";
}

/// <summary>How a submission ended.</summary>
public enum SubmitResultKind
{
    /// <summary>Stored now; <see cref="SubmitOutcome.Receipt"/> is the new receipt.</summary>
    Created = 1,

    /// <summary>The same key and payload were filed before; the receipt is the original one.</summary>
    Duplicate = 2,

    /// <summary>The same key was used with another payload (ALREADY_EXISTS).</summary>
    Conflict = 3,

    /// <summary>Fields are missing or malformed (INVALID_ARGUMENT).</summary>
    Invalid = 4,

    /// <summary>A rule of law refuses the application (FAILED_PRECONDITION).</summary>
    Refused = 5,
}

[GenerateSerializer, Immutable]
public sealed record SubmitOutcome(
    [property: Id(0)] SubmitResultKind Kind,
    [property: Id(1)] Receipt? Receipt = null,
    [property: Id(2)] IReadOnlyList<FieldViolation>? Violations = null,
    [property: Id(3)] RuleRefusal? Refusal = null,
    [property: Id(4)] string? ExistingApplicationId = null);

/// <summary>An application as its filer or court sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record ApplicationView(
    [property: Id(0)] Receipt Receipt,
    [property: Id(1)] string PlatformId,
    [property: Id(2)] ApplicationStatus Status,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] long Version,
    [property: Id(5)] DateTimeOffset? WithdrawalRequestedAt,
    [property: Id(6)] ApplicationDraft Draft)
{
    /// <summary>The case number, e.g. （2026）新0102民特123号; null before acceptance or registration.</summary>
    [Id(7)] public string? CaseNumber { get; init; }

    /// <summary>When the court accepted the application or registered its case.</summary>
    [Id(8)] public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>When the court ruled, or issued or refused the mediation document.</summary>
    [Id(9)] public DateTimeOffset? RuledAt { get; init; }

    /// <summary>The deadlines running in the current status, nearest first.</summary>
    [Id(10)] public IReadOnlyList<DeadlineView> Deadlines { get; init; } = [];

    /// <summary>What the open correction notice or supplement order asks for.</summary>
    [Id(11)] public IReadOnlyList<string> RequestedItems { get; init; } = [];

    /// <summary>Mediation document: the parties who signed for it.</summary>
    [Id(12)] public IReadOnlyList<int> SignedPartyIndexes { get; init; } = [];

    /// <summary>The hash of the latest history event (the one numbered <see cref="Version"/>), lower-case hex.</summary>
    [Id(13)] public string ChainHeadSha256 { get; init; } = "";

    /// <summary>The documents the hub issued for the court's acts, oldest first.</summary>
    [Id(14)] public IReadOnlyList<IssuedDocument> Documents { get; init; } = [];
}

/// <summary>A running deadline and, once it passed, when the hub flagged it OVERDUE.</summary>
[GenerateSerializer, Immutable]
public sealed record DeadlineView(
    [property: Id(0)] RunningDeadline Deadline,
    [property: Id(1)] DateTimeOffset? OverdueFlaggedAt);

/// <summary>How far a batch ruling is: <paramref name="Ruled"/> of <paramref name="Total"/> items have their result; <paramref name="Done"/> once all have.</summary>
[GenerateSerializer, Immutable]
public sealed record BatchProgress(
    [property: Id(0)] bool Done,
    [property: Id(1)] int Total,
    [property: Id(2)] IReadOnlyList<BatchItemResult> Ruled);

/// <summary>One item of a batch ruling: the outcome its single call would have had.</summary>
[GenerateSerializer, Immutable]
public sealed record BatchItemResult(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] CommandResultKind Kind,
    [property: Id(2)] ApplicationStatus Status,
    [property: Id(3)] long Version,
    [property: Id(4)] RuleRefusal? Refusal = null,
    [property: Id(5)] IReadOnlyList<FieldViolation>? Violations = null)
{
    /// <summary>For the failure kinds (<see cref="CommandResultKind.Unavailable"/> and after): what went wrong.</summary>
    [Id(6)] public string? Failure { get; init; }
}

/// <summary>
/// The answer to <see cref="IApplicationGrain.GetIfChangedAsync"/>: not visible (null view, version 0),
/// unchanged (null view, the known version), or the current view.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ViewIfChanged(
    [property: Id(0)] bool Visible,
    [property: Id(1)] long Version,
    [property: Id(2)] ApplicationView? View);

public enum CommandResultKind
{
    /// <summary>Done (or already done: the command was idempotent).</summary>
    Done = 1,

    /// <summary>No such application for this caller.</summary>
    NotFound = 2,

    /// <summary>The lifecycle does not allow it now (FAILED_PRECONDITION).</summary>
    Refused = 3,

    /// <summary>Bad arguments (INVALID_ARGUMENT).</summary>
    Invalid = 4,

    /// <summary>The act belongs to another kind of actor (PERMISSION_DENIED).</summary>
    WrongActor = 5,

    /// <summary>The request id was used on this application for another act (ALREADY_EXISTS).</summary>
    Conflict = 6,

    /// <summary>Batch items only: the store or cluster could not be reached and nothing was done (UNAVAILABLE).</summary>
    Unavailable = 7,

    /// <summary>Batch items only: the item's answer was lost; it may have been ruled (UNKNOWN, OUTCOME_UNKNOWN).</summary>
    OutcomeUnknown = 8,

    /// <summary>Batch items only: the item failed on a fault of the hub's (INTERNAL).</summary>
    Failed = 9,
}

[GenerateSerializer, Immutable]
public sealed record CommandOutcome(
    [property: Id(0)] CommandResultKind Kind,
    [property: Id(1)] ApplicationView? Application = null,
    [property: Id(2)] RuleRefusal? Refusal = null,
    [property: Id(3)] IReadOnlyList<FieldViolation>? Violations = null);
