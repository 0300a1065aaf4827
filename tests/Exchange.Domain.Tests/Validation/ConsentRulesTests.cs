namespace Exchange.Domain.Tests.Validation;

public sealed class ConsentRulesTests
{
    private static readonly OnlineConsent Valid = ValidDrafts.JudicialConfirmation().Consent!;

    [Fact]
    public void Consent_WithoutOnlineHandling_IsAViolation() =>
        Assert.Equal(["consent.online_handling"], ValidDrafts.Validate(ValidDrafts.JudicialConfirmation() with { Consent = Valid with { OnlineHandling = false } }).Fields());

    [Fact]
    public void Consent_WithoutElectronicService_IsAViolation() =>
        Assert.Equal(["consent.electronic_service"], ValidDrafts.Validate(ValidDrafts.JudicialConfirmation() with { Consent = Valid with { ElectronicService = false } }).Fields());

    [Fact]
    public void Consent_WithoutConsentTime_IsAViolation() =>
        Assert.Equal(["consent_time"], ConsentRules.Check(Valid with { ConsentTime = null }, ValidDrafts.Now).Select(v => v.Field));

    [Fact]
    public void Consent_TimeMoreThanFiveMinutesInTheFuture_IsAViolation()
    {
        Assert.Empty(ConsentRules.Check(Valid with { ConsentTime = ValidDrafts.Now.AddMinutes(5) }, ValidDrafts.Now));
        Assert.Equal(["consent_time"], ConsentRules.Check(Valid with { ConsentTime = ValidDrafts.Now.AddMinutes(5).AddSeconds(1) }, ValidDrafts.Now).Select(v => v.Field));
    }

    [Fact]
    public void Consent_Missing_IsAViolation() =>
        Assert.Equal(["consent"], ValidDrafts.Validate(ValidDrafts.MediationDocument() with { Consent = null }).Fields());
}
