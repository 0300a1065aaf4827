using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Exchange.Abstractions;
using Exchange.Domain;

namespace Exchange.Silo.Grains;

/// <summary>
/// The persisted state of one application. Stored as JSON (see <see cref="Storage.ApplicationStateSerializer"/>)
/// in the application store's row, beside the listing columns <see cref="Storage.ApplicationRecords"/>
/// takes from it. The JSON names are pinned with <see cref="JsonPropertyNameAttribute"/>, so that
/// renaming a property does not change the stored states (which a silo of any later build reads).
/// </summary>
public sealed class ApplicationState
{
    private Sha256Bytes payloadSha256;
    private bool hasPayloadSha256;
    private Sha256Bytes chainHead;
    private bool hasChainHead;
    private Sha256Bytes firstEvent;
    private bool hasFirstEvent;

    [JsonPropertyName("applicationId")]
    public Guid ApplicationId { get; set; }

    [JsonPropertyName("platformId")]
    public string PlatformId { get; set; } = "";

    /// <summary>The application as filed (without attachment contents), compacted.</summary>
    [JsonPropertyName("draft")]
    public CompactDraft? Draft { get; set; }

    [JsonPropertyName("status")]
    public ApplicationStatus Status { get; set; }

    [JsonPropertyName("receivedAt")]
    public DateTimeOffset ReceivedAt { get; set; }

    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The canonical payload's SHA-256 as lower-case hex; held as its 32 bytes (a string would take 152).</summary>
    [JsonPropertyName("payloadSha256")]
    public string PayloadSha256
    {
        get => Sha256Bytes.Hex(payloadSha256, hasPayloadSha256);
        set => hasPayloadSha256 = Sha256Bytes.Parse(value, ref payloadSha256);
    }

    /// <summary>
    /// The head of the history's hash chain: the SHA-256 of the latest event, lower-case hex
    /// (EventChain). Set by the grain with each event it hashes, or by the write statement when it
    /// hashed the event itself (a case number it took); empty for a state stored before 0095 ran.
    /// </summary>
    [JsonPropertyName("chainHeadSha256")]
    public string ChainHeadSha256
    {
        get => Sha256Bytes.Hex(chainHead, hasChainHead);
        set => hasChainHead = Sha256Bytes.Parse(value, ref chainHead);
    }

    /// <summary>The SHA-256 of the first event (SUBMITTED): the chain's head the receipt carries.</summary>
    [JsonPropertyName("firstEventSha256")]
    public string FirstEventSha256
    {
        get => Sha256Bytes.Hex(firstEvent, hasFirstEvent);
        set => hasFirstEvent = Sha256Bytes.Parse(value, ref firstEvent);
    }

    /// <summary>The chain's head as its 32 bytes; false when the state does not hold one.</summary>
    public bool TryGetChainHead(Span<byte> destination)
    {
        ((ReadOnlySpan<byte>)chainHead).CopyTo(destination);
        return hasChainHead;
    }

    public string CourtName { get; set; } = "";

    public ImmutableArray<ApplicationWarning> Warnings { get => field.IsDefault ? [] : field; set; }

    [JsonPropertyName("withdrawalRequestedAt")]
    public DateTimeOffset? WithdrawalRequestedAt { get; set; }

    /// <summary>
    /// Case number parts. The grain sets the year and codes when the court accepts (or registers)
    /// the application; for a hub-numbered court the store then takes the next sequence
    /// number of that court, codes and year and writes it into <see cref="CaseSequence"/> in the same
    /// transaction; a court that numbers its own cases gives all three (the read model's unique index
    /// on court, codes, year and sequence refuses a number given twice).
    /// <see cref="CaseTypeCode"/> holds every code between court code and sequence: the court's
    /// specialised-trial code, if any, and its type code (法〔2018〕335号), so that the sequences,
    /// the unique index and the printed number all run per court, both codes and year.
    /// </summary>
    [JsonPropertyName("caseYear")]
    public int? CaseYear { get; set; }

    [JsonPropertyName("caseTypeCode")]
    public string? CaseTypeCode { get; set; }

    [JsonPropertyName("caseSequence")]
    public long? CaseSequence { get; set; }

    [JsonPropertyName("acceptedAt")]
    public DateTimeOffset? AcceptedAt { get; set; }

    [JsonPropertyName("ruledAt")]
    public DateTimeOffset? RuledAt { get; set; }

    /// <summary>When the platform last answered a correction notice: the acceptance clock restarts (OLR art 9).</summary>
    public DateTimeOffset? CorrectionSubmittedAt { get; set; }

    /// <summary>When the open correction notice or supplement order was given, and its limit in days.</summary>
    public DateTimeOffset? NoticeAt { get; set; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int NoticeLimitDays { get; set; }

    public ImmutableArray<string> RequestedItems { get => field.IsDefault ? [] : field; set; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReviewExtended { get; set; }

    public ImmutableArray<int> SignedPartyIndexes { get => field.IsDefault ? [] : field; set; }

    /// <summary>The deadlines running in <see cref="Status"/>, nearest first (the read model's next_deadline_at is the first).</summary>
    [JsonPropertyName("deadlines")]
    public ImmutableArray<RunningDeadline> Deadlines { get => field.IsDefault ? [] : field; set; }

    /// <summary>The running deadlines already flagged OVERDUE.</summary>
    public ImmutableArray<OverdueFlag> OverdueFlags { get => field.IsDefault ? [] : field; set; }

    /// <summary>
    /// When the nearest deadline not yet flagged closes: the store's watch_at, which the deadline
    /// watcher polls (see DeadlineWatchGrain). Derived, so not part of the stored state.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? WatchAt => Deadlines.FirstOrDefault(d => !IsFlagged(d))?.ClosesAt;

    /// <summary>Whether <paramref name="hex"/> is <see cref="PayloadSha256"/>.</summary>
    public bool HasPayloadSha256(string hex)
    {
        Span<byte> other = stackalloc byte[32];
        return hasPayloadSha256 && Convert.FromHexString(hex, other, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == 32 && other.SequenceEqual(payloadSha256);
    }

    /// <summary>Whether the hub already flagged <paramref name="deadline"/> OVERDUE.</summary>
    public bool IsFlagged(RunningDeadline deadline) => OverdueFlags.Any(f => f.Kind == deadline.Kind && f.ClosesAt == deadline.ClosesAt);

    /// <summary>The officer who accepted the application or registered its case: the clerk its documents name.</summary>
    [JsonPropertyName("caseOpenedBy")]
    public string? CaseOpenedBy { get; set; }

    /// <summary>
    /// The documents the hub issued for the court's acts, oldest first: what they are and their
    /// SHA-256. Their bytes live in exchange_documents, never in the state.
    /// </summary>
    [JsonPropertyName("documents")]
    public ImmutableArray<IssuedDocument> Documents { get => field.IsDefault ? [] : field; set; }

    /// <summary>Request ids already applied (AIP-155), with the act each performed; null until the first.</summary>
    public Dictionary<string, Act>? AppliedRequests { get; set; }

    /// <summary>The case number text, once the sequence is assigned.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? CaseNumber => CaseYear is { } year && CaseTypeCode is { } code && CaseSequence is { } sequence && Draft is not null
        ? CaseNumbers.Format(year, Draft.CourtCode, code, sequence)
        : null;

    /// <summary>True once the application has been filed (state of a never-used id is empty).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Exists => Draft is not null;
}

/// <summary>A deadline the hub flagged OVERDUE: identified by its kind and closing instant, so a new notice starts afresh.</summary>
public sealed record OverdueFlag(DeadlineKind Kind, DateTimeOffset ClosesAt, DateTimeOffset FlaggedAt);

/// <summary>One entry of an application's audit trail: who did what, when and why.</summary>
public sealed record ApplicationEvent(
    [property: JsonPropertyName("sequence")] int Sequence,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("occurredAt")] DateTimeOffset OccurredAt,
    [property: JsonPropertyName("actor")] Actor Actor,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("statusAfter")] ApplicationStatus StatusAfter,
    [property: JsonPropertyName("details")] Dictionary<string, string>? Details = null)
{
    /// <summary>
    /// The event's hash in the chain (EventChain), lower-case hex, as the grain computed it; the write
    /// statement computes its own and fails the write if they differ. Null when the grain leaves it to
    /// the statement (an event the statement adds a case number to).
    /// </summary>
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }
}

/// <summary>A SHA-256 held inline (no array object of its own).</summary>
[System.Runtime.CompilerServices.InlineArray(32)]
internal struct Sha256Bytes
{
    private byte first;

    /// <summary>Lower-case hex of <paramref name="bytes"/>; empty when <paramref name="present"/> is false.</summary>
    public static string Hex(in Sha256Bytes bytes, bool present) => present ? Convert.ToHexStringLower(bytes) : "";

    /// <summary>Reads 64 hex digits into <paramref name="bytes"/>; returns whether there were any (empty is none).</summary>
    public static bool Parse(string value, ref Sha256Bytes bytes)
    {
        bytes = default;
        if (value.Length == 0)
        {
            return false;
        }

        if (Convert.FromHexString(value, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            throw new FormatException($"not a SHA-256 in hex: '{value}'");
        }

        return true;
    }
}
