using System.Collections.Immutable;

namespace Exchange.Domain;

/// <summary>A natural person (自然人). Mirrors exchange.v1.NaturalPerson.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.NaturalPerson")]
public sealed record NaturalPerson
{
    /// <summary>Full legal name, 1–100 characters.</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>Kind of identity document.</summary>
    [Id(1)] public IdentityDocumentType IdType { get; init; }

    /// <summary>Document number, 1–32 characters; a resident ID is checked per GB 11643.</summary>
    [Id(2)] public string IdNumber { get; init; } = "";
}

/// <summary>An organisation (法人或非法人组织). Mirrors exchange.v1.Organization.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.Organization")]
public sealed record Organization
{
    /// <summary>Registered name, 1–200 characters.</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>统一社会信用代码 (GB 32100); see <see cref="Exchange.Domain.UnifiedSocialCreditCode"/>.</summary>
    [Id(1)] public string UnifiedSocialCreditCode { get; init; } = "";

    /// <summary>法定代表人或主要负责人, 1–100 characters.</summary>
    [Id(2)] public string LegalRepresentative { get; init; } = "";
}

/// <summary>An agent acting for a party (委托代理人). Mirrors exchange.v1.Agent.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.Agent")]
public sealed record Agent
{
    /// <summary>1–100 characters.</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>Kind of identity document.</summary>
    [Id(1)] public IdentityDocumentType IdType { get; init; }

    /// <summary>1–32 characters; a resident ID is checked as for a natural person.</summary>
    [Id(2)] public string IdNumber { get; init; } = "";

    /// <summary>Optional; empty when not given, otherwise 5–20 of digits, spaces, '+' and '-'.</summary>
    [Id(3)] public string Phone { get; init; } = "";
}

/// <summary>
/// A party to the mediation agreement (当事人). Mirrors exchange.v1.Party; the proto oneof
/// <c>identity</c> is the pair <see cref="NaturalPerson"/> / <see cref="Organization"/>, exactly one
/// of which must be non-null.
/// </summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.Party")]
public sealed record Party
{
    /// <summary>Which side of the agreement the party stands on.</summary>
    [Id(0)] public PartySide Side { get; init; }

    /// <summary>Set when the party is a natural person (oneof identity).</summary>
    [Id(1)] public NaturalPerson? NaturalPerson { get; init; }

    /// <summary>Set when the party is an organisation (oneof identity).</summary>
    [Id(2)] public Organization? Organization { get; init; }

    /// <summary>Domicile or registered address, 1–300 characters.</summary>
    [Id(3)] public string Address { get; init; } = "";

    /// <summary>Contact phone, 5–20 of digits, spaces, '+' and '-'.</summary>
    [Id(4)] public string Phone { get; init; } = "";

    /// <summary>Where electronic service reaches the party, 1–200 characters (OLR art 29).</summary>
    [Id(5)] public string ElectronicServiceAddress { get; init; } = "";

    /// <summary>The agent, or null when the party acts in person.</summary>
    [Id(6)] public Agent? Agent { get; init; }
}
