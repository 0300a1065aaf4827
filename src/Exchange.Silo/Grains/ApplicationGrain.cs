using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Silo.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Exchange.Silo.Grains;

/// <summary>
/// One application: validates with the domain rules, keeps its state machine, and records every
/// change with its event in one storage write (see WriteToStorageKey.sql).
/// </summary>
public sealed partial class ApplicationGrain(
    [PersistentState("application", ExchangeStorage.ProviderName)] IPersistentState<ApplicationState> state,
    CourtRegistry courts,
    HolidayCalendar calendar,
    TimeProvider clock,
    AttachmentContentStore attachments,
    ApplicationIndex index,
    ILogger<ApplicationGrain> logger) : Grain, IApplicationGrain
{
    private const string IdempotencyConstraint = "exchange_applications_idempotency";
    private const int MaxReasonLength = 2000;

    public async Task<SubmitOutcome> SubmitAsync(string platformId, ApplicationDraft draft)
    {
        var payloadSha256 = CanonicalPayload.Sha256Hex(draft);
        if (state.State.Exists)
        {
            // This id is taken: only the very same filing may see its receipt again.
            return await ResolveDuplicateAsync(platformId, payloadSha256);
        }

        var now = Now();
        var outcome = ApplicationValidator.Validate(draft, courts, calendar, now);
        if (outcome.Violations.Count > 0)
        {
            DeactivateOnIdle();
            return new SubmitOutcome(SubmitResultKind.Invalid, Violations: outcome.Violations);
        }

        if (outcome.Refusal is not null)
        {
            DeactivateOnIdle();
            return new SubmitOutcome(SubmitResultKind.Refused, Refusal: outcome.Refusal);
        }

        // A submission already filed under another id answers without touching storage.
        var existing = await index.FindByKeyAsync(platformId, draft.PlatformCaseId, draft.Type);
        if (existing is { } existingId)
        {
            DeactivateOnIdle();
            return await GrainFactory.GetGrain<IApplicationGrain>(existingId.ToString()).ResolveDuplicateAsync(platformId, payloadSha256);
        }

        var contents = draft.Attachments.Where(a => a.Content is { Length: > 0 }).Select(a => (a.Sha256, a.Content!)).ToList();
        if (contents.Count > 0)
        {
            await attachments.StoreAsync(contents);
        }

        var applicationId = Guid.Parse(this.GetPrimaryKeyString());
        var court = outcome.Court ?? throw new InvalidOperationException("an accepted application without its court");
        var actor = new Actor(ActorKind.Platform, platformId);
        state.State = new ApplicationState
        {
            ApplicationId = applicationId,
            PlatformId = platformId,
            Draft = draft,
            Status = ApplicationStatus.Received,
            ReceivedAt = now,
            UpdatedAt = now,
            PayloadSha256 = payloadSha256,
            CourtName = court.Name,
            Warnings = [.. outcome.Warnings],
            LastEvent = new ApplicationEvent(NextSequence(), "SUBMITTED", now, actor, null, ApplicationStatus.Received,
                new Dictionary<string, string> { ["payload_sha256"] = payloadSha256, ["court_code"] = draft.CourtCode }),
        };

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (IsIdempotencyConflict(ex))
        {
            // Another submission with the same key won the race: nothing of ours was stored.
            state.State = new ApplicationState();
            DeactivateOnIdle();
            LogRaceLost(logger, draft.PlatformCaseId, platformId);
            var winner = await index.FindByKeyAsync(platformId, draft.PlatformCaseId, draft.Type)
                ?? throw new InvalidOperationException("idempotency conflict without a winning application");
            return await GrainFactory.GetGrain<IApplicationGrain>(winner.ToString()).ResolveDuplicateAsync(platformId, payloadSha256);
        }
        catch
        {
            // State of unknown durability: drop this activation so the next call reads what is stored.
            state.State = new ApplicationState();
            DeactivateOnIdle();
            throw;
        }

        return new SubmitOutcome(SubmitResultKind.Created, ToReceipt());
    }

    public Task<SubmitOutcome> ResolveDuplicateAsync(string platformId, string payloadSha256)
    {
        if (!state.State.Exists || state.State.PlatformId != platformId)
        {
            throw new InvalidOperationException("duplicate resolution reached an application of another platform");
        }

        return Task.FromResult(state.State.PayloadSha256 == payloadSha256
            ? new SubmitOutcome(SubmitResultKind.Duplicate, ToReceipt())
            : new SubmitOutcome(SubmitResultKind.Conflict, ExistingApplicationId: state.State.ApplicationId.ToString()));
    }

    public Task<ApplicationView?> GetAsync(Actor caller)
    {
        if (!CanSee(caller))
        {
            DeactivateOnIdle();
            return Task.FromResult<ApplicationView?>(null);
        }

        return Task.FromResult<ApplicationView?>(ToView());
    }

    public async Task<CommandOutcome> RequestWithdrawalAsync(Actor caller, string reason)
    {
        if (!CanSee(caller) || caller.Kind != ActorKind.Platform)
        {
            return new CommandOutcome(CommandResultKind.NotFound);
        }

        if (TextLimits.Optional(reason, MaxReasonLength) is { } problem)
        {
            return new CommandOutcome(CommandResultKind.Invalid, Violations: [new FieldViolation("reason", problem)]);
        }

        var s = state.State;
        if (s.WithdrawalRequestedAt is not null && !Lifecycle.IsFinal(s.Status))
        {
            return new CommandOutcome(CommandResultKind.Done, ToView());
        }

        var decision = Lifecycle.Apply(s.Draft!.Type, s.Status, Act.RequestWithdrawal, ActorKind.Platform);
        if (!decision.IsAllowed)
        {
            var code = Lifecycle.IsFinal(s.Status) ? "APPLICATION_FINAL" : "TRANSITION_NOT_ALLOWED";
            return new CommandOutcome(CommandResultKind.Refused, Refusal: new RuleRefusal(code,
                decision.Refusal ?? $"withdrawal cannot be requested in status {s.Status}",
                new Dictionary<string, string> { ["status"] = ProtoStatusName(s.Status) }));
        }

        var now = Now();
        s.WithdrawalRequestedAt = now;
        s.UpdatedAt = now;
        s.LastEvent = new ApplicationEvent(NextSequence(), "WITHDRAWAL_REQUESTED", now, caller, reason, s.Status);
        await WriteOrResetAsync();
        return new CommandOutcome(CommandResultKind.Done, ToView());
    }

    private bool CanSee(Actor caller) => state.State.Exists && caller.Kind switch
    {
        ActorKind.Platform => caller.Id == state.State.PlatformId,
        ActorKind.Court => caller.Id == state.State.Draft!.CourtCode,
        _ => false,
    };

    /// <summary>Now, to the microsecond: the precision PostgreSQL keeps, so state and read model agree.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
    }

    /// <summary>The version the next write creates: the sequence number of its event.</summary>
    private int NextSequence() => (int.TryParse(state.Etag, out var version) ? version : 0) + 1;

    private async Task WriteOrResetAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The write may or may not have committed: re-read from storage on the next call.
            DeactivateOnIdle();
            await state.ReadStateAsync();
            throw;
        }
    }

    private Receipt ToReceipt()
    {
        var s = state.State;
        var draft = s.Draft!;
        return new Receipt(s.ApplicationId.ToString(), ApplicationStatus.Received, s.ReceivedAt, draft.CourtCode, s.CourtName,
            draft.Type, draft.PlatformCaseId, s.PayloadSha256, s.Warnings);
    }

    private ApplicationView ToView()
    {
        var s = state.State;
        return new ApplicationView(ToReceipt(), s.PlatformId, s.Status, s.UpdatedAt,
            int.TryParse(state.Etag, out var version) ? version : 0, s.WithdrawalRequestedAt, s.Draft!);
    }

    /// <summary>The status as the contract names it (e.g. UNDER_REVIEW), for error metadata.</summary>
    private static string ProtoStatusName(ApplicationStatus status) =>
        string.Concat(status.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static bool IsIdempotencyConflict(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: IdempotencyConstraint })
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {PlatformCaseId} of {PlatformId} lost a race to an identical key; answering with the winner")]
    private static partial void LogRaceLost(ILogger logger, string platformCaseId, string platformId);
}
