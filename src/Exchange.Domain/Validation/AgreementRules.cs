namespace Exchange.Domain;

/// <summary>
/// The limits of the mediation agreement (common.proto, Agreement and AgreementItem). Violations
/// name fields relative to the agreement ("items[2].amount_fen").
/// </summary>
public static class AgreementRules
{
    /// <summary>Most obligations per agreement.</summary>
    public const int MaxItems = 200;

    /// <summary>
    /// Checks the agreement. <paramref name="partyCount"/> bounds the party indexes; the effective
    /// time must not precede the signing day (compared as China Standard Time days) nor lie in the future.
    /// </summary>
    public static IReadOnlyList<FieldViolation> Check(Agreement agreement, int partyCount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var found = new List<FieldViolation>();
        void Add(string field, string? description)
        {
            if (description is not null)
            {
                found.Add(new FieldViolation(field, description));
            }
        }

        Add("number", TextLimits.Required(agreement.Number, 64));
        Add("signed_date", agreement.SignedDate is null ? "is required" : null);
        if (agreement.EffectiveTime is not { } effective)
        {
            Add("effective_time", "is required");
        }
        else if (ClockSkew.IsInFuture(effective, now))
        {
            Add("effective_time", "must not be in the future");
        }
        else if (agreement.SignedDate is { } signed && ChinaStandardTime.DateOf(effective) < signed)
        {
            Add("effective_time", $"must not be before signed_date ({signed:yyyy-MM-dd}, China Standard Time)");
        }

        Add("dispute_type", EnumRules.Check(agreement.DisputeType));

        var items = agreement.Items;
        Add("items", items.Length == 0 ? "at least 1 item is required"
            : items.Length > MaxItems ? $"at most {MaxItems} items are allowed (has {items.Length})"
            : null);
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var obligorInRange = item.ObligorPartyIndex >= 0 && item.ObligorPartyIndex < partyCount;
            var obligeeInRange = item.ObligeePartyIndex >= 0 && item.ObligeePartyIndex < partyCount;
            Add($"items[{i}].obligor_party_index", obligorInRange ? null : PartyIndexMessage(partyCount));
            Add($"items[{i}].obligee_party_index", !obligeeInRange ? PartyIndexMessage(partyCount)
                : item.ObligeePartyIndex == item.ObligorPartyIndex ? "must differ from obligor_party_index"
                : null);
            Add($"items[{i}].description", TextLimits.Required(item.Description, 2000));
            Add($"items[{i}].amount_fen", item.AmountFen < 0 ? "must not be negative" : null);
        }

        return found;
    }

    private static string PartyIndexMessage(int partyCount) =>
        partyCount == 0 ? "must be an index into the party list, which is empty" : $"must be an index into the party list (0–{partyCount - 1})";
}
