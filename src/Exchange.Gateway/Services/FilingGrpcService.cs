using Exchange.Abstractions;
using Receipt = Exchange.V1.Receipt;
using Application = Exchange.V1.Application;
using Exchange.Gateway.Auth;
using Exchange.Gateway.Callbacks;
using Exchange.Gateway.Errors;
using Exchange.Gateway.Feed;
using Exchange.Gateway.Mapping;
using Exchange.Gateway.ReadModel;
using Exchange.Storage.Feed;
using Exchange.Storage.ReadModel;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using D = Exchange.Domain;

namespace Exchange.Gateway.Services;

/// <summary>
/// The platform-facing gRPC service: authenticate (interceptor), map, call the application grain, map back.
/// </summary>
public sealed class FilingGrpcService(
    IClusterClient cluster,
    ApplicationListing listing,
    D.ICourtDirectory directory,
    [FromKeyedServices(Exchange.Abstractions.ShiftedClock.LegalClock)] TimeProvider clock,
    ApplicationResponseCache responses,
    HistoryReader histories,
    UpdateFeed updates,
    CallbackEndpoints callbacks,
    AttachmentTransfers attachments, DocumentDownloads documents) : FilingService.FilingServiceBase
{
    // Large attachments (attachments.proto): AttachmentTransfers streams them to and from the store.
    public override Task<UploadedAttachment> UploadAttachment(IAsyncStreamReader<UploadAttachmentRequest> requestStream, ServerCallContext context) =>
        attachments.UploadAsync(Principal.RequirePlatform(context).Id, requestStream, context);

    public override Task DownloadAttachment(DownloadAttachmentRequest request, IServerStreamWriter<DownloadAttachmentResponse> responseStream,
        ServerCallContext context) =>
        attachments.DownloadAsync(Principal.RequirePlatform(context).ToActor(), request, responseStream, context);

    public override async Task<Receipt> SubmitApplication(SubmitApplicationRequest request, ServerCallContext context)
    {
        var platform = Principal.RequirePlatform(context);
        var mappingViolations = new List<D.FieldViolation>();
        var draft = ApplicationMapper.ToDraft(request, mappingViolations);
        if (mappingViolations.Count > 0)
        {
            // Values the domain cannot even hold: report them together with every rule the rest breaks.
            var (courts, calendar) = directory.Current;
            var rest = D.ApplicationValidator.Validate(draft, courts, calendar, clock.GetUtcNow()).Violations
                .Where(v => mappingViolations.All(m => m.Field != v.Field));
            throw Invalid([.. mappingViolations, .. rest]);
        }

        // A new id for a new application; a repeated submission is answered with the original receipt.
        var applicationId = Guid.CreateVersion7().ToString();
        var outcome = await cluster.GetGrain<IApplicationGrain>(applicationId).SubmitAsync(platform.Id, draft)
            .WaitAsync(context.CancellationToken);
        return outcome.Kind switch
        {
            SubmitResultKind.Created or SubmitResultKind.Duplicate => ApplicationMapper.ToProto(outcome.Receipt!),
            SubmitResultKind.Invalid => throw Invalid(outcome.Violations!),
            SubmitResultKind.Refused => throw Refused(outcome.Refusal!),
            SubmitResultKind.Conflict => throw GrpcErrors.Create(StatusCode.AlreadyExists, D.ErrorReason.DuplicateCaseIdDifferentPayload,
                $"platform case id '{request.PlatformCaseId}' was already filed as {outcome.ExistingApplicationId} with a different payload",
                new Dictionary<string, string> { ["application_id"] = outcome.ExistingApplicationId! }),
            _ => throw new InvalidOperationException($"unknown submit outcome {outcome.Kind}"),
        };
    }

    public override async Task<Application> GetApplication(GetApplicationRequest request, ServerCallContext context)
    {
        var platform = Principal.RequirePlatform(context);
        var id = Acts.ParseApplicationId(request.ApplicationId);
        // Hot reads: the grain confirms visibility and version; an unchanged application comes from the cache.
        var cached = responses.Find(id);
        var answer = await cluster.GetGrain<IApplicationGrain>(id).GetIfChangedAsync(platform.ToActor(), cached?.Version ?? 0)
            .WaitAsync(context.CancellationToken);
        if (!answer.Visible)
        {
            throw GrpcErrors.NotFound("application", id);
        }

        if (answer.View is null && cached is not null)
        {
            return cached.Message;
        }

        var application = ApplicationMapper.ToProto(answer.View!);
        responses.Remember(id, application);
        return application;
    }

    public override async Task<ListApplicationsResponse> ListApplications(ListApplicationsRequest request, ServerCallContext context)
    {
        var platform = Principal.RequirePlatform(context);
        var violations = new List<(string, string)>();
        ListChecks.CheckFilters(request.PageSize, request.Statuses, request.Type, violations);
        if (request.CourtCode.Length > 0 && !D.CourtCode.IsWellFormed(request.CourtCode))
        {
            violations.Add(("court_code", "not a court code (e.g. 新0102)"));
        }

        var (after, before) = ListChecks.ReceivedRange(request.ReceivedAfter, request.ReceivedBefore, violations);

        var filter = new ListingFilter(platform.Id, [.. request.Statuses.Select(s => (D.ApplicationStatus)s)],
            request.Type == ApplicationType.Unspecified ? null : (D.ApplicationType)request.Type,
            request.CourtCode.Length > 0 ? request.CourtCode : null, after, before);
        var token = PageTokens.Decode<PageToken>(request.PageToken, filter.Fingerprint(), violations);

        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations);
        }

        var pageSize = request.PageSize == 0 ? ApplicationListing.DefaultPageSize : Math.Min(request.PageSize, ApplicationListing.MaxPageSize);
        var page = await listing.ListAsync(filter, pageSize, token is null ? null : new ListingPosition(token.ReceivedAt, token.ApplicationId), context.CancellationToken);
        var last = page.Rows.LastOrDefault();
        var response = new ListApplicationsResponse
        {
            NextPageToken = page.HasMore && last is not null ? PageTokens.Encode(new PageToken(last.ReceivedAt, last.ApplicationId, filter.Fingerprint())) : "",
        };
        response.Applications.AddRange(page.Rows.Select(r => new ApplicationSummary
        {
            ApplicationId = r.ApplicationId.ToString(),
            PlatformCaseId = r.PlatformCaseId,
            Type = (ApplicationType)r.Type,
            CourtCode = r.CourtCode,
            Status = (ApplicationStatus)r.Status,
            ReceivedTime = Timestamp.FromDateTimeOffset(r.ReceivedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(r.UpdatedAt),
            Version = r.Version,
        }));
        return response;
    }

    public override Task<Application> WithdrawApplication(WithdrawApplicationRequest request, ServerCallContext context)
    {
        var platform = Principal.RequirePlatform(context);
        var id = Acts.ParseApplicationId(request.ApplicationId);
        return Acts.PerformAsync(cluster, id, platform.ToActor(), new D.ActRequest { Act = D.Act.RequestWithdrawal, RequestId = request.RequestId, Reason = request.Reason }, context);
    }

    public override Task<Application> SubmitCorrection(SubmitCorrectionRequest request, ServerCallContext context) =>
        AnswerAsync(request.ApplicationId, request.RequestId, request.Supplement, D.Act.SubmitCorrection, context);

    public override Task<Application> SubmitSupplement(SubmitSupplementRequest request, ServerCallContext context) =>
        AnswerAsync(request.ApplicationId, request.RequestId, request.Supplement, D.Act.SubmitSupplement, context);

    public override Task<Application> RecordService(RecordServiceRequest request, ServerCallContext context)
    {
        var platform = Principal.RequirePlatform(context);
        var id = Acts.ParseApplicationId(request.ApplicationId);
        var violations = new List<D.FieldViolation>();
        var servedAt = ApplicationMapper.ToInstantOrViolation(request.ServedTime, "served_time", violations);
        ThrowIfAny(violations);
        return Acts.PerformAsync(cluster, id, platform.ToActor(), new D.ActRequest
        {
            Act = D.Act.RecordService,
            RequestId = request.RequestId,
            EventTime = servedAt,
            RecordSha256 = request.RecordSha256.ToByteArray(),
        }, context);
    }

    public override Task<Application> RecordSignature(RecordSignatureRequest request, ServerCallContext context)
    {
        var platform = Principal.RequirePlatform(context);
        var id = Acts.ParseApplicationId(request.ApplicationId);
        var violations = new List<D.FieldViolation>();
        var signedAt = ApplicationMapper.ToInstantOrViolation(request.SignedTime, "signed_time", violations);
        ThrowIfAny(violations);
        return Acts.PerformAsync(cluster, id, platform.ToActor(), new D.ActRequest
        {
            Act = D.Act.RecordSignature,
            RequestId = request.RequestId,
            EventTime = signedAt,
            PartyIndex = request.PartyIndex,
        }, context);
    }

    public override Task<GetHistoryResponse> GetHistory(GetHistoryRequest request, ServerCallContext context) =>
        Acts.HistoryAsync(histories, request.ApplicationId, Principal.RequirePlatform(context).ToActor(), context.CancellationToken);

    public override Task WatchUpdates(WatchUpdatesRequest request, IServerStreamWriter<WatchUpdatesResponse> responseStream, ServerCallContext context) =>
        updates.WatchAsync(FeedRecipient.Platform(Principal.RequirePlatform(context).Id), request, responseStream, context);

    public override Task<ListUpdatesResponse> ListUpdates(ListUpdatesRequest request, ServerCallContext context) =>
        updates.ListAsync(FeedRecipient.Platform(Principal.RequirePlatform(context).Id), request, context.CancellationToken);

    // Signed callbacks (updates.proto): Gateway/Callbacks does the work.
    public override Task<CallbackEndpoint> SetCallbackEndpoint(SetCallbackEndpointRequest request, ServerCallContext context) =>
        callbacks.SetAsync(Principal.RequirePlatform(context).Id, request, context.CancellationToken);

    public override Task<CallbackEndpoint> GetCallbackEndpoint(GetCallbackEndpointRequest request, ServerCallContext context) =>
        callbacks.GetAsync(Principal.RequirePlatform(context).Id, context.CancellationToken);

    public override Task<CallbackEndpoint> RotateCallbackSecret(RotateCallbackSecretRequest request, ServerCallContext context) =>
        callbacks.RotateSecretAsync(Principal.RequirePlatform(context).Id, context.CancellationToken);

    public override Task<CallbackEndpoint> DeleteCallbackEndpoint(DeleteCallbackEndpointRequest request, ServerCallContext context) =>
        callbacks.DeleteAsync(Principal.RequirePlatform(context).Id, context.CancellationToken);

    public override Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context) =>
        callbacks.ListDeliveriesAsync(Principal.RequirePlatform(context).Id, request, context.CancellationToken);

    public override Task GetDocument(GetDocumentRequest request, IServerStreamWriter<DocumentChunk> responseStream, ServerCallContext context) =>
        documents.StreamAsync(Principal.RequirePlatform(context).ToActor(), request, responseStream, context.CancellationToken);

    private Task<Application> AnswerAsync(string applicationId, string requestId, Supplement? supplement, D.Act act, ServerCallContext context)
    {
        var platform = Principal.RequirePlatform(context);
        var id = Acts.ParseApplicationId(applicationId);
        var violations = new List<D.FieldViolation>();
        var attachments = ApplicationMapper.ToAttachments(supplement?.Attachments ?? [], "supplement.attachments", violations);
        ThrowIfAny(violations);
        return Acts.PerformAsync(cluster, id, platform.ToActor(), new D.ActRequest
        {
            Act = act,
            RequestId = requestId,
            Statement = supplement?.Statement,
            Attachments = attachments,
        }, context);
    }

    private static void ThrowIfAny(List<D.FieldViolation> violations)
    {
        if (violations.Count > 0)
        {
            throw Invalid(violations, D.ErrorReason.InvalidArgument);
        }
    }

    private static RpcException Invalid(IEnumerable<D.FieldViolation> violations, D.ErrorReason reason = D.ErrorReason.InvalidApplication) =>
        GrpcErrors.InvalidArgument(violations.Select(v => (v.Field, v.Description)), reason);

    private static RpcException Refused(D.RuleRefusal refusal) =>
        GrpcErrors.ToStatus(StatusCode.FailedPrecondition, refusal).ToRpcException();
}
