namespace Exchange.Domain;

/// <summary>
/// The limits of one party and its agent (common.proto, Party, NaturalPerson, Organization, Agent).
/// Violations name fields relative to the party ("natural_person.id_number"); the credit code
/// checksum is the validator's warning, not checked here.
/// </summary>
public static class PartyRules
{
    /// <summary>Checks a party; <paramref name="today"/> (China Standard Time) bounds resident-ID birth dates.</summary>
    public static IReadOnlyList<FieldViolation> Check(Party party, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(party);
        var found = new List<FieldViolation>();
        void Add(string field, string? description)
        {
            if (description is not null)
            {
                found.Add(new FieldViolation(field, description));
            }
        }

        Add("side", EnumRules.Check(party.Side));
        switch (party)
        {
            case { NaturalPerson: { } person, Organization: null }:
                Add("natural_person.name", TextLimits.Required(person.Name, 100));
                Add("natural_person.id_type", EnumRules.Check(person.IdType));
                Add("natural_person.id_number", CheckIdNumber(person.IdType, person.IdNumber, today));
                break;
            case { NaturalPerson: null, Organization: { } organization }:
                Add("organization.name", TextLimits.Required(organization.Name, 200));
                Add("organization.unified_social_credit_code", UnifiedSocialCreditCode.CheckFormat(organization.UnifiedSocialCreditCode));
                Add("organization.legal_representative", TextLimits.Required(organization.LegalRepresentative, 100));
                break;
            default:
                Add("identity", "exactly one of natural_person or organization is required");
                break;
        }

        Add("address", TextLimits.Required(party.Address, 300));
        Add("phone", PhoneNumber.Check(party.Phone, required: true));
        Add("electronic_service_address", TextLimits.Required(party.ElectronicServiceAddress, 200));

        if (party.Agent is { } agent)
        {
            Add("agent.name", TextLimits.Required(agent.Name, 100));
            Add("agent.id_type", EnumRules.Check(agent.IdType));
            Add("agent.id_number", CheckIdNumber(agent.IdType, agent.IdNumber, today));
            Add("agent.phone", PhoneNumber.Check(agent.Phone, required: false));
        }

        return found;
    }

    /// <summary>An identity document number: 1–32 characters, and a valid GB 11643 number for a resident ID card.</summary>
    public static string? CheckIdNumber(IdentityDocumentType type, string? number, DateOnly today) =>
        TextLimits.Required(number, 32)
        ?? (type == IdentityDocumentType.ResidentIdCard ? ResidentId.Check(number, today) : null);
}
