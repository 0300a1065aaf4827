using System.Text;

namespace Exchange.Domain.Tests.Model;

public sealed class CanonicalPayloadTests
{
    [Fact]
    public void CanonicalPayload_EqualContent_GivesEqualHash()
    {
        var a = ValidDrafts.JudicialConfirmation();
        var b = ValidDrafts.JudicialConfirmation();

        Assert.NotSame(a, b);
        Assert.Equal(CanonicalPayload.Sha256Hex(a), CanonicalPayload.Sha256Hex(b));
    }

    [Fact]
    public void CanonicalPayload_IsLowerCaseHexSha256() =>
        Assert.Matches("^[0-9a-f]{64}$", CanonicalPayload.Sha256Hex(ValidDrafts.MediationDocument()));

    [Fact]
    public void CanonicalPayload_SameInstantInAnotherOffset_GivesEqualHash()
    {
        var cst = ValidDrafts.JudicialConfirmation();
        var utc = cst.WithAgreement(a => a with { EffectiveTime = a.EffectiveTime!.Value.ToUniversalTime() });

        Assert.Equal(CanonicalPayload.Sha256Hex(cst), CanonicalPayload.Sha256Hex(utc));
    }

    [Fact]
    public void CanonicalPayload_ExcludesAttachmentContent()
    {
        var withContent = ValidDrafts.JudicialConfirmation();
        var withoutContent = withContent.WithAttachment(0, a => a with { Content = null });

        Assert.Equal(CanonicalPayload.Sha256Hex(withContent), CanonicalPayload.Sha256Hex(withoutContent));
        Assert.DoesNotContain("content", CanonicalPayload.ToCanonicalJson(withContent), StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<ApplicationDraft, ApplicationDraft>> Changes => new()
    {
        { "platform case id", d => d with { PlatformCaseId = d.PlatformCaseId + "x" } },
        { "court", d => d with { CourtCode = "新0103" } },
        { "consent flag", d => d with { Consent = d.Consent! with { ElectronicService = false } } },
        { "consent time", d => d with { Consent = d.Consent! with { ConsentTime = d.Consent.ConsentTime!.Value.AddTicks(1) } } },
        { "type", d => d with { Type = ApplicationType.MediationDocument } },
        { "party side", d => d.WithParty(0, p => p with { Side = PartySide.SideB }) },
        { "party name", d => d.WithParty(0, p => p with { NaturalPerson = p.NaturalPerson! with { Name = "张三丰" } }) },
        { "agent removed", d => d.WithParty(1, p => p with { Agent = null }) },
        { "party order", d => d with { Parties = [d.Parties[1], d.Parties[0]] } },
        { "mediation date", d => d.WithMediation(m => m with { EndDate = new DateOnly(2026, 3, 2) }) },
        { "amount", d => d.WithAgreement(a => a with { Items = a.Items.SetItem(0, a.Items[0] with { AmountFen = 1_200_001 }) }) },
        { "due date removed", d => d.WithAgreement(a => a with { Items = a.Items.SetItem(0, a.Items[0] with { DueDate = null }) }) },
        { "dispute", d => d.WithAgreement(a => a with { DisputeType = DisputeType.Debt }) },
        { "sha256", d => d.WithAttachment(1, a => a with { Sha256 = [.. a.Sha256.Reverse()] }) },
        { "party index 0 vs absent", d => d.WithAttachment(1, a => a with { PartyIndex = 0 }) },
        { "party index -1 vs absent", d => d.WithAttachment(1, a => a with { PartyIndex = -1 }) },
        { "signature removed", d => d.WithAttachment(0, a => a with { Signatures = a.Signatures.RemoveAt(1) }) },
        { "claims", d => d with { Claims = "x" } },
        { "quote in text", d => d.WithMediation(m => m with { MediatorName = m.MediatorName + "\"" }) },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void CanonicalPayload_AnyFieldChange_ChangesTheHash(string change, Func<ApplicationDraft, ApplicationDraft> apply)
    {
        var original = ValidDrafts.JudicialConfirmation();
        Assert.False(string.IsNullOrEmpty(change));
        Assert.NotEqual(CanonicalPayload.Sha256Hex(original), CanonicalPayload.Sha256Hex(apply(original)));
    }

    [Fact]
    public void CanonicalPayload_IsCompactProtoShapedJsonWithFixedFormats()
    {
        var draft = new ApplicationDraft
        {
            PlatformCaseId = "c1",
            CourtCode = "新0102",
            Type = ApplicationType.MediationDocument,
            Agreement = new Agreement { SignedDate = new DateOnly(2026, 3, 1), EffectiveTime = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8)) },
            Claims = "a\"b\\c\nd",
            Attachments = [new Attachment { Kind = AttachmentKind.MediationAgreement, Sha256 = [0xAB, 0x01], PartyIndex = 0, Content = Encoding.UTF8.GetBytes("x") }],
        };

        Assert.Equal(
            """{"platform_case_id":"c1","court_code":"新0102","mediation_document":{"agreement":{"signed_date":"2026-03-01","effective_time":"2026-03-01T00:00:00.0000000Z"},"claims":"a\"b\\c\nd","attachments":[{"kind":1,"sha256":"ab01","party_index":0}]}}""",
            CanonicalPayload.ToCanonicalJson(draft));
    }
}
