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
/// The court-facing gRPC service: authenticate (interceptor), then the court's work as
/// <see cref="CourtOffice"/> does it for the console too. The lifecycle and the acts' rules are the
/// domain's; tenancy (a court sees its own applications) is checked where the data is.
/// </summary>
public sealed class CourtGrpcService(CourtOffice office, HistoryReader histories) : CourtService.CourtServiceBase
{
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
        Wrapped(request.Act, context, D.Act.RequestCorrection, r => r with { Items = [.. request.Items], LimitDays = request.LimitDays });

    public override Task<Application> AcceptApplication(CourtActRequest request, ServerCallContext context) =>
        Plain(request, context, D.Act.Accept);

    public override Task<Application> RefuseAcceptance(RefuseAcceptanceRequest request, ServerCallContext context) =>
        Wrapped(request.Act, context, D.Act.RefuseAcceptance, r => r with { NonAcceptanceGround = (D.NonAcceptanceGround)request.Ground });

    public override Task<Application> StartReview(CourtActRequest request, ServerCallContext context) =>
        Plain(request, context, D.Act.StartReview);

    public override Task<Application> RequestSupplement(RequestSupplementRequest request, ServerCallContext context) =>
        Wrapped(request.Act, context, D.Act.RequestSupplement, r => r with { Items = [.. request.Items], LimitDays = request.LimitDays });

    public override Task<Application> ExtendReview(ExtendReviewRequest request, ServerCallContext context) =>
        Wrapped(request.Act, context, D.Act.ExtendReview, r => r with { ApprovedBy = request.ApprovedBy });

    public override Task<Application> ConfirmAgreement(CourtActRequest request, ServerCallContext context) =>
        Plain(request, context, D.Act.Confirm);

    public override Task<Application> RejectApplication(RejectApplicationRequest request, ServerCallContext context) =>
        Wrapped(request.Act, context, D.Act.Reject, r => r with { RejectionGround = (D.RejectionGround)request.Ground });

    public override Task<Application> PermitWithdrawal(CourtActRequest request, ServerCallContext context) =>
        Plain(request, context, D.Act.PermitWithdrawal);

    public override Task<Application> TreatAsWithdrawn(CourtActRequest request, ServerCallContext context) =>
        Plain(request, context, D.Act.TreatAsWithdrawn);

    public override Task<Application> RegisterCase(CourtActRequest request, ServerCallContext context) =>
        Plain(request, context, D.Act.RegisterCase);

    public override Task<Application> IssueMediationDocument(CourtActRequest request, ServerCallContext context) =>
        Plain(request, context, D.Act.IssueDocument);

    public override Task<Application> RefuseMediationDocument(RefuseMediationDocumentRequest request, ServerCallContext context) =>
        Wrapped(request.Act, context, D.Act.RefuseDocument, r => r with { DocumentRefusalGround = (D.DocumentRefusalGround)request.Ground });

    public override Task<Application> RecordRepudiation(CourtActRequest request, ServerCallContext context) =>
        Plain(request, context, D.Act.RecordRepudiation);

    public override Task<BatchRuleResponse> BatchRule(BatchRuleRequest request, ServerCallContext context) =>
        office.BatchRuleAsync(Principal.RequireCourt(context), request, context.CancellationToken);

    public override Task<CourtStatistics> GetCourtStatistics(GetCourtStatisticsRequest request, ServerCallContext context) =>
        office.StatisticsAsync(Principal.RequireCourt(context), request, context.CancellationToken);

    private Task<Application> Plain(CourtActRequest request, ServerCallContext context, D.Act act) =>
        office.ActAsync(Principal.RequireCourt(context), request, act, r => r, wrapped: false, context.CancellationToken);

    private Task<Application> Wrapped(CourtActRequest? act, ServerCallContext context, D.Act kind, Func<D.ActRequest, D.ActRequest> with) =>
        office.ActAsync(Principal.RequireCourt(context), act ?? new CourtActRequest(), kind, with, wrapped: true, context.CancellationToken);
}
