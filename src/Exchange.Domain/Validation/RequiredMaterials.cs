using System.Collections.Immutable;

namespace Exchange.Domain;

/// <summary>
/// The materials an application must carry (Interp art 354; Prov2011 art 3): the mediation
/// agreement; for judicial confirmation also proof that the organisation mediated; and a power of
/// attorney (授权委托书) for every party acting through an agent, naming that party by index.
/// </summary>
public static class RequiredMaterials
{
    /// <summary>The kind every application of <paramref name="type"/> carries, whoever its parties are (what a court's policy reports).</summary>
    public static IReadOnlyList<AttachmentKind> Always(ApplicationType type) =>
        type == ApplicationType.JudicialConfirmation
            ? [AttachmentKind.MediationAgreement, AttachmentKind.MediationProof]
            : [AttachmentKind.MediationAgreement];

    /// <summary>The kind required once for every party acting through an agent, naming that party by index.</summary>
    public const AttachmentKind PerAgent = AttachmentKind.PowerOfAttorney;

    /// <summary>One sentence per missing item; empty when nothing is missing.</summary>
    public static IReadOnlyList<string> Missing(ApplicationType type, ImmutableArray<Party> parties, ImmutableArray<Attachment> attachments)
    {
        var missing = new List<string>();
        foreach (var kind in Always(type).Where(k => !attachments.Any(a => a.Kind == k)))
        {
            missing.Add(kind == AttachmentKind.MediationProof
                ? "a MEDIATION_PROOF attachment (proof the organisation conducted the mediation) is required (Interp art 354)"
                : "a MEDIATION_AGREEMENT attachment (the mediation agreement) is required");
        }

        var list = type == ApplicationType.JudicialConfirmation ? "applicants" : "parties";
        for (var i = 0; i < parties.Length; i++)
        {
            if (parties[i].Agent is not null
                && !attachments.Any(a => a.Kind == PerAgent && a.PartyIndex == i))
            {
                missing.Add($"a POWER_OF_ATTORNEY attachment with party_index {i} is required: {list}[{i}] acts through an agent");
            }
        }

        return missing;
    }
}
