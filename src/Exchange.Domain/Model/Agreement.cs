using System.Collections.Immutable;

namespace Exchange.Domain;

/// <summary>One obligation the agreement creates. Mirrors exchange.v1.AgreementItem.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.AgreementItem")]
public sealed record AgreementItem
{
    /// <summary>Index into the application's party list of the party that owes.</summary>
    [Id(0)] public int ObligorPartyIndex { get; init; }

    /// <summary>Index into the party list of the party owed; differs from the obligor.</summary>
    [Id(1)] public int ObligeePartyIndex { get; init; }

    /// <summary>What is owed, 1–2,000 characters.</summary>
    [Id(2)] public string Description { get; init; } = "";

    /// <summary>Money owed in fen (分); 0 when the obligation is not a payment.</summary>
    [Id(3)] public long AmountFen { get; init; }

    /// <summary>When it is due (China Standard Time); null when not given.</summary>
    [Id(4)] public DateOnly? DueDate { get; init; }
}

/// <summary>The mediation agreement (调解协议). Mirrors exchange.v1.Agreement.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.Agreement")]
public sealed record Agreement
{
    /// <summary>The agreement's number in the organisation's records, 1–64 characters.</summary>
    [Id(0)] public string Number { get; init; } = "";

    /// <summary>Day the parties signed (China Standard Time); null when not given.</summary>
    [Id(1)] public DateOnly? SignedDate { get; init; }

    /// <summary>
    /// The instant the agreement took effect (last signature, seal or e-signature; PML arts 29–30,
    /// OMR art 19); starts the judicial-confirmation filing window. Null when not given.
    /// </summary>
    [Id(2)] public DateTimeOffset? EffectiveTime { get; init; }

    /// <summary>The obligations, 1–200. Never default: an unset array reads as empty.</summary>
    [Id(3)]
    public ImmutableArray<AgreementItem> Items { get => field.IsDefault ? [] : field; init; } = [];

    /// <summary>The nature of the dispute.</summary>
    [Id(4)] public DisputeType DisputeType { get; init; }
}
