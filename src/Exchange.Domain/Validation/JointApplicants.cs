using System.Collections.Immutable;

namespace Exchange.Domain;

/// <summary>
/// The parties to an application: 2–50 with at least one on each side. For a judicial confirmation
/// every party applies jointly (共同申请, MSL23 art 205; Interp art 351); a mediation document records
/// a settlement between two sides.
/// </summary>
public static class JointApplicants
{
    /// <summary>Fewest parties.</summary>
    public const int Min = 2;

    /// <summary>Most parties.</summary>
    public const int Max = 50;

    /// <summary>Why the party list is not acceptable; empty when it is. Parties with an invalid side are not counted on either side.</summary>
    public static IReadOnlyList<string> Check(ImmutableArray<Party> parties, ApplicationType type)
    {
        var noun = type == ApplicationType.JudicialConfirmation ? "applicants" : "parties";
        var problems = new List<string>();
        if (parties.Length < Min)
        {
            problems.Add(type == ApplicationType.JudicialConfirmation
                ? $"at least {Min} applicants are required: the parties apply jointly (MSL23 art 205)"
                : $"at least {Min} parties are required");
        }
        else if (!parties.Any(p => p.Side == PartySide.SideA) || !parties.Any(p => p.Side == PartySide.SideB))
        {
            problems.Add($"at least one of the {noun} must be on each side (SIDE_A and SIDE_B)");
        }

        if (parties.Length > Max)
        {
            problems.Add($"at most {Max} {noun} are allowed (has {parties.Length})");
        }

        return problems;
    }
}
