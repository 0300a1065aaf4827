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
/// A rule of law that refuses a well-formed application, or an act the lifecycle does not allow
/// (an error with an ErrorInfo): <see cref="Reason"/> is the proto name of an <see cref="ErrorReason"/>
/// (stored as text in batch results, hence a string); <see cref="Metadata"/> carries the details
/// (e.g. "deadline"). Made with <see cref="Because"/>, so that every reason is one the contract lists.
/// </summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.RuleRefusal")]
public sealed record RuleRefusal(
    [property: Id(0)] string Reason,
    [property: Id(1)] string Message,
    [property: Id(2)] IReadOnlyDictionary<string, string> Metadata)
{
    public static RuleRefusal Because(ErrorReason reason, string message, IReadOnlyDictionary<string, string> metadata) =>
        new(ProtoNames.Of(reason), message, metadata);
}

/// <summary>
/// Something the hub noticed but accepted (exchange.v1.Warning); <see cref="Code"/> is the proto
/// name of a <see cref="WarningCode"/> (stored as text in the application's state). Made with <see cref="Of"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.ApplicationWarning")]
public sealed record ApplicationWarning(
    [property: Id(0)] string Code,
    [property: Id(1)] string Field,
    [property: Id(2)] string Message)
{
    public static ApplicationWarning Of(WarningCode code, string field, string message) => new(ProtoNames.Of(code), field, message);
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
