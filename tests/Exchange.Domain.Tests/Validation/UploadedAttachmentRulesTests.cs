using System.Security.Cryptography;
using System.Text;

namespace Exchange.Domain.Tests.Validation;

/// <summary>Large attachments: an uploaded file referenced by hash, and the header of an upload.</summary>
public sealed class UploadedAttachmentRulesTests
{
    private static readonly byte[] Hash = SHA256.HashData(Encoding.UTF8.GetBytes("scan"));

    private static Attachment Reference(long size) => new()
    {
        Kind = AttachmentKind.OtherMaterial, FileName = "scan.pdf", MediaType = "application/pdf", SizeBytes = size, Sha256 = Hash, Uploaded = true,
    };

    private static string[] Fields(Attachment attachment) => [.. AttachmentRules.Check(attachment, 2).Select(v => v.Field)];

    [Fact]
    public void UploadedReference_OverTwentyMebibytes_IsAllowed_TheCourtsLimitWasAppliedAtUpload() =>
        Assert.Empty(Fields(Reference(50L * 1024 * 1024)));

    [Fact]
    public void NotUploaded_OverTwentyMebibytes_IsStillAViolation() =>
        Assert.Equal(["size_bytes"], Fields(Reference(50L * 1024 * 1024) with { Uploaded = false }));

    [Fact]
    public void UploadedReference_WithInlineContent_IsAViolationOfContent() =>
        Assert.Equal(["content"], Fields(Reference(4) with { Content = Encoding.UTF8.GetBytes("scan") }));

    [Fact]
    public void UploadedReference_OfNoBytes_IsAViolationOfSize() =>
        Assert.Equal(["size_bytes"], Fields(Reference(0)));

    [Fact]
    public void UploadHeader_Valid_HasNoViolations_AndTheLimitIsInclusive()
    {
        Assert.Empty(AttachmentRules.CheckUpload(Hash, 100, "scan.pdf", "application/pdf", "新0102", courtLimit: 100));
        Assert.False(AttachmentRules.IsOverLimit(100, 100));
        Assert.True(AttachmentRules.IsOverLimit(101, 100));
    }

    [Fact]
    public void UploadHeader_EveryFieldWrong_NamesEachUnderHeader()
    {
        var fields = AttachmentRules.CheckUpload(new byte[31], 0, "", "x", "新0199", courtLimit: null).Select(v => v.Field);
        Assert.Equal(["header.sha256", "header.size_bytes", "header.file_name", "header.media_type", "header.court_code"], fields);
    }

    [Fact]
    public void CanonicalPayload_OfAnAttachmentNotUploaded_IsWhatItWas_AndUploadedChangesIt()
    {
        var draft = ValidDrafts.JudicialConfirmation();
        var uploaded = draft with { Attachments = [.. draft.Attachments.Select((a, i) => i == 0 ? a with { Uploaded = true } : a)] };

        Assert.DoesNotContain("uploaded", CanonicalPayload.ToCanonicalJson(draft), StringComparison.Ordinal);
        Assert.NotEqual(CanonicalPayload.Sha256Hex(draft), CanonicalPayload.Sha256Hex(uploaded));
    }
}
