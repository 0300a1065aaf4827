namespace Exchange.Domain;

// The names the hub puts on the wire as text (ErrorInfo.reason, Warning.code, the history's event
// kind), one enum each, mirrored value for value by exchange.v1 (common.proto) and checked by the
// proto↔domain parity test. The text is always ProtoNames.Of(value): a reason that is not a member
// here cannot be emitted, so the proto lists every one.

/// <summary>Every ErrorInfo.reason the hub emits (exchange.v1.ErrorReason).</summary>
public enum ErrorReason
{
    /// <summary>Never emitted.</summary>
    Unspecified = 0,

    /// <summary>A request field is missing or malformed (BadRequest lists them).</summary>
    InvalidArgument = 1,

    /// <summary>SubmitApplication: the application is missing fields or breaks a limit (BadRequest lists them).</summary>
    InvalidApplication = 2,

    /// <summary>No such application for this caller.</summary>
    NotFound = 3,

    /// <summary>No, a malformed, unknown or revoked credential.</summary>
    Unauthenticated = 4,

    /// <summary>The credential is of the wrong kind for the service.</summary>
    PermissionDenied = 5,

    /// <summary>Nothing was done: the hub could not reach its store or cluster. Retry the same request.</summary>
    BackendUnavailable = 6,

    /// <summary>The outcome is not known: the change may or may not have been made. Repeat with the same request id.</summary>
    OutcomeUnknown = 7,

    /// <summary>The caller cancelled the call.</summary>
    Cancelled = 8,

    /// <summary>A failure of the hub itself; logged.</summary>
    Internal = 9,

    /// <summary>The idempotency key of a submission was used with another payload.</summary>
    DuplicateCaseIdDifferentPayload = 10,

    /// <summary>The request id was used for another act or batch.</summary>
    RequestIdReused = 11,

    /// <summary>Judicial confirmation filed after the 30-day window (MSL23 art 205).</summary>
    FilingWindowExpired = 12,

    /// <summary>The dispute type cannot be handled (Interp art 355 / art 143).</summary>
    DisputeTypeExcluded = 13,

    /// <summary>The court does not handle this kind of application.</summary>
    CourtDoesNotAcceptType = 14,

    /// <summary>The lifecycle does not allow the act in the current status.</summary>
    TransitionNotAllowed = 15,

    /// <summary>The application already reached a final status.</summary>
    ApplicationFinal = 16,

    /// <summary>PermitWithdrawal when the parties have not asked to withdraw.</summary>
    WithdrawalNotRequested = 17,

    /// <summary>ExtendReview a second time.</summary>
    ReviewAlreadyExtended = 18,

    /// <summary>The act belongs to another kind of actor (a court's act by a platform, or the reverse).</summary>
    WrongActor = 19,

    /// <summary>The caller's own deadline passed before the hub answered; the outcome of a change is not known.</summary>
    DeadlineExceeded = 20,

    /// <summary>Bootstrap from another machine than the gateway's.</summary>
    NotLoopback = 21,

    /// <summary>A court code the hub does not serve (AdminService).</summary>
    UnknownCourt = 22,

    /// <summary>RegisterPlatform of an id already registered.</summary>
    PlatformAlreadyExists = 23,

    /// <summary>No platform with this id (AdminService).</summary>
    PlatformNotFound = 24,

    /// <summary>IssueKey for a revoked platform.</summary>
    PlatformRevoked = 25,

    /// <summary>No key with this prefix (AdminService).</summary>
    KeyNotFound = 26,

    /// <summary>A key prefix that names more than one key.</summary>
    AmbiguousKeyPrefix = 27,

    /// <summary>Revoking the last active admin key.</summary>
    LastAdminKey = 28,

    /// <summary>Bootstrap of a hub that has an admin key already.</summary>
    AlreadyBootstrapped = 29,

    /// <summary>An admin put whose expected version is not the stored one.</summary>
    VersionMismatch = 30,

    /// <summary>A feed resume token older than the retention, or from before the feed was rebuilt.</summary>
    ResumeTokenExpired = 31,

    /// <summary>A caller with too many WatchUpdates streams open.</summary>
    TooManyWatchers = 32,

    /// <summary>A callback call for a platform that has no callback endpoint.</summary>
    NoCallbackEndpoint = 33,

    /// <summary>The caller's platform or court exceeded its rate limit; RetryInfo says when to try again.</summary>
    RateLimited = 34,

    /// <summary>AddOfficer with a name the court's officers have already.</summary>
    OfficerAlreadyExists = 40,

    /// <summary>An officer change for a name the court's officers do not have.</summary>
    OfficerNotFound = 41,

    /// <summary>BindClientCertificate of a certificate bound to another platform.</summary>
    ClientCertificateAlreadyBound = 70,

    /// <summary>UploadAttachment declared a size over the court's attachment limit.</summary>
    AttachmentTooLarge = 85,

    /// <summary>UploadAttachment received bytes that do not match the declared size or SHA-256.</summary>
    AttachmentMismatch = 86,

    /// <summary>An accepting act with a case number the court gave another application already.</summary>
    CaseNumberTaken = 90,

    /// <summary>GetCourtPolicy of a court code the hub does not serve.</summary>
    CourtNotFound = 91,
}

/// <summary>Every Warning.code the hub puts on a receipt (exchange.v1.WarningCode).</summary>
public enum WarningCode
{
    /// <summary>Never emitted.</summary>
    Unspecified = 0,

    /// <summary>A unified social credit code whose GB 32100 check character does not match.</summary>
    CreditCodeChecksum = 1,

    /// <summary>
    /// The filing window seems to have closed, but it was computed without the holiday calendar of
    /// a year involved; the hub does not refuse on a provisional deadline and leaves it to the court.
    /// </summary>
    FilingDeadlineProvisional = 2,
}

/// <summary>What a history event records (exchange.v1.HistoryEvent.EventKind); stored as its proto name.</summary>
public enum HistoryEventKind
{
    /// <summary>Not a stored kind.</summary>
    Unspecified = 0,

    /// <summary><see cref="Act.Submit"/>.</summary>
    Submitted = 1,

    /// <summary><see cref="Act.RequestCorrection"/>.</summary>
    CorrectionRequested = 2,

    /// <summary><see cref="Act.SubmitCorrection"/>.</summary>
    CorrectionSubmitted = 3,

    /// <summary><see cref="Act.Accept"/>.</summary>
    Accepted = 4,

    /// <summary><see cref="Act.RefuseAcceptance"/>.</summary>
    NotAccepted = 5,

    /// <summary><see cref="Act.StartReview"/>.</summary>
    ReviewStarted = 6,

    /// <summary><see cref="Act.RequestSupplement"/>.</summary>
    SupplementRequested = 7,

    /// <summary><see cref="Act.SubmitSupplement"/>.</summary>
    SupplementSubmitted = 8,

    /// <summary><see cref="Act.ExtendReview"/>.</summary>
    ReviewExtended = 9,

    /// <summary><see cref="Act.Confirm"/>.</summary>
    Confirmed = 10,

    /// <summary><see cref="Act.Reject"/>.</summary>
    Rejected = 11,

    /// <summary><see cref="Act.RequestWithdrawal"/>.</summary>
    WithdrawalRequested = 12,

    /// <summary><see cref="Act.PermitWithdrawal"/>.</summary>
    WithdrawalPermitted = 13,

    /// <summary><see cref="Act.TreatAsWithdrawn"/>.</summary>
    DeemedWithdrawn = 14,

    /// <summary><see cref="Act.RecordService"/>.</summary>
    Served = 15,

    /// <summary><see cref="Act.RegisterCase"/>.</summary>
    CaseRegistered = 16,

    /// <summary><see cref="Act.IssueDocument"/>.</summary>
    DocumentIssued = 17,

    /// <summary><see cref="Act.RefuseDocument"/>.</summary>
    DocumentRefused = 18,

    /// <summary><see cref="Act.RecordSignature"/>.</summary>
    SignatureRecorded = 19,

    /// <summary><see cref="Act.RecordRepudiation"/>.</summary>
    Repudiated = 20,

    /// <summary>The hub flagged a deadline that closed (no status change).</summary>
    Overdue = 21,

    /// <summary>The hub counted the running deadlines again on a newly loaded holiday calendar (no status change).</summary>
    DeadlinesRecounted = 90,
}
