using System.Collections.Immutable;

namespace Exchange.Domain;

/// <summary>The level of a court in the hierarchy, as its code shows (2 digits or 4).</summary>
[GenerateSerializer]
public enum CourtLevel
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>中级人民法院: province abbreviation and 2 digits, e.g. 新01.</summary>
    Intermediate = 1,

    /// <summary>基层人民法院: province abbreviation and 4 digits, e.g. 新0102.</summary>
    Basic = 2,
}

/// <summary>A court registered with the hub (DOMAIN.md §8): data, never an enum in code.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.Court")]
public sealed record Court
{
    /// <summary>The court code (法院代字), e.g. "新0102".</summary>
    [Id(0)] public string Code { get; init; } = "";

    /// <summary>The court's name, e.g. "天山区人民法院".</summary>
    [Id(1)] public string Name { get; init; } = "";

    /// <summary>Intermediate or basic.</summary>
    [Id(2)] public CourtLevel Level { get; init; }

    /// <summary>The administrative division code (GB/T 2260) the court serves, e.g. "650102".</summary>
    [Id(3)] public string DivisionCode { get; init; } = "";

    /// <summary>The application types the court handles through the hub.</summary>
    [Id(4)]
    public ImmutableArray<ApplicationType> AcceptedTypes { get => field.IsDefault ? [] : field; init; } = [];

    /// <summary>Whether the court handles applications of <paramref name="type"/>.</summary>
    public bool Accepts(ApplicationType type) => AcceptedTypes.Contains(type);
}
