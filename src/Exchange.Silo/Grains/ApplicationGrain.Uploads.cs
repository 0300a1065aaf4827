using Exchange.Domain;

namespace Exchange.Silo.Grains;

/// <summary>
/// Large attachments referenced by hash (common.proto, Attachment.uploaded): a reference must name a
/// file the filing platform uploaded for the application's court, with the size it declares; the
/// event of the act that referenced it records its hash, so the event's stored payload covers it.
/// </summary>
public sealed partial class ApplicationGrain
{
    /// <summary>The detail of an event that lists the uploaded files its act referenced (lower-case hex, comma-separated).</summary>
    public const string UploadedSha256Detail = "uploaded_sha256";

    /// <summary>
    /// Violations of the references among <paramref name="attachments"/>, named under
    /// <paramref name="path"/>; none (and no database call) when nothing references an upload.
    /// </summary>
    private async Task<IReadOnlyList<FieldViolation>> CheckUploadsAsync(string platformId, string courtCode,
        IReadOnlyList<Attachment> attachments, string path)
    {
        var referenced = attachments.Select((a, i) => (Attachment: a, Index: i))
            .Where(x => x.Attachment.Uploaded && x.Attachment.Sha256 is { Length: AttachmentRules.Sha256Length })
            .ToList();
        if (referenced.Count == 0)
        {
            return [];
        }

        var found = await uploads.FindAsync(platformId, [.. referenced.Select(x => x.Attachment.Sha256)]);
        var violations = new List<FieldViolation>();
        foreach (var (attachment, i) in referenced)
        {
            if (!found.TryGetValue(Convert.ToHexStringLower(attachment.Sha256), out var file))
            {
                violations.Add(new($"{path}[{i}].sha256", "names no file this platform uploaded (FilingService.UploadAttachment)"));
            }
            else if (file.CourtCode != courtCode)
            {
                violations.Add(new($"{path}[{i}].sha256", $"the file was uploaded for court {file.CourtCode}, not {courtCode}"));
            }
            else if (file.SizeBytes != attachment.SizeBytes)
            {
                violations.Add(new($"{path}[{i}].size_bytes", $"does not match the uploaded file ({file.SizeBytes} bytes)"));
            }
        }

        return violations;
    }

    /// <summary><paramref name="details"/> with the hashes of the uploaded files <paramref name="attachments"/> reference, if any.</summary>
    private static Dictionary<string, string> WithUploads(Dictionary<string, string> details, IEnumerable<Attachment> attachments)
    {
        var hashes = attachments.Where(a => a.Uploaded).Select(a => Convert.ToHexStringLower(a.Sha256)).Distinct().ToList();
        if (hashes.Count > 0)
        {
            details[UploadedSha256Detail] = string.Join(",", hashes);
        }

        return details;
    }

    private static string AttachmentsPath(ApplicationType type) => type switch
    {
        ApplicationType.JudicialConfirmation => "judicial_confirmation.attachments",
        _ => "mediation_document.attachments",
    };
}
