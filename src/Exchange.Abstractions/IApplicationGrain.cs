using Exchange.Domain;

namespace Exchange.Abstractions;

/// <summary>
/// One application (申请) filed through the hub: its state machine and audit trail.
/// The grain's key is the application id, a UUIDv7 in canonical text form ("D" format).
/// </summary>
public interface IApplicationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Files <paramref name="draft"/> for <paramref name="platformId"/> under this grain's id.
    /// Validates it with the domain rules, stores it durably (state, read model and first event in one
    /// transaction) and answers with the receipt. When another application already holds the same
    /// idempotency key (platform, platform case id, type), answers with that application's receipt
    /// when the payload is the same, or a conflict when it is not; nothing is stored then.
    /// </summary>
    Task<SubmitOutcome> SubmitAsync(string platformId, ApplicationDraft draft);

    /// <summary>
    /// The application as <paramref name="caller"/> may see it, or null when it does not exist or
    /// belongs to someone else (the two are indistinguishable on purpose).
    /// </summary>
    Task<ApplicationView?> GetAsync(Actor caller);

    /// <summary>
    /// As <see cref="GetAsync"/>, but without the application when the caller already holds
    /// <paramref name="knownVersion"/> of it: lets the gateway answer hot reads from its cache after
    /// a call that carries a few bytes instead of the whole application.
    /// </summary>
    Task<ViewIfChanged> GetIfChangedAsync(Actor caller, long knownVersion);

    /// <summary>
    /// The receipt of this application when <paramref name="payloadSha256"/> matches its payload;
    /// used by a racing or repeated submission to return the original receipt.
    /// </summary>
    Task<SubmitOutcome> ResolveDuplicateAsync(string platformId, string payloadSha256);

    /// <summary>
    /// Performs <paramref name="request"/> (a court act or a platform's answer, DOMAIN.md §4) when the
    /// lifecycle allows it: the new state, its deadlines and the act's history event are written in
    /// one statement. A request id already applied to this application answers with the current
    /// application and changes nothing.
    /// </summary>
    Task<CommandOutcome> ActAsync(Actor caller, ActRequest request);

    /// <summary>
    /// Records an OVERDUE event for every running deadline that has closed and is not yet flagged.
    /// Called by the deadline watcher; changes no status (the court decides).
    /// </summary>
    Task CheckDeadlinesAsync();

    /// <summary>
    /// Counts the running deadlines again on the holiday calendar loaded now (a year loaded since
    /// they were counted: provisional deadlines become final, and may move). Writes a
    /// DEADLINES_RECOUNTED event only when a deadline changed; returns whether one did.
    /// </summary>
    Task<bool> RecountDeadlinesAsync();
}

/// <summary>
/// Watches every application's deadlines: a reminder (ADO.NET, PostgreSQL) ticks every check
/// period, and each tick asks the applications whose next unflagged deadline has closed to flag it.
/// </summary>
public interface IDeadlineWatchGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the watcher's reminder unless it is registered (idempotent; called at silo start).</summary>
    Task StartAsync();

    /// <summary>One look at the clock now (the reminder's tick); returns how many applications were asked.</summary>
    Task<int> CheckNowAsync();
}

/// <summary>
/// One court's batch ruling (BatchRule), keyed "{court code}/{request id}": rules each item through
/// its application grain and keeps the per-item results, so that a retried batch answers with them.
/// </summary>
public interface IBatchRulingGrain : IGrainWithStringKey
{
    /// <summary>
    /// Rules every id with <paramref name="template"/> (Confirm or Reject, its ground and reason),
    /// at most <paramref name="parallelism"/> at a time. The same request (same
    /// <paramref name="requestSha256"/>) again returns the stored results; another request under the
    /// same key returns null (the request id was reused).
    /// </summary>
    Task<IReadOnlyList<BatchItemResult>?> RuleAsync(Actor court, string requestSha256, ActRequest template, IReadOnlyList<string> applicationIds, int parallelism);

    /// <summary>
    /// The items ruled so far, while <see cref="RuleAsync"/> runs (answered between its turns, so a
    /// console can show each item as it completes); the stored results once it has finished; none
    /// with total 0 when no batch ran under this key.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<BatchProgress> ProgressAsync();
}

/// <summary>
/// Counts again the deadlines that may reach into one year when its holiday calendar is loaded
/// (key: the year). One activation per year in the cluster, so the silos that each hear of the
/// change ask it once: a version already recounted is not recounted again.
/// </summary>
public interface ICalendarRecountGrain : IGrainWithIntegerKey
{
    /// <summary>Recounts the applications whose deadlines may fall in the year, if <paramref name="version"/> is newer than the last recounted; returns how many changed.</summary>
    Task<int> RecountAsync(long version);
}
