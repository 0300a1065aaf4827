namespace Exchange.Domain;

/// <summary>
/// The limits of the mediation (common.proto, Mediation). Violations name fields relative to
/// "mediation"; the organisation's credit code checksum is the validator's warning, not checked here.
/// </summary>
public static class MediationRules
{
    /// <summary>Checks the mediation; related_court_code must be a registered court when a court sent the dispute.</summary>
    public static IReadOnlyList<FieldViolation> Check(Mediation mediation, CourtRegistry courts)
    {
        ArgumentNullException.ThrowIfNull(mediation);
        ArgumentNullException.ThrowIfNull(courts);
        var found = new List<FieldViolation>();
        void Add(string field, string? description)
        {
            if (description is not null)
            {
                found.Add(new FieldViolation(field, description));
            }
        }

        Add("organization_name", TextLimits.Required(mediation.OrganizationName, 200));
        Add("organization_type", EnumRules.Check(mediation.OrganizationType));
        if (!string.IsNullOrEmpty(mediation.OrganizationCreditCode))
        {
            Add("organization_credit_code", UnifiedSocialCreditCode.CheckFormat(mediation.OrganizationCreditCode));
        }

        Add("court_relation", EnumRules.Check(mediation.CourtRelation));
        if (mediation.CourtRelation == CourtRelation.NoCourtRelation)
        {
            Add("related_court_code", string.IsNullOrEmpty(mediation.RelatedCourtCode)
                ? null
                : "must be empty when court_relation is NO_COURT_RELATION");
        }
        else if (EnumRules.Check(mediation.CourtRelation) is null)
        {
            Add("related_court_code", CheckRegisteredCourt(mediation.RelatedCourtCode, courts));
        }

        Add("mediator_name", TextLimits.Required(mediation.MediatorName, 100));
        Add("mediator_id", TextLimits.Required(mediation.MediatorId, 64));
        Add("start_date", mediation.StartDate is null ? "is required" : null);
        Add("end_date", mediation.EndDate is null ? "is required"
            : mediation.StartDate is { } start && mediation.EndDate < start ? $"must not be before start_date ({start:yyyy-MM-dd})"
            : null);
        return found;
    }

    /// <summary>Why <paramref name="code"/> does not name a registered court, or null.</summary>
    public static string? CheckRegisteredCourt(string? code, CourtRegistry courts)
    {
        ArgumentNullException.ThrowIfNull(courts);
        return CourtCode.CheckFormat(code)
            ?? (courts.Contains(code) ? null : $"no court with code {code} is registered");
    }
}
