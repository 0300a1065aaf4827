using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Silo.Documents;
using Exchange.Silo.Hosting;
using Exchange.Silo.Storage;
using Exchange.Storage.Applications;
using Exchange.Storage.Documents;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Exchange.Silo.Grains;

/// <summary>
/// One application: validates with the domain rules, keeps its state machine, and records every
/// change with its event in one storage write (the application store, docs/ARCHITECTURE.md).
/// </summary>
/// <remarks>
/// The grain drives its own store (<see cref="ApplicationStore"/>, <see cref="SubmissionWriter"/>)
/// instead of an Orleans storage provider: a submission always arrives at a brand-new id (the
/// gateway draws a UUIDv7 per call), so reading its state first would be a database round trip that
/// can only find nothing, and a first write joins the silo's group commit. Submissions write first;
/// every other call reads on first use.
/// <para>
/// Once a submission is written, the grain lets go of the filed draft (about 1.2–1.9 KB deflated,
/// the largest part of an active application's memory) and keeps only the facts every call needs:
/// most applications are not read again before they idle out. A call that builds a view or writes
/// a change reads the draft back from storage first (<see cref="EnsureDraftAsync"/>) and keeps it.
/// </para>
/// </remarks>
public sealed partial class ApplicationGrain(
    ApplicationStore store,
    SubmissionWriter writer,
    ICourtDirectory directory,
    [FromKeyedServices(ShiftedClock.LegalClock)] TimeProvider clock,
    AttachmentContentStore attachments,
    AttachmentUploads uploads,
    DocumentRenderer renderer,
    DocumentStore documents,
    ApplicationIndex index,
    ActiveApplications active,
    FeedRelayWake feedRelay,
    ILogger<ApplicationGrain> logger) : Grain, IApplicationGrain
{
    private ApplicationState current = new();

    /// <summary>The stored version this activation holds: the sequence of its latest event; 0 before the first.</summary>
    private int version;
    private bool loaded;

    /// <summary>The state; empty (<see cref="ApplicationState.Exists"/> false) when none is stored.</summary>
    private ApplicationState Current => current;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        active.Activated();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        active.Deactivated();
        return Task.CompletedTask;
    }

    public async Task<SubmitOutcome> SubmitAsync(string platformId, ApplicationDraft draft)
    {
        var payloadSha256 = CanonicalPayload.Sha256Hex(draft);
        if (loaded && Current.Exists)
        {
            // This id is taken: only the very same filing may see its receipt again.
            return await ResolveDuplicateAsync(platformId, payloadSha256);
        }

        var now = Now();
        // One snapshot for the whole submission: its validation and its deadlines use the same calendar.
        var (courts, calendar) = directory.Current;
        var outcome = ApplicationValidator.Validate(draft, courts, calendar, now);
        var uploadViolations = await CheckUploadsAsync(platformId, draft.CourtCode, draft.Attachments, AttachmentsPath(draft.Type));
        if (outcome.Violations.Count > 0 || uploadViolations.Count > 0)
        {
            DeactivateOnIdle();
            return new SubmitOutcome(SubmitResultKind.Invalid, Violations: [.. outcome.Violations, .. uploadViolations]);
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
        current = new ApplicationState
        {
            ApplicationId = Guid.Parse(this.GetPrimaryKeyString()),
            PlatformId = platformId,
            // Not deflated: it is serialized once for the write and let go of right after.
            Draft = CompactDraft.ForWrite(draft, court.Code),
            Status = ApplicationStatus.Received,
            ReceivedAt = now,
            UpdatedAt = now,
            PayloadSha256 = payloadSha256,
            CourtName = court.Name,
            Warnings = [.. outcome.Warnings],
            Deadlines = [.. Deadlines.Running(new DeadlineFacts(draft.Type, ApplicationStatus.Received, now, null, null, false, null, 0), calendar)],
        };
        var (submitted, previous) = Chained(new ApplicationEvent(1, ProtoNames.Of(HistoryEventKind.Submitted), now, actor, null, ApplicationStatus.Received,
            WithUploads(new Dictionary<string, string> { ["payload_sha256"] = payloadSha256, ["court_code"] = draft.CourtCode }, draft.Attachments)));

        FirstWriteResult written;
        try
        {
            written = await writer.WriteAsync(ApplicationRecords.Of(current, 1), ApplicationRecords.Of(submitted, previous));
        }
        catch (Exception ex)
        {
            // Durability unknown: drop this activation so that the next call reads what is stored.
            Forget();
            DeactivateOnIdle();
            if (BackendFailures.IsBackend(ex))
            {
                throw BackendFailures.OfWrite(ex);
            }

            throw;
        }

        if (written == FirstWriteResult.Created)
        {
            feedRelay.Poke();
            loaded = true;
            version = 1;
            current.Draft = current.Draft.WithoutContent();
            return new SubmitOutcome(SubmitResultKind.Created, ToReceipt(draft));
        }

        // Nothing of ours was stored: the key belongs to another application (another
        // submission of the same filing, here or on another silo), or this id holds one.
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

    public async Task<SubmitOutcome> ResolveDuplicateAsync(string platformId, string payloadSha256)
    {
        await EnsureLoadedAsync();
        if (!Current.Exists || Current.PlatformId != platformId)
        {
            throw new InvalidOperationException("duplicate resolution reached an application of another platform");
        }

        if (!Current.HasPayloadSha256(payloadSha256))
        {
            return new SubmitOutcome(SubmitResultKind.Conflict, ExistingApplicationId: Current.ApplicationId.ToString());
        }

        await EnsureDraftAsync();
        return new SubmitOutcome(SubmitResultKind.Duplicate, ToReceipt(Current.Draft!.Decode()));
    }

    public async Task<ApplicationView?> GetAsync(Actor caller)
    {
        await EnsureLoadedAsync();
        if (!CanSee(caller))
        {
            DeactivateOnIdle();
            return null;
        }

        await EnsureDraftAsync();
        return ToView();
    }

    public async Task<ViewIfChanged> GetIfChangedAsync(Actor caller, long knownVersion)
    {
        await EnsureLoadedAsync();
        if (!CanSee(caller))
        {
            DeactivateOnIdle();
            return new ViewIfChanged(false, 0, null);
        }

        // The caller's copy is current: no need to decode the draft and build the view.
        if (version == knownVersion)
        {
            return new ViewIfChanged(true, knownVersion, null);
        }

        await EnsureDraftAsync();
        return new ViewIfChanged(true, version, ToView());
    }

    public async Task<CommandOutcome> ActAsync(Actor caller, ActRequest request)
    {
        await EnsureLoadedAsync();
        if (!CanSee(caller))
        {
            if (!Current.Exists)
            {
                DeactivateOnIdle();
            }

            return new CommandOutcome(CommandResultKind.NotFound);
        }

        // Every answer but NOT_FOUND carries the view, and a change stores the whole draft.
        await EnsureDraftAsync();
        var s = Current;
        var draft = s.Draft!;
        if (request.RequestId is { Length: > 0 } requestId && s.AppliedRequests?.TryGetValue(requestId, out var appliedAct) == true)
        {
            return appliedAct == request.Act
                ? new CommandOutcome(CommandResultKind.Done, ToView())
                : new CommandOutcome(CommandResultKind.Conflict, ToView(), Refusal: RuleRefusal.Because(ErrorReason.RequestIdReused,
                    $"request id '{requestId}' was already used on this application for another act ({ProtoNames.Of(ActRules.EventKindOf(appliedAct))})",
                    new Dictionary<string, string> { ["request_id"] = requestId }));
        }

        var now = Now();
        var violations = ActRules.Check(request, draft.PartyCount, now);
        if (caller.Kind == ActorKind.Platform && request.Attachments.Count > 0)
        {
            violations = [.. violations, .. await CheckUploadsAsync(caller.Id, draft.CourtCode, request.Attachments, "supplement.attachments")];
        }

        if (violations.Count > 0)
        {
            return new CommandOutcome(CommandResultKind.Invalid, Violations: violations);
        }

        if (request.Act == Act.RequestWithdrawal && s.WithdrawalRequestedAt is not null && !Lifecycle.IsFinal(s.Status))
        {
            // Asking again while a request is pending changes nothing.
            return new CommandOutcome(CommandResultKind.Done, ToView());
        }

        if (request.Act == Act.RecordSignature && s.SignedPartyIndexes.Contains(request.PartyIndex) && s.Status == ApplicationStatus.DocumentIssued)
        {
            return new CommandOutcome(CommandResultKind.Done, ToView());
        }

        var lastPartySigned = request.Act == Act.RecordSignature
            && s.SignedPartyIndexes.Append(request.PartyIndex).Distinct().Count() == draft.PartyCount;
        var decision = Lifecycle.Apply(draft.Type, s.Status, request.Act, caller.Kind, lastPartySigned);
        if (decision.RefusalKind == TransitionRefusalKind.WrongActor)
        {
            return new CommandOutcome(CommandResultKind.WrongActor, Refusal: RuleRefusal.Because(ErrorReason.WrongActor, decision.Refusal!, StatusMetadata()));
        }

        if (!decision.IsAllowed)
        {
            var code = request.Act == Act.RequestWithdrawal && Lifecycle.IsFinal(s.Status) ? ErrorReason.ApplicationFinal : ErrorReason.TransitionNotAllowed;
            return Refuse(code, decision.Refusal!);
        }

        if (request.Act == Act.PermitWithdrawal && s.WithdrawalRequestedAt is null)
        {
            return Refuse(ErrorReason.WithdrawalNotRequested, $"the parties have not asked to withdraw (status {ProtoNames.Of(s.Status)}); the platform reports their request with WithdrawApplication");
        }

        if (request.Act == Act.ExtendReview && s.ReviewExtended)
        {
            return Refuse(ErrorReason.ReviewAlreadyExtended, "the review period was already extended once (Prov2011 art 5 allows 10 more days)");
        }

        CaseNumberAssignment? caseNumber = null;
        if (ActRules.AssignsCaseNumber(request.Act))
        {
            // The court's policy of this moment says who numbers and with which codes.
            var court = directory.Current.Courts.Find(draft.CourtCode)
                ?? throw new InvalidOperationException($"application {s.ApplicationId}: its court {draft.CourtCode} is not in the directory");
            caseNumber = CaseNumbers.Assign(court, draft.Type, request.CaseNumber, s.ReceivedAt, now, out var problem);
            if (caseNumber is null)
            {
                return new CommandOutcome(CommandResultKind.Invalid, Violations: [new FieldViolation("case_number", problem!)]);
            }
        }

        if (request.Attachments.Any(a => a.Content is { Length: > 0 }))
        {
            await attachments.StoreAsync([.. request.Attachments.Where(a => a.Content is { Length: > 0 }).Select(a => (a.Sha256, a.Content!))]);
        }

        // Rendered from the state before the act (its case number, its clerk), stored before the
        // state that refers to it; the act's event carries its hash.
        var issued = await IssueDocumentAsync(s, caller, request, now);
        if (ActRules.AssignsCaseNumber(request.Act))
        {
            s.CaseOpenedBy = NullIfEmpty(request.OfficerName);
        }

        var details = Apply(s, request, decision.Status, now, caseNumber);
        details = WithRequestId(details, request.RequestId);
        if (issued is not null)
        {
            s.Documents = s.Documents.Add(issued);
            details ??= [];
            details["issued_document_kind"] = ProtoNames.Of(issued.Kind);
            details["issued_document_sha256"] = issued.Sha256;
        }

        var numbered = s.CaseYear is not null && s.CaseSequence is null;
        var e = new ApplicationEvent(version + 1, ProtoNames.Of(ActRules.EventKindOf(request.Act)), now, caller, NullIfEmpty(request.Reason), s.Status, details);
        try
        {
            if (numbered)
            {
                await WriteNumberedChangeAsync(e);
            }
            else
            {
                await WriteChangeAsync(e);
            }
        }
        catch (Exception ex) when (caseNumber?.Sequence is not null && ApplicationIndex.IsCaseNumberConflict(ex))
        {
            // Nothing was stored: the court gave this number to another application already.
            await EnsureLoadedAsync();
            await EnsureDraftAsync();
            return new CommandOutcome(CommandResultKind.Conflict, ToView(), Refusal: RuleRefusal.Because(ErrorReason.CaseNumberTaken,
                $"{draft.CourtCode} gave the case number {request.CaseNumber} to another application already",
                new Dictionary<string, string> { ["case_number"] = request.CaseNumber! }));
        }
        return new CommandOutcome(CommandResultKind.Done, ToView());

        // A refusal carries the unchanged application: a batch reports its status beside the error.
        CommandOutcome Refuse(ErrorReason code, string message) =>
            new(CommandResultKind.Refused, ToView(), Refusal: RuleRefusal.Because(code, message, StatusMetadata()));
    }

    public async Task CheckDeadlinesAsync()
    {
        await EnsureLoadedAsync();
        if (!Current.Exists)
        {
            DeactivateOnIdle();
            return;
        }

        var now = Now();
        List<RunningDeadline> Closed() => [.. Current.Deadlines.Where(d => d.ClosesAt <= now && !Current.IsFlagged(d))];
        if (Closed().Count == 0)
        {
            return;
        }

        // A change stores the whole draft.
        await EnsureDraftAsync();
        var s = Current;
        foreach (var deadline in Closed())
        {
            // The hub flags; the court decides (DOMAIN.md §2). One event per deadline.
            s.OverdueFlags = s.OverdueFlags.Add(new OverdueFlag(deadline.Kind, deadline.ClosesAt, now));
            await WriteChangeAsync(new ApplicationEvent(version + 1, ProtoNames.Of(HistoryEventKind.Overdue), now, new Actor(ActorKind.Hub, "hub"), null, s.Status,
                new Dictionary<string, string>
                {
                    ["deadline_kind"] = ProtoNames.Of(deadline.Kind),
                    ["due_date"] = deadline.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["close_time"] = deadline.ClosesAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                }));
            LogOverdue(logger, s.ApplicationId, deadline.Kind);
        }
    }

    /// <summary>Applies the act's effects (beyond the status) to the state; returns the event's details.</summary>
    private Dictionary<string, string>? Apply(ApplicationState s, ActRequest request, ApplicationStatus next, DateTimeOffset now, CaseNumberAssignment? caseNumber)
    {
        var draft = s.Draft!;
        Dictionary<string, string>? details = null;
        switch (request.Act)
        {
            case Act.Accept or Act.RegisterCase:
                s.AcceptedAt = now;
                s.CaseYear = caseNumber!.Year;
                s.CaseTypeCode = caseNumber.Codes;
                // Null: the store takes the hub's next number in the write's transaction (WriteNumberedChangeAsync).
                s.CaseSequence = caseNumber.Sequence;
                if (caseNumber.Sequence is { } sequence)
                {
                    details = new() { ["case_number"] = CaseNumbers.Format(caseNumber.Year, draft.CourtCode, caseNumber.Codes, sequence) };
                }

                break;
            case Act.RequestCorrection or Act.RequestSupplement:
                s.NoticeAt = now;
                s.NoticeLimitDays = request.LimitDays;
                s.RequestedItems = [.. request.Items];
                details = new()
                {
                    ["requested_items"] = string.Join("\n", request.Items),
                    ["limit_days"] = request.LimitDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                break;
            case Act.SubmitCorrection or Act.SubmitSupplement:
                if (request.Act == Act.SubmitCorrection)
                {
                    s.CorrectionSubmittedAt = now;
                }

                s.NoticeAt = null;
                s.NoticeLimitDays = 0;
                s.RequestedItems = [];
                details = new() { ["statement"] = request.Statement ?? "" };
                if (request.Attachments.Count > 0)
                {
                    details["attachments_sha256"] = string.Join(",", request.Attachments.Select(a => Convert.ToHexStringLower(a.Sha256)));
                    details = WithUploads(details, request.Attachments);
                }

                break;
            case Act.ExtendReview:
                s.ReviewExtended = true;
                details = new() { ["approved_by"] = request.ApprovedBy! };
                break;
            case Act.RefuseAcceptance:
                details = new() { ["ground"] = ProtoNames.Of(request.NonAcceptanceGround) };
                break;
            case Act.Reject:
                details = new() { ["ground"] = ProtoNames.Of(request.RejectionGround) };
                break;
            case Act.RefuseDocument:
                details = new() { ["ground"] = ProtoNames.Of(request.DocumentRefusalGround) };
                break;
            case Act.RecordService:
                details = new()
                {
                    ["served_time"] = request.EventTime!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["record_sha256"] = Convert.ToHexStringLower(request.RecordSha256!),
                };
                break;
            case Act.RecordSignature:
                s.SignedPartyIndexes = [.. s.SignedPartyIndexes.Append(request.PartyIndex).Distinct().Order()];
                details = new()
                {
                    ["party_index"] = request.PartyIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["signed_time"] = request.EventTime!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                };
                break;
            case Act.RequestWithdrawal:
                s.WithdrawalRequestedAt = now;
                break;
        }

        if (request.DocumentSha256 is { Length: > 0 } document)
        {
            (details ??= [])["document_sha256"] = Convert.ToHexStringLower(document);
        }

        if (ActRules.IsRuling(request.Act))
        {
            s.RuledAt ??= now;
        }

        if (Lifecycle.IsFinal(next))
        {
            // The court has ruled: nothing waits for it any more.
            s.WithdrawalRequestedAt = null;
            s.RequestedItems = [];
        }

        if (request.RequestId is { Length: > 0 } requestId)
        {
            (s.AppliedRequests ??= [])[requestId] = request.Act;
        }

        s.Status = next;
        s.UpdatedAt = now;
        Recount(s, directory.Current.Calendar);
        return details;
    }

    /// <summary>Counts the running deadlines of the state's facts on <paramref name="calendar"/>; keeps the flags of those that stay.</summary>
    private static void Recount(ApplicationState s, HolidayCalendar calendar)
    {
        s.Deadlines = [.. Deadlines.Running(
            new DeadlineFacts(s.Draft!.Type, s.Status, s.ReceivedAt, s.CorrectionSubmittedAt, s.AcceptedAt, s.ReviewExtended, s.NoticeAt, s.NoticeLimitDays),
            calendar)];
        s.OverdueFlags = [.. s.OverdueFlags.Where(f => s.Deadlines.Any(d => d.Kind == f.Kind && d.ClosesAt == f.ClosesAt))];
    }

    public async Task<bool> RecountDeadlinesAsync()
    {
        await EnsureLoadedAsync();
        if (!Current.Exists || Current.Deadlines.Length == 0)
        {
            DeactivateOnIdle();
            return false;
        }

        var calendar = directory.Current.Calendar;
        var s = Current;
        var recounted = Deadlines.Running(
            new DeadlineFacts(s.Draft!.Type, s.Status, s.ReceivedAt, s.CorrectionSubmittedAt, s.AcceptedAt, s.ReviewExtended, s.NoticeAt, s.NoticeLimitDays),
            calendar);
        if (recounted.SequenceEqual(s.Deadlines))
        {
            return false;
        }

        // A change stores the whole draft.
        await EnsureDraftAsync();
        s = Current;
        Recount(s, calendar);
        var now = Now();
        s.UpdatedAt = now;
        await WriteChangeAsync(new ApplicationEvent(version + 1, ProtoNames.Of(HistoryEventKind.DeadlinesRecounted), now, new Actor(ActorKind.Hub, "hub"), null, s.Status,
            new Dictionary<string, string>
            {
                ["calendar_years"] = string.Join(", ", calendar.LoadedYears.Select(y => $"{y.Year} v{y.Version}")),
            }));
        return true;
    }

    /// <summary>
    /// Renders and stores the document <paramref name="request"/> issues (IssuedDocuments.KindOf);
    /// null when the act issues none. The bytes go to exchange_documents; the state keeps the hash.
    /// </summary>
    private async Task<IssuedDocument?> IssueDocumentAsync(ApplicationState s, Actor caller, ActRequest request, DateTimeOffset now)
    {
        var kind = IssuedDocuments.KindOf(request.Act);
        if (kind == DocumentKind.Unspecified)
        {
            return null;
        }

        var text = IssuedDocuments.Compose(new DocumentFacts(kind, s.CourtName, s.CaseNumber, s.Draft!.Decode(), s.ReceivedAt, now,
            NullIfEmpty(caller.Name), s.CaseOpenedBy, request));
        var pdf = await renderer.RenderAsync(text);
        var sha256 = await documents.StoreAsync(s.ApplicationId, pdf);
        return new IssuedDocument(kind, IssuedDocuments.FileNameOf(kind), pdf.Length, Convert.ToHexStringLower(sha256), now);
    }

    private static Dictionary<string, string>? WithRequestId(Dictionary<string, string>? details, string? requestId)
    {
        if (requestId is { Length: > 0 })
        {
            (details ??= [])["request_id"] = requestId;
        }

        return details;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private Dictionary<string, string> StatusMetadata() => new() { ["status"] = ProtoNames.Of(Current.Status) };

    private async Task EnsureLoadedAsync()
    {
        if (!loaded)
        {
            var stored = await store.ReadAsync(ApplicationId());
            (current, version) = stored is null ? (new ApplicationState(), 0) : (ApplicationRecords.Read(stored.State), stored.Version);
            loaded = true;
        }
    }

    /// <summary>
    /// Reads the draft back from the store when this activation let go of it after filing. The stored
    /// state is the one this activation wrote last (only this activation writes it); if it ever is
    /// not, the stored one replaces what is held, as on a fresh activation.
    /// </summary>
    private async Task EnsureDraftAsync()
    {
        if (Current.Draft is not { HasContent: false })
        {
            return;
        }

        var stored = await store.ReadAsync(ApplicationId())
            ?? throw new InvalidOperationException($"application {this.GetPrimaryKeyString()}: no stored state to read the draft from");
        var read = ApplicationRecords.Read(stored.State);
        if (read.Draft is not { HasContent: true } draft)
        {
            throw new InvalidOperationException($"application {this.GetPrimaryKeyString()}: the stored state holds no draft");
        }

        if (stored.Version == version)
        {
            Current.Draft = draft;
        }
        else
        {
            (current, version) = (read, stored.Version);
        }
    }

    private Guid ApplicationId() => Guid.Parse(this.GetPrimaryKeyString());

    private void Forget()
    {
        current = new ApplicationState();
        version = 0;
        loaded = false;
    }

    /// <summary>Writes the state as it now is, at the next version, with its event <paramref name="e"/> (numbered that version).</summary>
    private async Task WriteChangeAsync(ApplicationEvent e)
    {
        var expected = version;
        try
        {
            var (chained, previous) = Chained(e);
            if (!await store.UpdateAsync(ApplicationRecords.Of(Current, expected + 1), expected, ApplicationRecords.Of(chained, previous)))
            {
                throw Stale(expected);
            }

            Written();
        }
        catch (Exception ex)
        {
            throw WriteFailed(ex);
        }
    }

    /// <summary>
    /// Writes an accepting change of a court the hub numbers for: the store takes the court's next
    /// case number in the write's transaction; the state and the event (its details name the
    /// number, its hash covers it) are made with it there.
    /// </summary>
    private async Task WriteNumberedChangeAsync(ApplicationEvent e)
    {
        var s = Current;
        var expected = version;
        try
        {
            var written = await store.UpdateTakingCaseNumberAsync(s.ApplicationId, expected, s.Draft!.CourtCode, s.CaseTypeCode!, s.CaseYear!.Value, sequence =>
            {
                s.CaseSequence = sequence;
                var details = e.Details is null ? new Dictionary<string, string>() : new Dictionary<string, string>(e.Details);
                details["case_number"] = s.CaseNumber!;
                var (chained, previous) = Chained(e with { Details = details });
                return (ApplicationRecords.Of(s, expected + 1), ApplicationRecords.Of(chained, previous));
            });
            if (written is null)
            {
                throw Stale(expected);
            }

            Written();
        }
        catch (Exception ex)
        {
            throw WriteFailed(ex);
        }
    }

    private void Written()
    {
        version++;
        feedRelay.Poke();
    }

    private InconsistentStateException Stale(int expected) =>
        new($"application {this.GetPrimaryKeyString()}: the stored version is no longer {expected}; nothing was written", "", expected.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The exception a failed write raises, after dropping what this activation holds (the write may or may not have committed).</summary>
    private Exception WriteFailed(Exception ex)
    {
        Forget();
        DeactivateOnIdle();
        // A case number given twice is the caller's to hear of (ActAsync answers it), not a store failure.
        return BackendFailures.IsBackend(ex) && !ApplicationIndex.IsCaseNumberConflict(ex) ? BackendFailures.OfWrite(ex) : ex;
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

    /// <summary>
    /// Hashes the event about to be written onto the state's chain head (EventChain) and moves the
    /// head: the grain then answers its head without reading the events. Returns the event with its
    /// hash and the head it follows (the store writes only if that is still the stored latest event's hash).
    /// </summary>
    private (ApplicationEvent Event, byte[] Previous) Chained(ApplicationEvent e)
    {
        var s = Current;
        var previous = new byte[32];
        if (e.Sequence > 1 && !s.TryGetChainHead(previous))
        {
            // Every stored state has its head since migration 0095.
            throw new InvalidOperationException($"application {s.ApplicationId}: the state holds no chain head");
        }

        var hex = ApplicationRecords.Hash(s.ApplicationId, e, previous);
        s.ChainHeadSha256 = hex;
        if (e.Sequence == 1)
        {
            s.FirstEventSha256 = hex;
        }

        return (e with { Sha256 = hex }, previous);
    }

    private Receipt ToReceipt(ApplicationDraft draft)
    {
        var s = Current;
        return new Receipt(s.ApplicationId.ToString(), ApplicationStatus.Received, s.ReceivedAt, draft.CourtCode, s.CourtName,
            draft.Type, draft.PlatformCaseId, s.PayloadSha256, [.. s.Warnings]) { ChainHeadSha256 = s.FirstEventSha256 };
    }

    private ApplicationView ToView()
    {
        var s = Current;
        var draft = s.Draft!.Decode();
        return new ApplicationView(ToReceipt(draft), s.PlatformId, s.Status, s.UpdatedAt, version, s.WithdrawalRequestedAt, draft)
        {
            CaseNumber = s.CaseNumber,
            AcceptedAt = s.AcceptedAt,
            RuledAt = s.RuledAt,
            Deadlines = [.. s.Deadlines.Select(d => new DeadlineView(d, s.OverdueFlags.FirstOrDefault(f => f.Kind == d.Kind && f.ClosesAt == d.ClosesAt)?.FlaggedAt))],
            RequestedItems = [.. s.RequestedItems],
            SignedPartyIndexes = [.. s.SignedPartyIndexes],
            ChainHeadSha256 = s.ChainHeadSha256,
            Documents = [.. s.Documents],
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ApplicationId}: deadline {Kind} passed, flagged OVERDUE")]
    private static partial void LogOverdue(ILogger logger, Guid applicationId, DeadlineKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {PlatformCaseId} of {PlatformId} reuses a filed idempotency key; answering with the application that holds it")]
    private static partial void LogKeyTaken(ILogger logger, string platformCaseId, string platformId);
}
