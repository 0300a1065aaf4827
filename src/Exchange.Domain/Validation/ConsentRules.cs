namespace Exchange.Domain;

/// <summary>
/// Consent to online handling (OMR art 4; OLR art 4) and electronic service (OLR art 29): an online
/// filing needs both. Violations name fields relative to "consent".
/// </summary>
public static class ConsentRules
{
    /// <summary>Checks the consent recorded at <paramref name="now"/>.</summary>
    public static IReadOnlyList<FieldViolation> Check(OnlineConsent consent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var found = new List<FieldViolation>();
        if (!consent.OnlineHandling)
        {
            found.Add(new("online_handling", "must be true: the parties must agree to online handling (OMR art 4; OLR art 4)"));
        }

        if (!consent.ElectronicService)
        {
            found.Add(new("electronic_service", "must be true: the parties must agree to electronic service (OLR art 29)"));
        }

        if (consent.ConsentTime is not { } time)
        {
            found.Add(new("consent_time", "is required"));
        }
        else if (ClockSkew.IsInFuture(time, now))
        {
            found.Add(new("consent_time", "must not be in the future"));
        }

        return found;
    }
}
