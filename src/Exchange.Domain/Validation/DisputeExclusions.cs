using System.Collections.Frozen;

namespace Exchange.Domain;

/// <summary>Dispute types the courts will not handle by each kind of application.</summary>
public static class DisputeExclusions
{
    /// <summary>
    /// Judicial confirmation is not accepted (裁定不予受理) for personal-status matters, matters of
    /// another special procedure, public summons or bankruptcy, and the confirmation of ownership of
    /// property rights or intellectual property (Interp art 355).
    /// </summary>
    public static FrozenSet<DisputeType> JudicialConfirmation { get; } = new[]
    {
        DisputeType.MarriageStatus,
        DisputeType.ParentChildStatus,
        DisputeType.AdoptionStatus,
        DisputeType.PropertyRightOwnership,
        DisputeType.IntellectualPropertyOwnership,
        DisputeType.OtherSpecialProcedure,
    }.ToFrozenSet();

    /// <summary>
    /// No mediation document for cases of a special procedure, a payment order or public summons,
    /// nor for the confirmation of personal status: marriage, parent-child relationship, adoption
    /// (Interp art 143: such cases cannot be mediated at all).
    /// </summary>
    public static FrozenSet<DisputeType> MediationDocument { get; } = new[]
    {
        DisputeType.MarriageStatus,
        DisputeType.ParentChildStatus,
        DisputeType.AdoptionStatus,
        DisputeType.OtherSpecialProcedure,
    }.ToFrozenSet();

    /// <summary>Whether <paramref name="dispute"/> is excluded for applications of <paramref name="type"/>.</summary>
    public static bool IsExcluded(ApplicationType type, DisputeType dispute) => type switch
    {
        ApplicationType.JudicialConfirmation => JudicialConfirmation.Contains(dispute),
        ApplicationType.MediationDocument => MediationDocument.Contains(dispute),
        _ => false,
    };

    /// <summary>The article that excludes it, for messages.</summary>
    public static string Authority(ApplicationType type) =>
        type == ApplicationType.JudicialConfirmation ? "Interp art 355" : "Interp art 143";
}
