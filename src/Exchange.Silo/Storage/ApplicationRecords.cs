using System.Text.Json;
using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Silo.Grains;
using Exchange.Storage.Applications;

namespace Exchange.Silo.Storage;

/// <summary>
/// An application's state and events as the application store keeps them: the state serialized
/// (<see cref="ApplicationStateSerializer"/>'s JSON) beside the listing columns taken from it, and
/// each event's fields as typed values. The only place the two shapes meet.
/// </summary>
public static class ApplicationRecords
{
    /// <summary>The row of <paramref name="state"/> at <paramref name="version"/>: its serialized state and listing columns.</summary>
    public static ApplicationRecord Of(ApplicationState state, int version)
    {
        ArgumentNullException.ThrowIfNull(state);
        var draft = state.Draft ?? throw new InvalidOperationException($"application {state.ApplicationId}: no draft to store");
        // Deadlines are held nearest first: the docket orders by the first.
        var nearest = state.Deadlines.IsEmpty ? null : state.Deadlines[0];
        return new ApplicationRecord(
            state.ApplicationId, state.PlatformId, draft.PlatformCaseId, draft.Type.ToString(), draft.CourtCode, state.Status.ToString(),
            state.ReceivedAt, state.UpdatedAt, version, state.PayloadSha256, JsonSerializer.SerializeToUtf8Bytes(state, ApplicationStateSerializer.Options))
        {
            WithdrawalRequestedAt = state.WithdrawalRequestedAt,
            CaseYear = state.CaseYear,
            CaseTypeCode = state.CaseTypeCode,
            CaseSequence = state.CaseSequence,
            AcceptedAt = state.AcceptedAt,
            RuledAt = state.RuledAt,
            NextDeadlineAt = nearest?.ClosesAt,
            NextDeadlineKind = nearest?.Kind.ToString(),
            WatchAt = state.WatchAt,
        };
    }

    /// <summary>The stored form of <paramref name="e"/>, hashed onto <paramref name="previous"/> (its <see cref="ApplicationEvent.Sha256"/> set).</summary>
    public static EventRecord Of(ApplicationEvent e, byte[] previous)
    {
        ArgumentNullException.ThrowIfNull(e);
        var hash = Convert.FromHexString(e.Sha256 ?? throw new ArgumentException("an event is stored with its hash", nameof(e)));
        return new EventRecord(e.Sequence, e.OccurredAt, e.Kind, e.Actor.Kind.ToString(), e.Actor.Id, e.Actor.Name, e.Reason, e.StatusAfter.ToString(),
            e.Details is null ? null : JsonSerializer.Serialize(e.Details, ApplicationStateSerializer.Options), previous, hash);
    }

    /// <summary>The hash of <paramref name="e"/> in <paramref name="applicationId"/>'s chain after <paramref name="previous"/> (EventChain), lower-case hex.</summary>
    public static string Hash(Guid applicationId, ApplicationEvent e, ReadOnlySpan<byte> previous)
    {
        ArgumentNullException.ThrowIfNull(e);
        var canonical = EventChain.Canonical(applicationId.ToString(), e.Sequence, e.OccurredAt, e.Kind, ProtoNames.Of(e.Actor.Kind),
            e.Actor.Id, e.Actor.Name, e.Reason, ProtoNames.Of(e.StatusAfter), e.Details);
        return Convert.ToHexStringLower(EventChain.Hash(previous, canonical));
    }

    /// <summary>A stored state, read.</summary>
    public static ApplicationState Read(byte[] state) =>
        JsonSerializer.Deserialize<ApplicationState>(state, ApplicationStateSerializer.Options)
        ?? throw new JsonException("a stored application state is null");
}
