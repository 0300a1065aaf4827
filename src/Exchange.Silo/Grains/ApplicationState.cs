using Exchange.Abstractions;
using Exchange.Domain;

namespace Exchange.Silo.Grains;

/// <summary>
/// The persisted state of one application. Stored as JSON (see <see cref="Storage.ApplicationStateSerializer"/>):
/// the write statement reads the property names below to project the read model and append
/// <see cref="LastEvent"/> to the audit trail, so renaming one is a schema change.
/// </summary>
public sealed class ApplicationState
{
    public Guid ApplicationId { get; set; }

    public string PlatformId { get; set; } = "";

    /// <summary>The application as filed (without attachment contents).</summary>
    public ApplicationDraft? Draft { get; set; }

    public ApplicationStatus Status { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string PayloadSha256 { get; set; } = "";

    public string CourtName { get; set; } = "";

    public List<ApplicationWarning> Warnings { get; set; } = [];

    public DateTimeOffset? WithdrawalRequestedAt { get; set; }

    /// <summary>
    /// The event of the latest change. Its <see cref="ApplicationEvent.Sequence"/> is the state version
    /// the change writes; the storage statement appends it to the event log in the same transaction.
    /// </summary>
    public ApplicationEvent? LastEvent { get; set; }

    /// <summary>True once the application has been filed (state of a never-used id is empty).</summary>
    public bool Exists => Draft is not null;
}

/// <summary>One entry of an application's audit trail: who did what, when and why.</summary>
public sealed record ApplicationEvent(
    int Sequence,
    string Kind,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string? Reason,
    ApplicationStatus StatusAfter,
    Dictionary<string, string>? Details = null);
