using System.Security.Cryptography;

namespace Exchange.Domain;

/// <summary>
/// The limits of one attachment (common.proto, Attachment). Violations name fields relative to the
/// attachment ("size_bytes", "signatures[0].signer"); the validator adds the attachment's path.
/// </summary>
public static class AttachmentRules
{
    /// <summary>Most attachments per application.</summary>
    public const int MaxCount = 50;

    /// <summary>Largest file: 20 MiB.</summary>
    public const long MaxSizeBytes = 20L * 1024 * 1024;

    /// <summary>Largest inline content: 1 MiB (the whole request must stay under 4 MiB).</summary>
    public const int MaxInlineBytes = 1024 * 1024;

    /// <summary>Length of a SHA-256 digest.</summary>
    public const int Sha256Length = 32;

    /// <summary>Most signatures per file.</summary>
    public const int MaxSignatures = 20;

    /// <summary>Largest chunk of an UploadAttachment stream: 1 MiB.</summary>
    public const int MaxUploadChunkBytes = 1024 * 1024;

    /// <summary>
    /// Checks the header of an upload (attachments.proto, UploadAttachmentHeader); fields are named
    /// "header.…". <paramref name="courtLimit"/> is the court's max_attachment_bytes, null when the hub
    /// does not serve the court. A size over the limit is not among these violations:
    /// see <see cref="IsOverLimit"/>, which has its own reason.
    /// </summary>
    public static IReadOnlyList<FieldViolation> CheckUpload(byte[] sha256, long sizeBytes, string fileName, string mediaType,
        string courtCode, long? courtLimit)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var found = new List<FieldViolation>();
        void Add(string field, string? description)
        {
            if (description is not null)
            {
                found.Add(new FieldViolation("header." + field, description));
            }
        }

        Add("sha256", sha256.Length != Sha256Length ? $"must be exactly {Sha256Length} bytes (has {sha256.Length})" : null);
        Add("size_bytes", sizeBytes < 1 ? "must be at least 1 byte" : null);
        Add("file_name", TextLimits.Required(fileName, 255));
        Add("media_type", TextLimits.Required(mediaType, 127, min: 3));
        Add("court_code", string.IsNullOrEmpty(courtCode) ? "is required"
            : courtLimit is null ? $"'{courtCode}' is not a court the hub serves"
            : null);
        return found;
    }

    /// <summary>Whether a declared size is over the court's attachment limit.</summary>
    public static bool IsOverLimit(long sizeBytes, long courtLimit) => sizeBytes > courtLimit;

    /// <summary>
    /// Checks one attachment. <paramref name="partyCount"/> bounds party_index. Content that is null
    /// or empty counts as absent (proto3 cannot tell an empty bytes field from a missing one); present
    /// content must be within 1 MiB and match size_bytes and sha256, which the hub verifies on receipt.
    /// </summary>
    public static IReadOnlyList<FieldViolation> Check(Attachment attachment, int partyCount)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var found = new List<FieldViolation>();
        void Add(string field, string? description)
        {
            if (description is not null)
            {
                found.Add(new FieldViolation(field, description));
            }
        }

        Add("kind", EnumRules.Check(attachment.Kind));
        Add("file_name", TextLimits.Required(attachment.FileName, 255));
        Add("media_type", TextLimits.Required(attachment.MediaType, 127, min: 3));
        // An uploaded file's size was held to its court's limit when it was uploaded; the hub checks
        // that it matches the upload (the application grain, which can read it).
        Add("size_bytes", attachment.Uploaded
            ? attachment.SizeBytes < 1 ? "must be at least 1 byte" : null
            : attachment.SizeBytes is < 1 or > MaxSizeBytes ? $"must be 1 to {MaxSizeBytes} bytes (20 MiB)"
            : null);

        var sha256 = attachment.Sha256 ?? [];
        Add("sha256", sha256.Length == 0 ? "is required"
            : sha256.Length != Sha256Length ? $"must be exactly {Sha256Length} bytes (has {sha256.Length})"
            : null);

        var content = attachment.Content;
        if (content is { Length: > 0 } && attachment.Uploaded)
        {
            Add("content", "must be empty when uploaded is true: the uploaded file is the content");
        }
        else if (content is { Length: > 0 })
        {
            if (content.Length > MaxInlineBytes)
            {
                Add("content", $"inline content must be at most {MaxInlineBytes} bytes (1 MiB); send larger files' hashes only");
            }
            else
            {
                Add("size_bytes", content.Length != attachment.SizeBytes
                    ? $"does not match the length of content ({content.Length} bytes)"
                    : null);
                Add("sha256", sha256.Length == Sha256Length && !SHA256.HashData(content).AsSpan().SequenceEqual(sha256)
                    ? "content does not match sha256"
                    : null);
            }
        }

        if (attachment.PartyIndex is { } index && index != -1 && (index < 0 || index >= partyCount))
        {
            Add("party_index", $"must be -1 or an index into the party list (0–{partyCount - 1})");
        }

        var signatures = attachment.Signatures;
        Add("signatures", signatures.Length > MaxSignatures ? $"at most {MaxSignatures} signatures are allowed (has {signatures.Length})" : null);
        for (var i = 0; i < signatures.Length; i++)
        {
            Add($"signatures[{i}].signer", TextLimits.Required(signatures[i].Signer, 200));
            Add($"signatures[{i}].method", TextLimits.Required(signatures[i].Method, 32));
        }

        return found;
    }
}
