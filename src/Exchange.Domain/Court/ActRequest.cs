namespace Exchange.Domain;

/// <summary>
/// An act on an application after its filing (DOMAIN.md §4), with everything the act may carry.
/// Which fields an act needs is checked by <see cref="ActRules.Check"/>; the others are ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.ActRequest")]
public sealed record ActRequest
{
    /// <summary>What is done.</summary>
    [Id(0)] public Act Act { get; init; }

    /// <summary>Optional idempotency key (AIP-155): an act repeated with it changes nothing.</summary>
    [Id(1)] public string? RequestId { get; init; }

    /// <summary>The clerk or judge acting (court acts).</summary>
    [Id(2)] public string? OfficerName { get; init; }

    /// <summary>Why, in the actor's words.</summary>
    [Id(3)] public string? Reason { get; init; }

    /// <summary>RefuseAcceptance: the Interp art 355 ground.</summary>
    [Id(4)] public NonAcceptanceGround NonAcceptanceGround { get; init; }

    /// <summary>Reject: the Interp art 358 ground.</summary>
    [Id(5)] public RejectionGround RejectionGround { get; init; }

    /// <summary>RefuseDocument: the ground.</summary>
    [Id(6)] public DocumentRefusalGround DocumentRefusalGround { get; init; }

    /// <summary>RequestCorrection / RequestSupplement: what is missing, in one notice.</summary>
    [Id(7)] public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>RequestCorrection / RequestSupplement: the time limit in days.</summary>
    [Id(8)] public int LimitDays { get; init; }

    /// <summary>ExtendReview: the president who approved it.</summary>
    [Id(9)] public string? ApprovedBy { get; init; }

    /// <summary>SHA-256 of the rendition of the document the act produced; required to issue a mediation document.</summary>
    [Id(10)] public byte[]? DocumentSha256 { get; init; }

    /// <summary>SubmitCorrection / SubmitSupplement: the platform's statement.</summary>
    [Id(11)] public string? Statement { get; init; }

    /// <summary>SubmitCorrection / SubmitSupplement: files supplied.</summary>
    [Id(12)] public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    /// <summary>RecordService: when served; RecordSignature: when signed.</summary>
    [Id(13)] public DateTimeOffset? EventTime { get; init; }

    /// <summary>RecordService: SHA-256 of the service record.</summary>
    [Id(14)] public byte[]? RecordSha256 { get; init; }

    /// <summary>RecordSignature: the party who signed (index into the parties).</summary>
    [Id(15)] public int PartyIndex { get; init; }

    /// <summary>
    /// Accept and RegisterCase: the case number the court's own system issued, when the court
    /// numbers its cases (checked against its policy by <see cref="CaseNumbers.Read"/>).
    /// </summary>
    [Id(16)] public string? CaseNumber { get; init; }
}

/// <summary>What each act must carry (court.proto and filing.proto field limits).</summary>
public static class ActRules
{
    /// <summary>Longest request id (AIP-155 keys; ours are 1–64 characters).</summary>
    public const int MaxRequestIdLength = 64;

    /// <summary>Most items in one correction notice or supplement order.</summary>
    public const int MaxItems = 50;

    /// <summary>Longest item.</summary>
    public const int MaxItemLength = 500;

    /// <summary>Longest reason.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>Longest officer or approver name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest supplement statement.</summary>
    public const int MaxStatementLength = 5000;

    /// <summary>
    /// The violations of <paramref name="request"/>, named by the field of the act's request message
    /// (e.g. "items[2]", "limit_days", "supplement.statement"); empty when it may be applied.
    /// </summary>
    /// <param name="request">The act.</param>
    /// <param name="partyCount">How many parties the application has (attachments' and signatures' party_index).</param>
    /// <param name="now">The hub's clock, for times that may not be in the future.</param>
    public static IReadOnlyList<FieldViolation> Check(ActRequest request, int partyCount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = new List<FieldViolation>();
        void Add(string field, string? description)
        {
            if (description is not null)
            {
                found.Add(new FieldViolation(field, description));
            }
        }

        Add("request_id", RequestIdProblem(request.RequestId));
        Add("officer_name", TextLimits.Optional(request.OfficerName, MaxNameLength));
        Add("reason", TextLimits.Optional(request.Reason, MaxReasonLength));
        if (request.DocumentSha256 is { Length: > 0 and not 32 })
        {
            Add("document_sha256", "must be exactly 32 bytes (a SHA-256 digest)");
        }

        if (!string.IsNullOrEmpty(request.CaseNumber) && !AssignsCaseNumber(request.Act))
        {
            Add("case_number", "only AcceptApplication and RegisterCase take a case number");
        }

        switch (request.Act)
        {
            case Act.RequestCorrection or Act.RequestSupplement:
                CheckNotice(request, Add);
                break;
            case Act.RefuseAcceptance:
                Add("ground", GroundProblem(request.NonAcceptanceGround));
                break;
            case Act.ExtendReview:
                Add("approved_by", TextLimits.Required(request.ApprovedBy, MaxNameLength));
                break;
            case Act.Reject:
                Add("ground", GroundProblem(request.RejectionGround));
                if (request.RejectionGround == RejectionGround.OtherRejectionGround)
                {
                    Add("reason", TextLimits.Required(request.Reason, MaxReasonLength) is null ? null : "is required when the ground is OTHER_REJECTION_GROUND");
                }

                break;
            case Act.RefuseDocument:
                Add("ground", GroundProblem(request.DocumentRefusalGround));
                if (request.DocumentRefusalGround == DocumentRefusalGround.OtherGround)
                {
                    Add("reason", TextLimits.Required(request.Reason, MaxReasonLength) is null ? null : "is required when the ground is OTHER_GROUND");
                }

                break;
            case Act.TreatAsWithdrawn or Act.RecordRepudiation:
                Add("reason", TextLimits.Required(request.Reason, MaxReasonLength) is null ? null : "is required for this act");
                break;
            case Act.IssueDocument:
                if (request.DocumentSha256 is not { Length: > 0 })
                {
                    Add("document_sha256", "is required: the SHA-256 of the mediation document's rendition");
                }

                break;
            case Act.SubmitCorrection or Act.SubmitSupplement:
                CheckSupplement(request, partyCount, Add);
                break;
            case Act.RecordService:
                Add("served_time", TimeProblem(request.EventTime, now));
                if (request.RecordSha256 is not { Length: AttachmentRules.Sha256Length })
                {
                    Add("record_sha256", "must be exactly 32 bytes (a SHA-256 digest)");
                }

                break;
            case Act.RecordSignature:
                Add("signed_time", TimeProblem(request.EventTime, now));
                if (request.PartyIndex < 0 || request.PartyIndex >= partyCount)
                {
                    Add("party_index", $"must name one of the application's {partyCount} parties (0 to {partyCount - 1})");
                }

                break;
        }

        return found;
    }

    private static void CheckNotice(ActRequest request, Action<string, string?> add)
    {
        if (request.Items.Count == 0 || request.Items.Count > MaxItems)
        {
            add("items", $"must list 1 to {MaxItems} items, all in one notice");
        }

        for (var i = 0; i < request.Items.Count && i < MaxItems; i++)
        {
            add($"items[{i}]", TextLimits.Required(request.Items[i], MaxItemLength));
        }

        if (request.LimitDays is < Deadlines.MinNoticeDays or > Deadlines.MaxNoticeDays)
        {
            add("limit_days", $"must be {Deadlines.MinNoticeDays} to {Deadlines.MaxNoticeDays} days");
        }
    }

    private static void CheckSupplement(ActRequest request, int partyCount, Action<string, string?> add)
    {
        add("supplement.statement", TextLimits.Required(request.Statement, MaxStatementLength));
        if (request.Attachments.Count > AttachmentRules.MaxCount)
        {
            add("supplement.attachments", $"at most {AttachmentRules.MaxCount} files");
        }

        for (var i = 0; i < request.Attachments.Count && i < AttachmentRules.MaxCount; i++)
        {
            foreach (var v in AttachmentRules.Check(request.Attachments[i], partyCount))
            {
                add($"supplement.attachments[{i}].{v.Field}", v.Description);
            }
        }
    }

    private static string? RequestIdProblem(string? requestId)
    {
        if (string.IsNullOrEmpty(requestId))
        {
            return null;
        }

        return requestId.Length <= MaxRequestIdLength && requestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? null
            : $"must be 1 to {MaxRequestIdLength} characters from A-Z, a-z, 0-9 and \"-_.:\"";
    }

    private static string? GroundProblem<T>(T ground)
        where T : struct, Enum =>
        Convert.ToInt32(ground, System.Globalization.CultureInfo.InvariantCulture) == 0 || !Enum.IsDefined(ground)
            ? "is required: one of the grounds the contract lists"
            : null;

    private static string? TimeProblem(DateTimeOffset? time, DateTimeOffset now) => time switch
    {
        null => "is required",
        { } t when ClockSkew.IsInFuture(t, now) => "must not be in the future",
        _ => null,
    };

    /// <summary>Whether <paramref name="requestId"/> is a well-formed request id (BatchRule requires one).</summary>
    public static bool IsRequestId(string? requestId) => !string.IsNullOrEmpty(requestId) && RequestIdProblem(requestId) is null;

    /// <summary>The history event kind an act records, e.g. <see cref="HistoryEventKind.Accepted"/>.</summary>
    public static HistoryEventKind EventKindOf(Act act) => act switch
    {
        Act.Submit => HistoryEventKind.Submitted,
        Act.RequestCorrection => HistoryEventKind.CorrectionRequested,
        Act.SubmitCorrection => HistoryEventKind.CorrectionSubmitted,
        Act.Accept => HistoryEventKind.Accepted,
        Act.RefuseAcceptance => HistoryEventKind.NotAccepted,
        Act.StartReview => HistoryEventKind.ReviewStarted,
        Act.RequestSupplement => HistoryEventKind.SupplementRequested,
        Act.SubmitSupplement => HistoryEventKind.SupplementSubmitted,
        Act.ExtendReview => HistoryEventKind.ReviewExtended,
        Act.Confirm => HistoryEventKind.Confirmed,
        Act.Reject => HistoryEventKind.Rejected,
        Act.RequestWithdrawal => HistoryEventKind.WithdrawalRequested,
        Act.PermitWithdrawal => HistoryEventKind.WithdrawalPermitted,
        Act.TreatAsWithdrawn => HistoryEventKind.DeemedWithdrawn,
        Act.RecordService => HistoryEventKind.Served,
        Act.RegisterCase => HistoryEventKind.CaseRegistered,
        Act.IssueDocument => HistoryEventKind.DocumentIssued,
        Act.RefuseDocument => HistoryEventKind.DocumentRefused,
        Act.RecordSignature => HistoryEventKind.SignatureRecorded,
        Act.RecordRepudiation => HistoryEventKind.Repudiated,
        _ => throw new ArgumentOutOfRangeException(nameof(act), act, "not an act"),
    };

    /// <summary>Whether the act is a ruling: it sets the ruling time (statistics' "acceptance to ruling").</summary>
    public static bool IsRuling(Act act) => act is Act.RefuseAcceptance or Act.Confirm or Act.Reject or Act.PermitWithdrawal
        or Act.TreatAsWithdrawn or Act.IssueDocument or Act.RefuseDocument;

    /// <summary>Whether the act opens a case and takes a case number (受理 / 立案).</summary>
    public static bool AssignsCaseNumber(Act act) => act is Act.Accept or Act.RegisterCase;
}
