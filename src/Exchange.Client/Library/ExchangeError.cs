using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Exchange.Client;

/// <summary>One invalid field of a request, from a google.rpc.BadRequest.</summary>
/// <param name="Field">The field's path in the request, e.g. "judicial_confirmation.applicants[0].phone".</param>
/// <param name="Description">What is wrong with it.</param>
/// <param name="Reason">A machine-readable reason, where the hub gives one.</param>
public sealed record FieldViolation(string Field, string Description, string? Reason);

/// <summary>
/// A hub error decoded from an <see cref="RpcException"/>: the status code and message, and the
/// google.rpc.Status details the hub attaches to every error (AIP-193): ErrorInfo's reason, domain
/// and metadata, BadRequest's field violations, RetryInfo's delay.
/// </summary>
public sealed class ExchangeError
{
    private ExchangeError(
        StatusCode code,
        string message,
        string? reason,
        string? domain,
        IReadOnlyDictionary<string, string> metadata,
        IReadOnlyList<FieldViolation> fieldViolations,
        TimeSpan? retryDelay)
    {
        Code = code;
        Message = message;
        Reason = reason;
        Domain = domain;
        Metadata = metadata;
        FieldViolations = fieldViolations;
        RetryDelay = retryDelay;
    }

    /// <summary>The gRPC status code.</summary>
    public StatusCode Code { get; }

    /// <summary>The status message (google.rpc.Status.message when present).</summary>
    public string Message { get; }

    /// <summary>ErrorInfo.reason, e.g. "FILING_WINDOW_EXPIRED"; null when the error carries no ErrorInfo.</summary>
    public string? Reason { get; }

    /// <summary>ErrorInfo.domain, "exchange.court.cn" for the hub's own errors.</summary>
    public string? Domain { get; }

    /// <summary>ErrorInfo.metadata, e.g. "deadline" or "application_id"; empty when absent.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every violated field from BadRequest; empty when absent.</summary>
    public IReadOnlyList<FieldViolation> FieldViolations { get; }

    /// <summary>RetryInfo.retry_delay: how long to wait before trying again, when the hub says.</summary>
    public TimeSpan? RetryDelay { get; }

    /// <summary>The status code in the proto spelling, e.g. "INVALID_ARGUMENT".</summary>
    public string CodeName => CodeNameOf(Code);

    /// <summary>
    /// Decodes <paramref name="exception"/>. An error without a google.rpc.Status trailer (from a
    /// proxy, or the transport) still yields its code and message, with no details.
    /// </summary>
    public static ExchangeError FromException(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Google.Rpc.Status? status;
        try
        {
            status = exception.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // A malformed details trailer must not hide the error it came with.
            status = null;
        }

        if (status is null)
        {
            return new ExchangeError(
                exception.StatusCode,
                WithCause(exception.Status),
                reason: null,
                domain: null,
                new Dictionary<string, string>(),
                [],
                retryDelay: null);
        }

        // The trailer's code is authoritative for the hub's errors, but the two agree by
        // construction (Grpc.StatusProto checks it); prefer the transport's in any case.
        return Decode(exception.StatusCode, status, status.Message.Length > 0 ? status.Message : exception.Status.Detail);
    }

    /// <summary>
    /// Decodes a google.rpc.Status that arrived as data rather than as a call's error, e.g. the
    /// status of one item of a BatchRule response.
    /// </summary>
    public static ExchangeError FromStatus(Google.Rpc.Status status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Decode((StatusCode)status.Code, status, status.Message);
    }

    private static ExchangeError Decode(StatusCode code, Google.Rpc.Status status, string message)
    {
        string? reason = null, domain = null;
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var violations = new List<FieldViolation>();
        TimeSpan? retryDelay = null;
        foreach (var detail in status.Details)
        {
            if (detail.TryUnpack<ErrorInfo>(out var info))
            {
                reason = info.Reason;
                domain = info.Domain;
                foreach (var (key, value) in info.Metadata)
                {
                    metadata[key] = value;
                }
            }
            else if (detail.TryUnpack<BadRequest>(out var badRequest))
            {
                violations.AddRange(badRequest.FieldViolations.Select(v =>
                    new FieldViolation(v.Field, v.Description, v.Reason.Length == 0 ? null : v.Reason)));
            }
            else if (detail.TryUnpack<RetryInfo>(out var retryInfo) && retryInfo.RetryDelay is { } delay)
            {
                retryDelay = delay.ToTimeSpan();
            }
        }

        return new ExchangeError(code, message, reason, domain, metadata, violations, retryDelay);
    }

    /// <summary>
    /// Transport failures say little ("Error connecting to subchannel."); the innermost exception
    /// says why ("Connection refused"), which is what a person needs to act on.
    /// </summary>
    private static string WithCause(Grpc.Core.Status status)
    {
        var cause = status.DebugException;
        while (cause?.InnerException is not null)
        {
            cause = cause.InnerException;
        }

        return cause is null || status.Detail.Contains(cause.Message, StringComparison.Ordinal)
            ? status.Detail
            : $"{status.Detail} ({cause.Message})";
    }

    /// <summary>The proto spelling of <paramref name="code"/>, e.g. "FAILED_PRECONDITION" (google.rpc.Code's names).</summary>
    public static string CodeNameOf(StatusCode code) => ProtoNames.Of((Code)code);

    /// <summary>
    /// A message for people, one fact a line:
    /// <code>
    /// INVALID_ARGUMENT (INVALID_APPLICATION): the application is invalid
    ///   judicial_confirmation.applicants[0].phone: must be 5–20 characters
    ///   deadline: 2026-03-02
    /// </code>
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder(CodeName);
        if (Reason is not null)
        {
            text.Append(" (").Append(Reason).Append(')');
        }

        if (Message.Length > 0)
        {
            text.Append(": ").Append(Message);
        }

        foreach (var violation in FieldViolations)
        {
            text.AppendLine().Append("  ").Append(violation.Field).Append(": ").Append(violation.Description);
            if (violation.Reason is not null)
            {
                text.Append(" [").Append(violation.Reason).Append(']');
            }
        }

        foreach (var (key, value) in Metadata)
        {
            text.AppendLine().Append("  ").Append(key).Append(": ").Append(value);
        }

        if (RetryDelay is { } delay)
        {
            text.AppendLine().Append("  retry after: ").Append(delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)).Append(" s");
        }

        return text.ToString();
    }
}
