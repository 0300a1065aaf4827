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

    /// <summary>Records the parties' request to withdraw (撤回申请); the court rules on it later.</summary>
    Task<CommandOutcome> RequestWithdrawalAsync(Actor caller, string reason);
}
