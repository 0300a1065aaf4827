using System.Security.Cryptography;
using Exchange.Abstractions;
using Exchange.Gateway.Auth;
using Exchange.Gateway.Errors;
using Exchange.Gateway.Mapping;
using Exchange.Gateway.ReadModel;
using Exchange.Storage.ReadModel;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Application = Exchange.V1.Application;
using D = Exchange.Domain;

namespace Exchange.Gateway.Services;

/// <summary>
/// A court's work on its applications, as the gRPC CourtService and the court console both do it
/// (one code path, so that the two cannot drift apart): check the request, call the application
/// grains (acts, batch rulings) or read the read model (docket, statistics), map to the contract's
/// messages. Refusals are thrown as <see cref="RpcException"/> with the contract's status (the
/// console shows them). The lifecycle and the acts' rules are the domain's; tenancy (a court sees
/// its own applications) is checked where the data is.
/// </summary>
public sealed partial class CourtOffice(IClusterClient cluster, Docket docket, CourtStatisticsReader statistics, [FromKeyedServices(Exchange.Abstractions.ShiftedClock.LegalClock)] TimeProvider clock, ILogger<CourtOffice> logger)
{
    /// <summary>Most items in one BatchRule call.</summary>
    public const int MaxBatchItems = 1000;

    /// <summary>How many items of a batch are ruled at once.</summary>
    private const int BatchParallelism = 32;

    public async Task<ListDocketResponse> ListDocketAsync(Principal court, ListDocketRequest request, CancellationToken cancellationToken)
    {
        var violations = new List<(string, string)>();
        ListChecks.CheckFilters(request.PageSize, request.Statuses, request.Type, violations);
        if (request.DueWithinDays is < 0 or > 30)
        {
            violations.Add(("due_within_days", "must be 0 (meaning 3) to 30 days"));
        }

        if (!System.Enum.IsDefined(request.DeadlineState))
        {
            violations.Add(("deadline_state", "unknown deadline state"));
        }

        if (request.PlatformId.Length > 64)
        {
            violations.Add(("platform_id", "at most 64 characters"));
        }

        var (after, before) = ListChecks.ReceivedRange(request.ReceivedAfter, request.ReceivedBefore, violations);

        var filter = new DocketFilter(court.Id, [.. request.Statuses.Select(s => (D.ApplicationStatus)s)],
            request.Type == ApplicationType.Unspecified ? null : (D.ApplicationType)request.Type,
            request.DeadlineState == DeadlineState.Unspecified ? null : (D.DeadlineState)request.DeadlineState,
            // Out of range is reported above; the filter is built anyway (its fingerprint checks the token) and must not overflow.
            TimeSpan.FromDays(request.DueWithinDays is > 0 and <= 30 ? request.DueWithinDays : 3),
            request.PlatformId.Length > 0 ? request.PlatformId : null, after, before);
        var token = PageTokens.Decode<DocketPageToken>(request.PageToken, filter.Fingerprint(), violations);

        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations);
        }

        var now = clock.GetUtcNow();
        var pageSize = request.PageSize == 0 ? Docket.DefaultPageSize : Math.Min(request.PageSize, Docket.MaxPageSize);
        var page = await docket.ListAsync(filter, now, pageSize, token is null ? null : new DocketPosition(token.NextDeadlineAt, token.ApplicationId), cancellationToken);
        var last = page.Rows.LastOrDefault();
        var response = new ListDocketResponse
        {
            NextPageToken = page.HasMore && last is not null ? PageTokens.Encode(new DocketPageToken(last.NextDeadlineAt, last.ApplicationId, filter.Fingerprint())) : "",
        };
        response.Entries.AddRange(page.Rows.Select(r => new DocketEntry
        {
            ApplicationId = r.ApplicationId.ToString(),
            PlatformId = r.PlatformId,
            PlatformCaseId = r.PlatformCaseId,
            Type = (ApplicationType)r.Type,
            Status = (ApplicationStatus)r.Status,
            ReceivedTime = Timestamp.FromDateTimeOffset(r.ReceivedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(r.UpdatedAt),
            Version = r.Version,
            CaseNumber = r.CaseNumber ?? "",
            NextDeadlineTime = r.NextDeadlineAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            NextDeadlineKind = (DeadlineKind)r.NextDeadlineKind,
            DeadlineState = (DeadlineState)D.Deadlines.StateOf(r.NextDeadlineAt, now, filter.DueSoonHorizon),
            WithdrawalRequestedTime = r.WithdrawalRequestedAt is { } w ? Timestamp.FromDateTimeOffset(w) : null,
        }));
        return response;
    }

    /// <summary>The application as the court sees it; null when it is not this court's (or does not exist).</summary>
    public async Task<Application?> GetAsync(Principal court, string applicationId, CancellationToken cancellationToken)
    {
        var id = Acts.ParseApplicationId(applicationId);
        var view = await cluster.GetGrain<IApplicationGrain>(id).GetAsync(court.ToActor()).WaitAsync(cancellationToken);
        return view is null ? null : ApplicationMapper.ToProto(view);
    }

    /// <summary>
    /// Performs one court act given as its contract message: a <see cref="CourtActRequest"/>, or the
    /// act's own request (RequestCorrectionRequest, RefuseAcceptanceRequest, ...) wrapping one.
    /// </summary>
    public Task<Application> ActAsync(Principal court, D.Act act, IMessage request, CancellationToken cancellationToken) => request switch
    {
        CourtActRequest plain => ActAsync(court, plain, act, r => r, wrapped: false, cancellationToken),
        RequestCorrectionRequest r => ActAsync(court, r.Act, act, a => a with { Items = [.. r.Items], LimitDays = r.LimitDays }, true, cancellationToken),
        RefuseAcceptanceRequest r => ActAsync(court, r.Act, act, a => a with { NonAcceptanceGround = (D.NonAcceptanceGround)r.Ground }, true, cancellationToken),
        RequestSupplementRequest r => ActAsync(court, r.Act, act, a => a with { Items = [.. r.Items], LimitDays = r.LimitDays }, true, cancellationToken),
        ExtendReviewRequest r => ActAsync(court, r.Act, act, a => a with { ApprovedBy = r.ApprovedBy }, true, cancellationToken),
        RejectApplicationRequest r => ActAsync(court, r.Act, act, a => a with { RejectionGround = (D.RejectionGround)r.Ground }, true, cancellationToken),
        RefuseMediationDocumentRequest r => ActAsync(court, r.Act, act, a => a with { DocumentRefusalGround = (D.DocumentRefusalGround)r.Ground }, true,
            cancellationToken),
        _ => throw new ArgumentException($"{request.Descriptor.Name} is not a court act's request", nameof(request)),
    };

    /// <summary>
    /// Performs one act: <paramref name="common"/> as the contract's CourtActRequest, <paramref name="with"/>
    /// adding the act's own fields; <paramref name="wrapped"/>: the request names the common fields under "act.".
    /// The actor is the court, named by the officer when one is given.
    /// </summary>
    private Task<Application> ActAsync(Principal court, CourtActRequest? common, D.Act act, Func<D.ActRequest, D.ActRequest> with, bool wrapped,
        CancellationToken cancellationToken)
    {
        common ??= new CourtActRequest();
        var id = Acts.ParseApplicationId(common.ApplicationId, wrapped ? "act.application_id" : "application_id");
        var request = with(new D.ActRequest
        {
            Act = act,
            RequestId = common.RequestId,
            OfficerName = common.OfficerName,
            Reason = common.Reason,
            DocumentSha256 = common.DocumentSha256.IsEmpty ? null : common.DocumentSha256.ToByteArray(),
            CaseNumber = common.CaseNumber.Length > 0 ? common.CaseNumber : null,
        });
        var actor = court.ToActor() with { Name = common.OfficerName.Length > 0 ? common.OfficerName : court.DisplayName };
        return LoggedAsync(court, act, id, Acts.PerformAsync(cluster, id, actor, request, cancellationToken, wrapped));
    }

    // One line per act, with its outcome: ids and codes only, never a party's or an officer's name.
    private async Task<Application> LoggedAsync(Principal court, D.Act act, string id, Task<Application> performing)
    {
        try
        {
            var application = await performing;
            LogAct(logger, court.Id, act, id, "OK", court.KeyPrefix);
            return application;
        }
        catch (RpcException ex)
        {
            LogAct(logger, court.Id, act, id, ex.StatusCode.ToString(), court.KeyPrefix);
            throw;
        }
        catch (Exception ex) when (LogFailedAct(court, act, id, ex))
        {
            throw;
        }
    }

    private bool LogFailedAct(Principal court, D.Act act, string id, Exception ex)
    {
        LogAct(logger, court.Id, act, id, ex.GetType().Name, court.KeyPrefix);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Court {Court} act {Act} on application {ApplicationId}: {Outcome} (credential {Credential})")]
    private static partial void LogAct(ILogger logger, string court, D.Act act, string applicationId, string outcome, string credential);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Court {Court} batch {Ruling} {RequestId}: {Items} items, {Succeeded} succeeded, {Failed} failed (credential {Credential})")]
    private static partial void LogBatch(ILogger logger, string court, BatchRuling ruling, string requestId, int items, int succeeded, int failed, string credential);

    public async Task<BatchRuleResponse> BatchRuleAsync(Principal court, BatchRuleRequest request, CancellationToken cancellationToken)
    {
        var violations = new List<(string, string)>();
        if (!D.ActRules.IsRequestId(request.RequestId))
        {
            violations.Add(("request_id", $"is required: 1 to {D.ActRules.MaxRequestIdLength} characters from A-Z, a-z, 0-9 and \"-_.:\""));
        }

        if (request.Ruling is not (BatchRuling.Confirm or BatchRuling.Reject))
        {
            violations.Add(("ruling", "is required: CONFIRM or REJECT"));
        }

        if (request.ApplicationIds.Count is 0 or > MaxBatchItems)
        {
            violations.Add(("application_ids", $"must list 1 to {MaxBatchItems} applications"));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < request.ApplicationIds.Count; i++)
        {
            if (!seen.Add(request.ApplicationIds[i]))
            {
                violations.Add(($"application_ids[{i}]", "is listed twice"));
            }
        }

        var template = new D.ActRequest
        {
            Act = request.Ruling == BatchRuling.Reject ? D.Act.Reject : D.Act.Confirm,
            RequestId = request.RequestId,
            OfficerName = request.OfficerName,
            Reason = request.Reason,
            RejectionGround = request.Ruling == BatchRuling.Reject ? (D.RejectionGround)request.RejectionGround : D.RejectionGround.Unspecified,
        };
        violations.AddRange(D.ActRules.Check(template, 0, clock.GetUtcNow())
            .Where(v => v.Field != "request_id")
            .Select(v => (v.Field == "ground" ? "rejection_ground" : v.Field, v.Description)));
        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations);
        }

        // Malformed ids are items' own errors; the rest go to the court's batch grain.
        var parsed = request.ApplicationIds.Select(id => Guid.TryParseExact(id, "D", out var g) ? g.ToString() : null).ToList();
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray()));
        var actor = court.ToActor() with { Name = request.OfficerName.Length > 0 ? request.OfficerName : court.DisplayName };
        var results = await cluster.GetGrain<IBatchRulingGrain>($"{court.Id}/{request.RequestId}")
            .RuleAsync(actor, fingerprint, template, [.. parsed.OfType<string>()], BatchParallelism)
            .WaitAsync(cancellationToken)
            ?? throw GrpcErrors.Create(StatusCode.AlreadyExists, D.ErrorReason.RequestIdReused,
                $"request id '{request.RequestId}' was already used for a different batch",
                new Dictionary<string, string> { ["request_id"] = request.RequestId });

        var byId = results.ToDictionary(r => r.ApplicationId);
        var response = new BatchRuleResponse();
        for (var i = 0; i < request.ApplicationIds.Count; i++)
        {
            if (parsed[i] is not { } id)
            {
                response.Results.Add(new BatchRuleResult
                {
                    ApplicationId = request.ApplicationIds[i],
                    Status = GrpcErrors.InvalidArgumentStatus([($"application_ids[{i}]", "must be a UUID")]),
                });
                continue;
            }

            response.Results.Add(ToResult(byId[id], request.ApplicationIds[i]));
        }

        response.Succeeded = response.Results.Count(r => r.Status.Code == (int)StatusCode.OK);
        response.Failed = response.Results.Count - response.Succeeded;
        LogBatch(logger, court.Id, request.Ruling, request.RequestId, response.Results.Count, response.Succeeded, response.Failed, court.KeyPrefix);
        return response;
    }

    /// <summary>
    /// How far the court's batch under <paramref name="requestId"/> is, for the console's live view:
    /// the items ruled so far (in the order they completed), how many there are, whether all are.
    /// Items whose id was not a UUID are not counted (BatchRuleAsync answers them without the grain).
    /// </summary>
    public async Task<(bool Done, int Total, IReadOnlyList<BatchRuleResult> Ruled)> BatchProgressAsync(Principal court, string requestId, CancellationToken cancellationToken)
    {
        if (!D.ActRules.IsRequestId(requestId))
        {
            throw GrpcErrors.InvalidArgument([("request_id", "is not a request id")]);
        }

        var progress = await cluster.GetGrain<IBatchRulingGrain>($"{court.Id}/{requestId}").ProgressAsync().WaitAsync(cancellationToken);
        return (progress.Done, progress.Total, [.. progress.Ruled.Select(r => ToResult(r, r.ApplicationId))]);
    }

    private static BatchRuleResult ToResult(BatchItemResult item, string requestedId) => new()
    {
        ApplicationId = requestedId,
        Status = Acts.ToStatus(new CommandOutcome(item.Kind, Refusal: item.Refusal, Violations: item.Violations), item.ApplicationId, failure: item.Failure),
        ApplicationStatus = (ApplicationStatus)item.Status,
        Version = item.Version,
    };

    public async Task<CourtStatistics> StatisticsAsync(Principal court, GetCourtStatisticsRequest request, CancellationToken cancellationToken)
    {
        var violations = new List<(string, string)>();
        var (after, before) = ListChecks.ReceivedRange(request.ReceivedAfter, request.ReceivedBefore, violations);

        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations);
        }

        var (counts, durations) = await statistics.ReadAsync(court.Id, after, before, cancellationToken);
        var response = new CourtStatistics { CourtCode = court.Id, Total = counts.Sum(c => c.Count) };
        // Sorted by month, then type and status in the contract's enum order.
        response.Counts.AddRange(counts.OrderBy(c => c.Month, StringComparer.Ordinal).ThenBy(c => c.Type).ThenBy(c => c.Status).Select(c => new StatusCount
        {
            Type = (ApplicationType)c.Type, Status = (ApplicationStatus)c.Status, Month = c.Month, Count = c.Count,
        }));
        response.Durations.AddRange(durations.Select(d => new TypeDurations
        {
            Type = (ApplicationType)d.Type,
            ReceiptToAcceptance = ToProto(d.ReceiptToAcceptance),
            AcceptanceToRuling = ToProto(d.AcceptanceToRuling),
        }));
        return response;

        static DurationSummary ToProto(DurationRow row) => new() { Count = row.Count, MeanDays = row.MeanDays, P90Days = row.P90Days, P50Days = row.P50Days };
    }
}
