using System.Text;
using Exchange.Gateway.Services;
using Exchange.Storage.Applications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Exchange.Gateway.CourtConsole;

/// <summary>
/// One material of an application, downloaded: found through CourtOffice.GetAsync (so another
/// court's application answers 404, as the application page does) and read from the store the
/// application grain keeps attachment contents in, by the SHA-256 the application records.
/// </summary>
public sealed class MaterialModel(CourtOffice office, AttachmentContentStore contents) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    /// <summary>The material's place in the application's list of materials.</summary>
    [BindProperty(SupportsGet = true)]
    public int Index { get; set; }

    /// <summary>True when the application records the material but the platform kept the file.</summary>
    public bool KeptByPlatform { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        if (!Guid.TryParseExact(Id, "D", out _)
            || await office.GetAsync(Officer.ToPrincipal(), Id, HttpContext.RequestAborted) is not { } app
            || ApplicationModel.AttachmentsOf(app) is not { } attachments
            || Index < 0 || Index >= attachments.Count)
        {
            return Page();
        }

        var attachment = attachments[Index];
        var content = await contents.ReadAsync(attachment.Sha256.ToByteArray(), HttpContext.RequestAborted);
        if (content is null)
        {
            KeptByPlatform = true;
            return Page();
        }

        Response.StatusCode = StatusCodes.Status200OK;
        // Always a download, never rendered in the console's origin: the media type is the platform's word.
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "sandbox";
        var mediaType = MediaTypeHeaderValue.TryParse(attachment.MediaType, out var parsed) ? parsed.ToString() : "application/octet-stream";
        return File(content, mediaType, SafeFileName(attachment.FileName));
    }

    /// <summary>
    /// The platform's file name without what a file system or a header would take as structure
    /// (folders, control characters, quotes); FileResult then writes it as filename and, for
    /// Chinese names, filename* (RFC 5987, UTF-8).
    /// </summary>
    public static string SafeFileName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name[(name.LastIndexOfAny(['/', '\\']) + 1)..])
        {
            builder.Append(char.IsControl(c) || c is '"' or ':' or '*' or '?' or '<' or '>' or '|' ? '_' : c);
        }

        var safe = builder.ToString().Trim().TrimStart('.');
        return safe.Length > 0 ? safe : "material";
    }
}
