using System.Collections.Immutable;

namespace Exchange.Domain;

/// <summary>
/// One invalid field: <see cref="Field"/> is its path in the request as the proto names it
/// (snake_case, indexes in brackets, prefixed by the oneof), e.g.
/// "judicial_confirmation.applicants[0].natural_person.id_number". Maps to a
/// google.rpc.BadRequest.FieldViolation.
/// </summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.FieldViolation")]
public sealed record FieldViolation(
    [property: Id(0)] string Field,
    [property: Id(1)] string Description);

/// <summary>
/// A rule of law that refuses a well-formed application (FAILED_PRECONDITION with an ErrorInfo):
/// <see cref="Reason"/> is one of <see cref="RefusalReasons"/>; <see cref="Metadata"/> carries the
/// details (e.g. "deadline").
/// </summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.RuleRefusal")]
public sealed record RuleRefusal(
    [property: Id(0)] string Reason,
    [property: Id(1)] string Message,
    [property: Id(2)] IReadOnlyDictionary<string, string> Metadata);

/// <summary>Something the hub noticed but accepted (exchange.v1.Warning); <see cref="Code"/> is one of <see cref="WarningCodes"/>.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.ApplicationWarning")]
public sealed record ApplicationWarning(
    [property: Id(0)] string Code,
    [property: Id(1)] string Field,
    [property: Id(2)] string Message);

/// <summary>The ErrorInfo reasons of <see cref="RuleRefusal"/> (filing.proto, SubmitApplication).</summary>
public static class RefusalReasons
{
    /// <summary>Judicial confirmation filed after the 30-day window (MSL23 art 205). Metadata: deadline, closes_at.</summary>
    public const string FilingWindowExpired = "FILING_WINDOW_EXPIRED";

    /// <summary>The dispute type cannot be handled (Interp art 355 / art 143). Metadata: dispute_type.</summary>
    public const string DisputeTypeExcluded = "DISPUTE_TYPE_EXCLUDED";

    /// <summary>The court does not handle this kind of application. Metadata: court_code, application_type.</summary>
    public const string CourtDoesNotAcceptType = "COURT_DOES_NOT_ACCEPT_TYPE";
}

/// <summary>The codes of <see cref="ApplicationWarning"/>.</summary>
public static class WarningCodes
{
    /// <summary>A unified social credit code whose GB 32100 check character does not match.</summary>
    public const string CreditCodeChecksum = "CREDIT_CODE_CHECKSUM";

    /// <summary>
    /// The filing window seems to have closed, but it was computed without the holiday calendar of
    /// a year involved; the hub does not refuse on a provisional deadline and leaves it to the court.
    /// </summary>
    public const string FilingDeadlineProvisional = "FILING_DEADLINE_PROVISIONAL";
}

/// <summary>
/// The result of <see cref="ApplicationValidator.Validate"/>. When <see cref="Violations"/> is
/// non-empty the request is INVALID_ARGUMENT and <see cref="Refusal"/> is null; otherwise a
/// non-null <see cref="Refusal"/> is FAILED_PRECONDITION; with neither, the application is received
/// with <see cref="Warnings"/> on its receipt.
/// </summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.ValidationOutcome")]
public sealed record ValidationOutcome(
    [property: Id(0)] IReadOnlyList<FieldViolation> Violations,
    [property: Id(1)] RuleRefusal? Refusal,
    [property: Id(2)] IReadOnlyList<ApplicationWarning> Warnings,
    [property: Id(3)] Court? Court,
    [property: Id(4)] Deadline? FilingDeadline)
{
    /// <summary>No violation and no refusal: the application may be received.</summary>
    public bool IsAccepted => Violations.Count == 0 && Refusal is null;

    internal static IReadOnlyDictionary<string, string> Metadata(params (string Key, string Value)[] entries) =>
        entries.ToImmutableDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
