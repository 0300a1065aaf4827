namespace Exchange.Domain;

/// <summary>
/// The platform's consent to online handling (OMR art 4; OLR art 4) and electronic service (OLR
/// art 29), 在线诉讼及电子送达同意. Mirrors exchange.v1.OnlineConsent.
/// </summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.OnlineConsent")]
public sealed record OnlineConsent
{
    /// <summary>The parties agreed to online handling; must be true.</summary>
    [Id(0)] public bool OnlineHandling { get; init; }

    /// <summary>The parties agreed to electronic service; must be true.</summary>
    [Id(1)] public bool ElectronicService { get; init; }

    /// <summary>When the consent was recorded; null when not given.</summary>
    [Id(2)] public DateTimeOffset? ConsentTime { get; init; }
}
