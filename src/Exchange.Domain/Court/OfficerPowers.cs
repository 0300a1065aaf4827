namespace Exchange.Domain;

/// <summary>What an officer of the court console may do.</summary>
public enum OfficerRole
{
    /// <summary>书记员 / 立案庭工作人员.</summary>
    Clerk,

    /// <summary>法官.</summary>
    Judge,
}

/// <summary>
/// Which court acts each officer role may perform in the console: a clerk handles the filing
/// (accepts, registers a case, asks for corrections and supplements, starts the review); rulings —
/// confirming, rejecting, refusing acceptance or a document, withdrawals, extensions — are the
/// judge's. A court's API key (CourtService) speaks for the court as a whole and is not limited here.
/// </summary>
public static class OfficerPowers
{
    private static readonly HashSet<Act> ClerkActs = [Act.Accept, Act.RegisterCase, Act.RequestCorrection, Act.RequestSupplement, Act.StartReview];

    public static bool May(OfficerRole role, Act act) =>
        Lifecycle.ActorOf(act) == ActorKind.Court && act != Act.Unspecified && (role == OfficerRole.Judge || ClerkActs.Contains(act));
}
