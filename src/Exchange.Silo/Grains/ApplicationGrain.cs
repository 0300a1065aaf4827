using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Silo.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;

namespace Exchange.Silo.Grains;

/// <summary>
/// One application: validates with the domain rules, keeps its state machine, and records every
/// change with its event in one storage write (see WriteToStorageKey.sql).
/// </summary>
/// <remarks>
/// The grain talks to its storage provider itself instead of through <c>[PersistentState]</c>: a
/// submission always arrives at a brand-new id (the gateway draws a UUIDv7 per call), so reading
/// its state first would be a database round trip that can only find nothing. Submissions write
/// first; every other call reads on first use.
/// </remarks>
public sealed partial class ApplicationGrain(
    [FromKeyedServices(ExchangeStorage.ProviderName)] IGrainStorage storage,
    CourtRegistry courts,
    HolidayCalendar calendar,
    TimeProvider clock,
    AttachmentContentStore attachments,
    ApplicationIndex index,
    ILogger<ApplicationGrain> logger) : Grain, IApplicationGrain
{
    private const string StateName = "application";
    private const string IdempotencyConstraint = "exchange_applications_idempotency";
    private const int MaxReasonLength = 2000;

    private GrainState<ApplicationState> state = new(new ApplicationState());
    private bool loaded;

    /// <summary>The state; never null (the provider creates an empty one when none is stored).</summary>
    private ApplicationState Current => state.State ??= new ApplicationState();

    public async Task<SubmitOutcome> SubmitAsync(string platformId, ApplicationDraft draft)
    {
        var payloadSha256 = CanonicalPayload.Sha256Hex(draft);
        if (loaded && Current.Exists)
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

        var contents = draft.Attachments.Where(a => a.Content is { Length: > 0 }).Select(a => (a.Sha256, a.Content!)).ToList();
        if (contents.Count > 0)
        {
            await attachments.StoreAsync(contents);
        }

        var court = outcome.Court ?? throw new InvalidOperationException("an accepted application without its court");
        var actor = new Actor(ActorKind.Platform, platformId);
        state.State = new ApplicationState
        {
            ApplicationId = Guid.Parse(this.GetPrimaryKeyString()),
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
            await storage.WriteStateAsync(StateName, GrainContext.GrainId, state);
            loaded = true;
            return new SubmitOutcome(SubmitResultKind.Created, ToReceipt());
        }
        catch (Exception ex) when (ex is InconsistentStateException || IsIdempotencyConflict(ex))
        {
            // Nothing of ours was stored: either the key belongs to another application (found
            // before the insert, or by the unique constraint when two raced), or this id holds one.
            Forget();
            await EnsureLoadedAsync();
            if (Current.Exists)
            {
                return await ResolveDuplicateAsync(platformId, payloadSha256);
            }

            DeactivateOnIdle();
            LogKeyTaken(logger, draft.PlatformCaseId, platformId);
            var holder = await index.FindByKeyAsync(platformId, draft.PlatformCaseId, draft.Type)
                ?? throw new InvalidOperationException("the write found the idempotency key taken, but no application holds it");
            return await GrainFactory.GetGrain<IApplicationGrain>(holder.ToString()).ResolveDuplicateAsync(platformId, payloadSha256);
        }
        catch
        {
            // Durability unknown: drop this activation so that the next call reads what is stored.
            Forget();
            DeactivateOnIdle();
            throw;
        }
    }

    public async Task<SubmitOutcome> ResolveDuplicateAsync(string platformId, string payloadSha256)
    {
        await EnsureLoadedAsync();
        if (!Current.Exists || Current.PlatformId != platformId)
        {
            throw new InvalidOperationException("duplicate resolution reached an application of another platform");
        }

        return Current.PayloadSha256 == payloadSha256
            ? new SubmitOutcome(SubmitResultKind.Duplicate, ToReceipt())
            : new SubmitOutcome(SubmitResultKind.Conflict, ExistingApplicationId: Current.ApplicationId.ToString());
    }

    public async Task<ApplicationView?> GetAsync(Actor caller)
    {
        await EnsureLoadedAsync();
        if (!CanSee(caller))
        {
            DeactivateOnIdle();
            return null;
        }

        return ToView();
    }

    public async Task<ViewIfChanged> GetIfChangedAsync(Actor caller, long knownVersion)
    {
        var view = await GetAsync(caller);
        return view is null ? new ViewIfChanged(false, 0, null)
            : view.Version == knownVersion ? new ViewIfChanged(true, knownVersion, null)
            : new ViewIfChanged(true, view.Version, view);
    }

    public async Task<CommandOutcome> RequestWithdrawalAsync(Actor caller, string reason)
    {
        await EnsureLoadedAsync();
        if (!CanSee(caller) || caller.Kind != ActorKind.Platform)
        {
            return new CommandOutcome(CommandResultKind.NotFound);
        }

        if (TextLimits.Optional(reason, MaxReasonLength) is { } problem)
        {
            return new CommandOutcome(CommandResultKind.Invalid, Violations: [new FieldViolation("reason", problem)]);
        }

        var s = Current;
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
        await WriteChangeAsync();
        return new CommandOutcome(CommandResultKind.Done, ToView());
    }

    private async Task EnsureLoadedAsync()
    {
        if (!loaded)
        {
            await storage.ReadStateAsync(StateName, GrainContext.GrainId, state);
            loaded = true;
        }
    }

    private void Forget()
    {
        state = new GrainState<ApplicationState>(new ApplicationState());
        loaded = false;
    }

    private async Task WriteChangeAsync()
    {
        try
        {
            await storage.WriteStateAsync(StateName, GrainContext.GrainId, state);
        }
        catch
        {
            // The write may or may not have committed: re-read from storage on the next call.
            Forget();
            DeactivateOnIdle();
            throw;
        }
    }

    private bool CanSee(Actor caller) => Current.Exists && caller.Kind switch
    {
        ActorKind.Platform => caller.Id == Current.PlatformId,
        ActorKind.Court => caller.Id == Current.Draft!.CourtCode,
        _ => false,
    };

    /// <summary>Now, to the microsecond: the precision PostgreSQL keeps, so state and read model agree.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
    }

    /// <summary>The version the next write creates: the sequence number of its event.</summary>
    private int NextSequence() => (int.TryParse(state.ETag, out var version) ? version : 0) + 1;

    private Receipt ToReceipt()
    {
        var s = Current;
        var draft = s.Draft!;
        return new Receipt(s.ApplicationId.ToString(), ApplicationStatus.Received, s.ReceivedAt, draft.CourtCode, s.CourtName,
            draft.Type, draft.PlatformCaseId, s.PayloadSha256, s.Warnings);
    }

    private ApplicationView ToView()
    {
        var s = Current;
        return new ApplicationView(ToReceipt(), s.PlatformId, s.Status, s.UpdatedAt,
            int.TryParse(state.ETag, out var version) ? version : 0, s.WithdrawalRequestedAt, s.Draft!);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {PlatformCaseId} of {PlatformId} reuses a filed idempotency key; answering with the application that holds it")]
    private static partial void LogKeyTaken(ILogger logger, string platformCaseId, string platformId);
}
