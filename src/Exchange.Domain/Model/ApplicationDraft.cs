using System.Collections.Immutable;

namespace Exchange.Domain;

/// <summary>
/// One submission as the platform filed it (exchange.v1.SubmitApplicationRequest), flattened: the
/// proto oneof <c>application</c> becomes <see cref="Type"/> plus the fields of the chosen message.
/// </summary>
/// <remarks>
/// Proto sub-messages that may be missing on the wire (<see cref="Consent"/>, <see cref="Mediation"/>,
/// <see cref="Agreement"/>, a party's identity or agent, dates and timestamps) are nullable here, so
/// the validator can name them; strings default to empty and lists to empty, as in proto3.
/// </remarks>
[GenerateSerializer, Immutable, Alias("exchange.domain.ApplicationDraft")]
public sealed record ApplicationDraft
{
    /// <summary>The platform's own case id, 1–64 of [A-Za-z0-9.-_:/].</summary>
    [Id(0)] public string PlatformCaseId { get; init; } = "";

    /// <summary>The court filed with, e.g. "新0102".</summary>
    [Id(1)] public string CourtCode { get; init; } = "";

    /// <summary>Consent to online handling and electronic service; null when not given.</summary>
    [Id(2)] public OnlineConsent? Consent { get; init; }

    /// <summary>Which application this is; Unspecified when neither oneof member was set.</summary>
    [Id(3)] public ApplicationType Type { get; init; }

    /// <summary>Judicial confirmation <c>applicants</c> or mediation document <c>parties</c>.</summary>
    [Id(4)]
    public ImmutableArray<Party> Parties { get => field.IsDefault ? [] : field; init; } = [];

    /// <summary>The mediation; null when not given.</summary>
    [Id(5)] public Mediation? Mediation { get; init; }

    /// <summary>The agreement (for a mediation document: the settlement to record); null when not given.</summary>
    [Id(6)] public Agreement? Agreement { get; init; }

    /// <summary>Mediation document only: the claims (诉讼请求); empty for judicial confirmation.</summary>
    [Id(7)] public string Claims { get; init; } = "";

    /// <summary>Mediation document only: the facts (案件事实); empty for judicial confirmation.</summary>
    [Id(8)] public string Facts { get; init; } = "";

    /// <summary>Mediation document only: the pre-litigation case number (诉前调解案号), optional.</summary>
    [Id(9)] public string PreLitigationCaseNumber { get; init; } = "";

    /// <summary>The files, 1–50.</summary>
    [Id(10)]
    public ImmutableArray<Attachment> Attachments { get => field.IsDefault ? [] : field; init; } = [];
}
