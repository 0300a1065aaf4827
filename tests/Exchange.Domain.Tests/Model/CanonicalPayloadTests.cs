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

    // The fingerprint is a contract (receipts carry it, idempotency compares it with stored ones):
    // these pin it for whole drafts, so a change to how the canonical form is written shows here
    // (a change to ValidDrafts changes them too: then recompute them with the unchanged writer).
    [Fact]
    public void CanonicalPayload_HashOfTheSampleDrafts_IsPinned()
    {
        Assert.Equal("c11ad9a0f72aa9aef4fe69a13a81bce71f47bf228daab62e01beb5cb5aa50113", CanonicalPayload.Sha256Hex(ValidDrafts.JudicialConfirmation()));
        Assert.Equal("0fafd08c317ccd7cdebf28d8d72e979ff07b96426a4822541549740e17516eef", CanonicalPayload.Sha256Hex(ValidDrafts.MediationDocument()));
    }

    [Fact]
    public void CanonicalPayload_HashOfEscapesAndUnusualValues_IsPinned()
    {
        var draft = ValidDrafts.MediationDocument() with
        {
            // Every escaped character, characters of one to four UTF-8 bytes, a lone surrogate
            // (written as U+FFFD's bytes, as UTF-8 cannot hold it), and a text long enough to
            // outgrow any first buffer.
            Claims = "\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f é 中 😀 \ud800 x\udc00",
            Facts = string.Concat(Enumerable.Repeat("调解协议内容 agreement text 😀; ", 4_000)),
        };
        draft = draft.WithAgreement(a => a with { Items = a.Items.SetItem(0, a.Items[0] with { AmountFen = long.MinValue, ObligorPartyIndex = -7 }) });
        draft = draft.WithAttachment(1, a => a with { PartyIndex = int.MinValue, SizeBytes = long.MaxValue });

        Assert.Equal("652040e7a366c26b80c9ea5828229b0c19f98919210d5cefa707c3e57278cd45", CanonicalPayload.Sha256Hex(draft));
        Assert.Equal("973dc4d114583e6e1a112cae702318a566e348d7bdc0682e42d8f1705649f7e8", CanonicalPayload.Sha256Hex(new ApplicationDraft { Type = (ApplicationType)(-3), PlatformCaseId = "\u00e9" }));
    }

    [Fact]
    public void CanonicalPayload_EmptyMessagesAndElements_KeepTheirSeparators()
    {
        var draft = new ApplicationDraft
        {
            PlatformCaseId = "e",
            Consent = new OnlineConsent(),
            Type = ApplicationType.JudicialConfirmation,
            Parties = [null!, new Party()],
            Agreement = new Agreement { Items = [new AgreementItem(), new AgreementItem { AmountFen = 1 }] },
        };

        Assert.Equal(
            """{"platform_case_id":"e","consent":{},"judicial_confirmation":{"applicants":[{},{}],"agreement":{"items":[{},{"amount_fen":1}]}}}""",
            CanonicalPayload.ToCanonicalJson(draft));
    }
}
