namespace Exchange.Domain;

/// <summary>Which court a judicial confirmation goes to (MSL23 art 205; DOMAIN.md §2, "Which court").</summary>
public static class Jurisdiction
{
    /// <summary>
    /// A judicial confirmation of a mediation a court delegated (委派) or entrusted (委托) is filed with
    /// that court: MSL23 art 205(1) gives it to the court that sent the dispute to mediation. The other
    /// grounds (a party's domicile, the subject matter, the organisation's seat) are facts the hub cannot
    /// see, and stay the court's to check (Interp art 355: outside its jurisdiction, not accepted).
    /// Returns why <paramref name="courtCode"/> is the wrong court, or null.
    /// </summary>
    public static string? CheckFilingCourt(ApplicationType type, string courtCode, Mediation mediation)
    {
        ArgumentNullException.ThrowIfNull(mediation);
        if (type != ApplicationType.JudicialConfirmation
            || mediation.CourtRelation is not (CourtRelation.DelegatedByCourt or CourtRelation.EntrustedByCourt)
            || string.IsNullOrEmpty(mediation.RelatedCourtCode)
            || string.Equals(courtCode, mediation.RelatedCourtCode, StringComparison.Ordinal))
        {
            return null;
        }

        return $"must be the court that sent the dispute to mediation, {mediation.RelatedCourtCode} (mediation.related_court_code; MSL23 art 205)";
    }
}
