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

/// <summary>Who gives a court's case numbers (案号) when it accepts an application or registers a case.</summary>
[GenerateSerializer]
public enum CaseNumbering
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>The hub draws the next number of its gapless sequence per court, codes and year.</summary>
    Hub = 1,

    /// <summary>
    /// The court's case-management system: each accepting act carries the number it issued (its
    /// own 民特 and 民初 sequences also number cases that never pass through the hub).
    /// </summary>
    Court = 2,
}

/// <summary>The case-type code (类型代字, e.g. 民特) a court registers applications of one type under.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.CaseTypeCode")]
public sealed record CaseTypeCode([property: Id(0)] ApplicationType Type, [property: Id(1)] string Code);

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

    /// <summary>
    /// The court's specialised-trial code (专门审判代字, 法〔2018〕335号), one character standing
    /// between the court code and the case-type code in its case numbers; empty when it uses none.
    /// </summary>
    [Id(5)] public string SpecialisedTrialCode { get; init; } = "";

    /// <summary>
    /// The case-type code per application type; a type not listed takes the usual code
    /// (<see cref="CaseNumbers.UsualTypeCode"/>).
    /// </summary>
    [Id(6)]
    public ImmutableArray<CaseTypeCode> CaseTypeCodes { get => field.IsDefault ? [] : field; init; } = [];

    /// <summary>Who gives the court's case numbers; the hub unless the court's policy says otherwise.</summary>
    [Id(7)] public CaseNumbering CaseNumbering { get; init; } = CaseNumbering.Hub;

    /// <summary>The largest attachment the court takes by upload, in bytes (migration 0085's default: 100 MiB).</summary>
    [Id(8)] public long MaxAttachmentBytes { get; init; } = DefaultMaxAttachmentBytes;

    /// <summary>A court's attachment limit unless its policy says otherwise: 100 MiB.</summary>
    public const long DefaultMaxAttachmentBytes = 100L * 1024 * 1024;

    /// <summary>The largest attachment limit a court may set: 2 GiB (an upload holds a transaction while it is sent).</summary>
    public const long MaxMaxAttachmentBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>Whether the court handles applications of <paramref name="type"/>.</summary>
    public bool Accepts(ApplicationType type) => AcceptedTypes.Contains(type);

    /// <summary>The case-type code the court registers an application of <paramref name="type"/> under.</summary>
    public string TypeCodeOf(ApplicationType type) =>
        CaseTypeCodes.FirstOrDefault(c => c.Type == type)?.Code ?? CaseNumbers.UsualTypeCode(type);

    /// <summary>
    /// What stands between the court code and the sequence in the court's case numbers for
    /// <paramref name="type"/>: the specialised-trial code, if any, and the case-type code, e.g. 民特
    /// or 知民初. Sequences run per court, this segment and year (法〔2018〕335号).
    /// </summary>
    public string CaseCodesOf(ApplicationType type) => SpecialisedTrialCode + TypeCodeOf(type);
}
