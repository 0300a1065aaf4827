using System.Text;

namespace Exchange.Domain.Tests.Validation;

public sealed class AttachmentRulesTests
{
    private static Attachment Valid => ValidDrafts.InlineFile(AttachmentKind.OtherMaterial, "a.pdf", Encoding.UTF8.GetBytes("content"));

    private static string[] Fields(Attachment attachment, int partyCount = 2) =>
        [.. AttachmentRules.Check(attachment, partyCount).Select(v => v.Field)];

    [Fact]
    public void Attachment_Valid_HasNoViolations() => Assert.Empty(Fields(Valid));

    [Fact]
    public void Attachment_ContentNotMatchingSha256_IsAViolation()
    {
        var violation = Assert.Single(AttachmentRules.Check(Valid with { Content = Encoding.UTF8.GetBytes("CONTENT") }, 2));
        Assert.Equal("sha256", violation.Field);
        Assert.Equal("content does not match sha256", violation.Description);
    }

    [Fact]
    public void Attachment_ContentLengthNotMatchingSizeBytes_IsAViolation() =>
        Assert.Equal(["size_bytes"], Fields(Valid with { SizeBytes = 8 }));

    [Fact]
    public void Attachment_InlineContentOverOneMebibyte_IsAViolation()
    {
        var big = new byte[AttachmentRules.MaxInlineBytes + 1];
        Assert.Equal(["content"], Fields(ValidDrafts.InlineFile(AttachmentKind.OtherMaterial, "big.pdf", big)));
    }

    [Fact]
    public void Attachment_EmptyContent_CountsAsAbsent() =>
        Assert.Empty(Fields(Valid with { Content = [], SizeBytes = 10_000 }));

    [Theory]
    [InlineData(0L)]
    [InlineData(20L * 1024 * 1024 + 1)]
    public void Attachment_SizeOutsideOneByteToTwentyMebibytes_IsAViolation(long size) =>
        Assert.Equal(["size_bytes"], Fields(Valid with { Content = null, SizeBytes = size }));

    [Fact]
    public void Attachment_SizeOfExactlyTwentyMebibytes_IsAllowed() =>
        Assert.Empty(Fields(Valid with { Content = null, SizeBytes = AttachmentRules.MaxSizeBytes }));

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Attachment_Sha256NotThirtyTwoBytes_IsAViolation(int length) =>
        Assert.Equal(["sha256"], Fields(Valid with { Content = null, Sha256 = new byte[length] }));

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void Attachment_PartyIndexOutOfRange_IsAViolation(int index) =>
        Assert.Equal(["party_index"], Fields(Valid with { PartyIndex = index }));

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Attachment_PartyIndexMinusOneOrInRange_IsAllowed(int index) =>
        Assert.Empty(Fields(Valid with { PartyIndex = index }));

    [Fact]
    public void Attachment_MoreThanTwentySignatures_IsAViolation()
    {
        var signature = new Signature { Signer = "张三", Method = "seal" };
        Assert.Equal(["signatures"], Fields(Valid with { Signatures = [.. Enumerable.Repeat(signature, 21)] }));
    }

    [Fact]
    public void Attachment_SignatureLimits_AreChecked() =>
        Assert.Equal(
            ["signatures[0].signer", "signatures[0].method"],
            Fields(Valid with { Signatures = [new Signature { Signer = "", Method = new string('m', 33) }] }));

    [Fact]
    public void Attachment_RequiredFields_AreChecked() =>
        Assert.Equal(
            ["kind", "file_name", "media_type"],
            Fields(Valid with { Kind = AttachmentKind.Unspecified, FileName = "", MediaType = "ab" }));

    [Fact]
    public void Attachment_ViolationsAreReportedWithIndexedPath()
    {
        var draft = ValidDrafts.JudicialConfirmation().WithAttachment(0, a => a with { Content = Encoding.UTF8.GetBytes("tampered!") });

        var outcome = ValidDrafts.Validate(draft);

        Assert.Equal(["judicial_confirmation.attachments[0].size_bytes", "judicial_confirmation.attachments[0].sha256"], outcome.Fields());
    }

    [Fact]
    public void Attachments_MoreThanFifty_IsAViolation()
    {
        var draft = ValidDrafts.MediationDocument();
        draft = draft with { Attachments = [.. draft.Attachments, .. Enumerable.Repeat(draft.Attachments[2], 48)] };

        Assert.Equal(["mediation_document.attachments"], ValidDrafts.Validate(draft).Fields());
    }
}
