using Exchange.Abstractions;
using Exchange.Gateway.Errors;
using Exchange.Gateway.Mapping;
using Exchange.Storage.ReadModel;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Actor = Exchange.Abstractions.Actor;
using Application = Exchange.V1.Application;
using D = Exchange.Domain;

namespace Exchange.Gateway.Services;

/// <summary>What both services share: ids, act outcomes as answers or errors, histories.</summary>
internal static class Acts
{
    /// <summary>The fields of CourtActRequest: wrapped requests name them under "act.".</summary>
    private static readonly HashSet<string> CommonFields = ["application_id", "request_id", "officer_name", "reason", "document_sha256", "case_number"];

    public static string ParseApplicationId(string value, string field = "application_id")
    {
        if (!Guid.TryParseExact(value, "D", out var id))
        {
            GrpcErrors.ThrowInvalidArgument(field, "must be a UUID such as 0190b2a4-7c1e-7d3a-9f51-2c6a1e0b9d47");
        }

        return id.ToString();
    }

    /// <summary>Performs the act on the application and answers with it, or throws the outcome's error.</summary>
    public static Task<Application> PerformAsync(IClusterClient cluster, string id, Actor caller, D.ActRequest request,
        ServerCallContext context, bool wrapped = false) =>
        PerformAsync(cluster, id, caller, request, context.CancellationToken, wrapped);

    /// <inheritdoc cref="PerformAsync(IClusterClient, string, Actor, D.ActRequest, ServerCallContext, bool)"/>
    public static async Task<Application> PerformAsync(IClusterClient cluster, string id, Actor caller, D.ActRequest request,
        CancellationToken cancellationToken, bool wrapped = false)
    {
        var outcome = await cluster.GetGrain<IApplicationGrain>(id).ActAsync(caller, request).WaitAsync(cancellationToken);
        return outcome.Kind == CommandResultKind.Done
            ? ApplicationMapper.ToProto(outcome.Application!)
            : throw ToStatus(outcome, id, wrapped).ToRpcException();
    }

    /// <summary>The error of a failed act as a google.rpc.Status (a batch item carries it instead of failing).</summary>
    public static Google.Rpc.Status ToStatus(CommandOutcome outcome, string id, bool wrapped = false, string? failure = null) => outcome.Kind switch
    {
        CommandResultKind.Done => new Google.Rpc.Status { Code = (int)StatusCode.OK },
        CommandResultKind.NotFound => GrpcErrors.NotFoundStatus("application", id),
        CommandResultKind.Refused => GrpcErrors.ToStatus(StatusCode.FailedPrecondition, outcome.Refusal!),
        CommandResultKind.WrongActor => GrpcErrors.ToStatus(StatusCode.PermissionDenied, outcome.Refusal!),
        CommandResultKind.Conflict => GrpcErrors.ToStatus(StatusCode.AlreadyExists, outcome.Refusal!),
        CommandResultKind.Invalid => GrpcErrors.InvalidArgumentStatus(outcome.Violations!.Select(v => (wrapped && CommonFields.Contains(v.Field) ? "act." + v.Field : v.Field, v.Description))),
        CommandResultKind.Unavailable => GrpcErrors.UnavailableStatus($"application {id}: the hub's store or cluster is unavailable and nothing was done ({failure})"),
        CommandResultKind.OutcomeUnknown => GrpcErrors.OutcomeUnknownStatus($"application {id}: the answer was lost; it may have been ruled: repeat the batch with the same request id ({failure})"),
        CommandResultKind.Failed => GrpcErrors.ToStatus(StatusCode.Internal, D.ErrorReason.Internal, $"application {id}: internal error; it has been logged"),
        _ => throw new InvalidOperationException($"unknown command outcome {outcome.Kind}"),
    };

    public static async Task<GetHistoryResponse> HistoryAsync(HistoryReader histories, string applicationId, Actor caller, CancellationToken cancellationToken)
    {
        var id = ParseApplicationId(applicationId);
        var rows = await histories.ReadAsync(Guid.Parse(id), caller.Kind, caller.Id, cancellationToken);
        if (rows.Count == 0)
        {
            throw GrpcErrors.NotFound("application", id);
        }

        var response = new GetHistoryResponse();
        response.Events.AddRange(rows.Select(r =>
        {
            var e = new HistoryEvent
            {
                Sequence = r.Sequence,
                OccurTime = Timestamp.FromDateTimeOffset(r.OccurredAt),
                Kind = r.Kind,
                EventKind = (HistoryEvent.Types.EventKind)D.ProtoNames.Parse<D.HistoryEventKind>(r.Kind),
                Actor = new V1.Actor { Kind = (V1.Actor.Types.Kind)r.ActorKind, Id = r.ActorId, Name = r.ActorName ?? "" },
                Reason = r.Reason ?? "",
                StatusAfter = (ApplicationStatus)r.StatusAfter,
                EventSha256 = r.EventSha256,
                PreviousSha256 = r.PreviousSha256,
            };
            foreach (var (key, value) in r.Details)
            {
                e.Details[key] = value;
            }

            return e;
        }));
        return response;
    }
}
