using System.Security.Cryptography;
using Exchange.Abstractions;
using Exchange.Gateway.Auth;
using Exchange.Gateway.Errors;
using Exchange.Gateway.Feed;
using Exchange.Gateway.Mapping;
using Exchange.Gateway.ReadModel;
using Exchange.Storage.Feed;
using Exchange.Storage.ReadModel;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Application = Exchange.V1.Application;
using D = Exchange.Domain;

namespace Exchange.Gateway.Services;

/// <summary>
/// The court-facing gRPC service: authenticate (interceptor), then the court's work as
/// <see cref="CourtOffice"/> does it for the console too. The lifecycle and the acts' rules are the
/// domain's; tenancy (a court sees its own applications) is checked where the data is.
/// </summary>
public sealed class CourtGrpcService(CourtOffice office, HistoryReader histories, UpdateFeed updates, AttachmentTransfers attachments, DocumentDownloads documents)
    : CourtService.CourtServiceBase
{
    // Large attachments (attachments.proto): what the court's applications reference.
    public override Task DownloadAttachment(DownloadAttachmentRequest request, IServerStreamWriter<DownloadAttachmentResponse> responseStream,
        ServerCallContext context) =>
        attachments.DownloadAsync(Principal.RequireCourt(context).ToActor(), request, responseStream, context);

    /// <summary>Most items in one BatchRule call.</summary>
    public const int MaxBatchItems = CourtOffice.MaxBatchItems;

    public override Task<ListDocketResponse> ListDocket(ListDocketRequest request, ServerCallContext context) =>
        office.ListDocketAsync(Principal.RequireCourt(context), request, context.CancellationToken);

    public override async Task<Application> GetApplication(GetApplicationRequest request, ServerCallContext context) =>
        await office.GetAsync(Principal.RequireCourt(context), request.ApplicationId, context.CancellationToken)
        ?? throw GrpcErrors.NotFound("application", Acts.ParseApplicationId(request.ApplicationId));

    public override Task<GetHistoryResponse> GetHistory(GetHistoryRequest request, ServerCallContext context) =>
        Acts.HistoryAsync(histories, request.ApplicationId, Principal.RequireCourt(context).ToActor(), context.CancellationToken);

    public override Task<Application> RequestCorrection(RequestCorrectionRequest request, ServerCallContext context) =>
        Act(D.Act.RequestCorrection, request, context);

    public override Task<Application> AcceptApplication(CourtActRequest request, ServerCallContext context) =>
        Act(D.Act.Accept, request, context);

    public override Task<Application> RefuseAcceptance(RefuseAcceptanceRequest request, ServerCallContext context) =>
        Act(D.Act.RefuseAcceptance, request, context);

    public override Task<Application> StartReview(CourtActRequest request, ServerCallContext context) =>
        Act(D.Act.StartReview, request, context);

    public override Task<Application> RequestSupplement(RequestSupplementRequest request, ServerCallContext context) =>
        Act(D.Act.RequestSupplement, request, context);

    public override Task<Application> ExtendReview(ExtendReviewRequest request, ServerCallContext context) =>
        Act(D.Act.ExtendReview, request, context);

    public override Task<Application> ConfirmAgreement(CourtActRequest request, ServerCallContext context) =>
        Act(D.Act.Confirm, request, context);

    public override Task<Application> RejectApplication(RejectApplicationRequest request, ServerCallContext context) =>
        Act(D.Act.Reject, request, context);

    public override Task<Application> PermitWithdrawal(CourtActRequest request, ServerCallContext context) =>
        Act(D.Act.PermitWithdrawal, request, context);

    public override Task<Application> TreatAsWithdrawn(CourtActRequest request, ServerCallContext context) =>
        Act(D.Act.TreatAsWithdrawn, request, context);

    public override Task<Application> RegisterCase(CourtActRequest request, ServerCallContext context) =>
        Act(D.Act.RegisterCase, request, context);

    public override Task<Application> IssueMediationDocument(CourtActRequest request, ServerCallContext context) =>
        Act(D.Act.IssueDocument, request, context);

    public override Task<Application> RefuseMediationDocument(RefuseMediationDocumentRequest request, ServerCallContext context) =>
        Act(D.Act.RefuseDocument, request, context);

    public override Task<Application> RecordRepudiation(CourtActRequest request, ServerCallContext context) =>
        Act(D.Act.RecordRepudiation, request, context);

    public override Task<BatchRuleResponse> BatchRule(BatchRuleRequest request, ServerCallContext context) =>
        office.BatchRuleAsync(Principal.RequireCourt(context), request, context.CancellationToken);

    public override Task<CourtStatistics> GetCourtStatistics(GetCourtStatisticsRequest request, ServerCallContext context) =>
        office.StatisticsAsync(Principal.RequireCourt(context), request, context.CancellationToken);

    public override Task WatchUpdates(WatchUpdatesRequest request, IServerStreamWriter<WatchUpdatesResponse> responseStream, ServerCallContext context) =>
        updates.WatchAsync(FeedRecipient.Court(Principal.RequireCourt(context).Id), request, responseStream, context);

    public override Task<ListUpdatesResponse> ListUpdates(ListUpdatesRequest request, ServerCallContext context) =>
        updates.ListAsync(FeedRecipient.Court(Principal.RequireCourt(context).Id), request, context.CancellationToken);

    public override Task GetDocument(GetDocumentRequest request, IServerStreamWriter<DocumentChunk> responseStream, ServerCallContext context) =>
        documents.StreamAsync(Principal.RequireCourt(context).ToActor(), request, responseStream, context.CancellationToken);

    private Task<Application> Act(D.Act act, IMessage request, ServerCallContext context) =>
        office.ActAsync(Principal.RequireCourt(context), act, request, context.CancellationToken);
}
