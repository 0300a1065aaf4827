namespace Exchange.Domain.Tests.Validation;

public sealed class AgreementRulesTests
{
    private static ApplicationDraft WithItem(Func<AgreementItem, AgreementItem> change) =>
        ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { Items = a.Items.SetItem(0, change(a.Items[0])) });

    [Fact]
    public void Agreement_NegativeAmount_IsAViolation() =>
        Assert.Equal(["judicial_confirmation.agreement.items[0].amount_fen"], ValidDrafts.Validate(WithItem(i => i with { AmountFen = -1 })).Fields());

    [Fact]
    public void Agreement_ZeroAmount_IsAllowedForNonPaymentObligations() =>
        Assert.True(ValidDrafts.Validate(WithItem(i => i with { AmountFen = 0 })).IsAccepted);

    [Fact]
    public void Agreement_ObligorEqualToObligee_IsAViolation() =>
        Assert.Equal(["judicial_confirmation.agreement.items[0].obligee_party_index"], ValidDrafts.Validate(WithItem(i => i with { ObligeePartyIndex = 1 })).Fields());

    [Fact]
    public void Agreement_PartyIndexOutOfRange_IsAViolation() =>
        Assert.Equal(
            ["judicial_confirmation.agreement.items[0].obligor_party_index", "judicial_confirmation.agreement.items[0].obligee_party_index"],
            ValidDrafts.Validate(WithItem(i => i with { ObligorPartyIndex = 2, ObligeePartyIndex = -1 })).Fields());

    [Fact]
    public void Agreement_WithoutItemsOrWithMoreThan200_IsAViolation()
    {
        var none = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { Items = [] });
        var tooMany = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { Items = [.. Enumerable.Repeat(a.Items[0], 201)] });

        Assert.Equal(["judicial_confirmation.agreement.items"], ValidDrafts.Validate(none).Fields());
        Assert.Equal(["judicial_confirmation.agreement.items"], ValidDrafts.Validate(tooMany).Fields());
    }

    [Fact]
    public void Agreement_EffectiveBeforeSigningDayInChinaStandardTime_IsAViolation()
    {
        // 23:30 UTC on 28 February is 07:30 on 1 March in China: the same day as signing, so fine.
        var sameDay = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { EffectiveTime = new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.Zero) });
        var dayBefore = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { EffectiveTime = new DateTimeOffset(2026, 2, 28, 15, 30, 0, TimeSpan.Zero) });

        Assert.True(ValidDrafts.Validate(sameDay).IsAccepted);
        Assert.Equal(["judicial_confirmation.agreement.effective_time"], ValidDrafts.Validate(dayBefore).Fields());
    }

    [Fact]
    public void Agreement_MissingDatesAndNumber_AreViolations()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { Number = "", SignedDate = null, EffectiveTime = null });

        Assert.Equal(
            ["judicial_confirmation.agreement.number", "judicial_confirmation.agreement.signed_date", "judicial_confirmation.agreement.effective_time"],
            ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void Agreement_Missing_IsAViolation() =>
        Assert.Equal(["mediation_document.agreement"], ValidDrafts.Validate(ValidDrafts.MediationDocument() with { Agreement = null }).Fields());
}
