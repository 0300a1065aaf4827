using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Exchange.Domain;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Exchange.Gateway.Errors;

/// <summary>
/// Builds AIP-193 errors: a google.rpc.Status with an ErrorInfo on every error and a BadRequest
/// listing every violated field for invalid input. Reasons are <see cref="ErrorReason"/> members,
/// so each one is listed in the proto (exchange.v1.ErrorReason).
/// </summary>
public static class GrpcErrors
{
    public const string Domain = "exchange.court.cn";

    public static RpcException Create(StatusCode code, ErrorReason reason, string message,
        IReadOnlyDictionary<string, string>? metadata = null, BadRequest? badRequest = null) =>
        ToStatus(code, reason, message, metadata, badRequest).ToRpcException();

    /// <summary>The google.rpc.Status of an error (a batch item carries it instead of failing the call).</summary>
    public static Google.Rpc.Status ToStatus(StatusCode code, ErrorReason reason, string message,
        IReadOnlyDictionary<string, string>? metadata = null, BadRequest? badRequest = null) =>
        ToStatus(code, ProtoNames.Of(reason), message, metadata, badRequest);

    /// <summary>A refusal of the domain or a grain (its reason made from an <see cref="ErrorReason"/>) as a status.</summary>
    public static Google.Rpc.Status ToStatus(StatusCode code, RuleRefusal refusal) =>
        ToStatus(code, refusal.Reason, refusal.Message, refusal.Metadata, null);

    /// <summary>The most characters of a message an error carries; metadata values and violation descriptions carry a quarter of it.</summary>
    public const int MaxMessageLength = 1024;

    /// <summary>The most field violations a BadRequest lists.</summary>
    public const int MaxViolations = 100;

    private static Google.Rpc.Status ToStatus(StatusCode code, string reason, string message,
        IReadOnlyDictionary<string, string>? metadata, BadRequest? badRequest)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                info.Metadata[key] = Bounded(value, MaxMessageLength / 4);
            }
        }

        if (badRequest is not null)
        {
            foreach (var violation in badRequest.FieldViolations)
            {
                violation.Description = Bounded(violation.Description, MaxMessageLength / 4);
            }
        }

        var status = new Google.Rpc.Status { Code = (int)code, Message = Bounded(message, MaxMessageLength) };
        status.Details.Add(Any.Pack(info));
        if (badRequest is not null)
        {
            status.Details.Add(Any.Pack(badRequest));
        }

        return status;
    }

    public static RpcException InvalidArgument(IEnumerable<(string Field, string Description)> violations, ErrorReason reason = ErrorReason.InvalidArgument) =>
        InvalidArgumentStatus(violations, reason).ToRpcException();

    /// <summary>INVALID_ARGUMENT with a BadRequest listing every violation, as a google.rpc.Status.</summary>
    public static Google.Rpc.Status InvalidArgumentStatus(IEnumerable<(string Field, string Description)> violations, ErrorReason reason = ErrorReason.InvalidArgument)
    {
        var badRequest = new BadRequest();
        var count = 0;
        foreach (var (field, description) in violations)
        {
            // Bounded as the message is (a batch of 1,000 bad ids would otherwise overflow the headers).
            if (++count <= MaxViolations)
            {
                badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = Bounded(field, MaxMessageLength / 4), Description = description });
            }
        }

        var summary = count == 1
            ? $"{badRequest.FieldViolations[0].Field}: {badRequest.FieldViolations[0].Description}"
            : count <= MaxViolations
                ? $"{count} fields are invalid; see BadRequest details"
                : $"{count} fields are invalid; BadRequest details list the first {MaxViolations}";
        return ToStatus(StatusCode.InvalidArgument, reason, summary, badRequest: badRequest);
    }

    [DoesNotReturn]
    public static void ThrowInvalidArgument(string field, string description) =>
        throw InvalidArgument([(field, description)]);

    public static RpcException NotFound(string what, string id) => NotFoundStatus(what, id).ToRpcException();

    public static Google.Rpc.Status NotFoundStatus(string what, string id) =>
        ToStatus(StatusCode.NotFound, ErrorReason.NotFound, $"{what} {id} was not found", new Dictionary<string, string> { ["id"] = id });

    public static RpcException Unauthenticated(string message) =>
        Create(StatusCode.Unauthenticated, ErrorReason.Unauthenticated, message);

    public static RpcException PermissionDenied(string message) =>
        Create(StatusCode.PermissionDenied, ErrorReason.PermissionDenied, message);

    /// <summary>UNAVAILABLE: nothing was done; the same request may be sent again as it is.</summary>
    public static Google.Rpc.Status UnavailableStatus(string message) =>
        ToStatus(StatusCode.Unavailable, ErrorReason.BackendUnavailable, message);

    /// <summary>UNKNOWN (OUTCOME_UNKNOWN): a change was sent and its answer lost; repeat it with the same request id.</summary>
    public static Google.Rpc.Status OutcomeUnknownStatus(string message) =>
        ToStatus(StatusCode.Unknown, ErrorReason.OutcomeUnknown, message);

    // An error that echoes a request value (an id, a name) must not grow with it: the status travels
    // in HTTP/2 headers, and a client refuses headers over 64 KiB (as UNAVAILABLE, which it retries).
    private static string Bounded(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, char.IsHighSurrogate(text[max - 1]) ? max - 1 : max), "…");

    /// <summary>
    /// Answers a gRPC call from middleware, before grpc-dotnet has read its body: a trailers-only
    /// response (HTTP 200, the status and its details in the headers, no message), as gRPC over
    /// HTTP/2 specifies for a call that ends without a message.
    /// </summary>
    public static Task WriteAsync(HttpContext http, RpcException error)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)error.StatusCode).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(error.Status.Detail);
        foreach (var entry in error.Trailers)
        {
            response.Headers.Append(entry.Key, entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value);
        }

        return Task.CompletedTask;
    }
}
