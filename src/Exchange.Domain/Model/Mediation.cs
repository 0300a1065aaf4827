namespace Exchange.Domain;

/// <summary>The mediation that produced the agreement. Mirrors exchange.v1.Mediation.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.Mediation")]
public sealed record Mediation
{
    /// <summary>Name of the mediation organisation, 1–200 characters.</summary>
    [Id(0)] public string OrganizationName { get; init; } = "";

    /// <summary>Kind of organisation.</summary>
    [Id(1)] public MediationOrganizationType OrganizationType { get; init; }

    /// <summary>The organisation's unified social credit code; empty when it has none.</summary>
    [Id(2)] public string OrganizationCreditCode { get; init; } = "";

    /// <summary>How the mediation relates to a court.</summary>
    [Id(3)] public CourtRelation CourtRelation { get; init; }

    /// <summary>The delegating, entrusting or inviting court; empty for <see cref="CourtRelation.NoCourtRelation"/>.</summary>
    [Id(4)] public string RelatedCourtCode { get; init; } = "";

    /// <summary>调解员, 1–100 characters.</summary>
    [Id(5)] public string MediatorName { get; init; } = "";

    /// <summary>The mediator's identifier in the organisation's register, 1–64 characters.</summary>
    [Id(6)] public string MediatorId { get; init; } = "";

    /// <summary>First day of the mediation (China Standard Time); null when not given.</summary>
    [Id(7)] public DateOnly? StartDate { get; init; }

    /// <summary>Day the mediation ended; null when not given.</summary>
    [Id(8)] public DateOnly? EndDate { get; init; }
}
