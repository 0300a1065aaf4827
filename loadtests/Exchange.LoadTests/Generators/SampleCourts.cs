namespace Exchange.LoadTests.Generators;

/// <summary>A court of the sample configuration (DOMAIN.md §8) as the load tests need it.</summary>
/// <param name="Code">Court code, e.g. "新0102".</param>
/// <param name="District">The district (or city) it serves, for addresses.</param>
/// <param name="Division">Administrative division code, for IDs and credit codes.</param>
/// <param name="AcceptsMediationDocuments">Basic courts take both application types; the intermediate court only judicial confirmations.</param>
public sealed record SampleCourt(string Code, string District, string Division, bool AcceptsMediationDocuments);

/// <summary>
/// The courts of Urumqi from the hub's sample configuration (src/Exchange.Domain/Courts/urumqi-sample.json).
/// Copied rather than loaded so a generated request never depends on the hub's internals; the smoke
/// test submits generated requests to a real hub, which would refuse a court that went out of sync.
/// </summary>
public static class SampleCourts
{
    /// <summary>Every sample court.</summary>
    public static IReadOnlyList<SampleCourt> All { get; } =
    [
        new("新01", "乌鲁木齐市", "650100", AcceptsMediationDocuments: false),
        new("新0102", "天山区", "650102", AcceptsMediationDocuments: true),
        new("新0103", "沙依巴克区", "650103", AcceptsMediationDocuments: true),
        new("新0104", "新市区", "650104", AcceptsMediationDocuments: true),
        new("新0105", "水磨沟区", "650105", AcceptsMediationDocuments: true),
        new("新0106", "头屯河区", "650106", AcceptsMediationDocuments: true),
        new("新0107", "达坂城区", "650107", AcceptsMediationDocuments: true),
        new("新0109", "米东区", "650109", AcceptsMediationDocuments: true),
        new("新0121", "乌鲁木齐县", "650121", AcceptsMediationDocuments: true),
    ];

    /// <summary>The basic courts, which accept both application types.</summary>
    public static IReadOnlyList<SampleCourt> Basic { get; } = All.Where(c => c.AcceptsMediationDocuments).ToArray();

    /// <summary>The courts that accept <paramref name="mediationDocument"/> applications of that kind.</summary>
    /// <param name="mediationDocument">True for a mediation document, false for a judicial confirmation.</param>
    /// <returns>The eligible courts.</returns>
    public static IReadOnlyList<SampleCourt> Accepting(bool mediationDocument) => mediationDocument ? Basic : All;

    /// <summary>The court with <paramref name="code"/>.</summary>
    /// <param name="code">A sample court code.</param>
    /// <returns>The court.</returns>
    public static SampleCourt Find(string code) =>
        All.FirstOrDefault(c => c.Code == code) ?? throw new ArgumentException($"{code} is not a sample court.", nameof(code));
}
