using System.CommandLine;
using System.Globalization;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.Cli;

/// <summary>
/// exchange attachments upload|download: large attachments (attachments.proto), streamed to and
/// from the hub a chunk at a time.
/// </summary>
internal static class AttachmentCommands
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var command = new Command("attachments",
            "Files bigger than the 1 MiB a filing carries inline: upload one (then reference it from a filing by its SHA-256 with \"uploaded\": true), download one");
        command.Add(Upload(globals, context));
        command.Add(Download(globals, context));
        return command;
    }

    private static Command Upload(GlobalOptions globals, CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The file to upload" };
        var court = new Option<string>("--court") { Description = "The court it is for, e.g. 新0102 (its size limit applies; only its filings may reference it)", Required = true };
        var mediaType = new Option<string>("--media-type") { Description = "IANA media type; by default from the file's extension (.pdf, .jpg, .png; else application/octet-stream)" };
        var name = new Option<string>("--name") { Description = "The file name the hub records; by default the file's own" };
        var command = new Command("upload",
            "Upload a file (UploadAttachment) and print its SHA-256 (hex) alone on stdout; raise --timeout for a large file over a slow link")
        {
            file, court, mediaType, name,
        };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var path = parseResult.GetRequiredValue(file);
            FileStream content;
            try
            {
                content = File.OpenRead(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"{path}: {ex.Message}");
            }

            await using (content)
            {
                using var client = globals.CreateClient(parseResult, context);
                var uploaded = await client.Filing.UploadAttachmentAsync(content,
                    parseResult.GetValue(name) ?? Path.GetFileName(path),
                    parseResult.GetValue(mediaType) ?? MediaTypeOf(path),
                    parseResult.GetRequiredValue(court),
                    globals.Deadline(parseResult, context), ct);
                if (parseResult.GetValue(globals.Json))
                {
                    await context.Out.WriteLineAsync(ProtoJson.Format(uploaded));
                }
                else
                {
                    await context.Out.WriteLineAsync(Convert.ToHexStringLower(uploaded.Sha256.Span));
                    await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"Uploaded {uploaded.FileName} ({uploaded.SizeBytes} bytes, {uploaded.MediaType}) for court {uploaded.CourtCode}."));
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Download(GlobalOptions globals, CliContext context)
    {
        var sha256 = new Argument<string>("sha256") { Description = "The file's SHA-256, 64 hex digits" };
        var output = new Option<string>("--out") { Description = "Where to write it (written beside as <out>.part, renamed once its hash is checked)", Required = true, HelpName = "file" };
        var application = new Option<string>("--application")
        {
            Description = "The application that references it (required with a court's key; a platform downloads its own uploads without it)",
            HelpName = "id",
        };
        var command = new Command("download", "Download an uploaded file (DownloadAttachment), checked against its SHA-256; with a court's key from the CourtService")
        {
            sha256, output, application,
        };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var hex = parseResult.GetRequiredValue(sha256);
            byte[] hash;
            try
            {
                hash = Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                throw new UsageException($"'{hex}' is not a SHA-256 in hex");
            }

            if (hash.Length != 32)
            {
                throw new UsageException($"'{hex}' is not a SHA-256 (64 hex digits)");
            }

            var path = parseResult.GetRequiredValue(output);
            var partial = path + ".part";
            var applicationId = parseResult.GetValue(application);
            using var client = globals.CreateClient(parseResult, context);
            UploadedAttachment downloaded;
            try
            {
                downloaded = await DownloadToAsync(partial, destination => client.Filing.DownloadAttachmentAsync(hash, destination, applicationId,
                    globals.Deadline(parseResult, context), ct));
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
            {
                // A court's key: the CourtService serves what its applications reference.
                downloaded = await DownloadToAsync(partial, destination => client.Courts.DownloadAttachmentAsync(applicationId ?? "", hash, destination,
                    globals.Deadline(parseResult, context), ct));
            }

            File.Move(partial, path, overwrite: true);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {path}: {downloaded.FileName} ({downloaded.SizeBytes} bytes, {downloaded.MediaType}), SHA-256 checked."));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<UploadedAttachment> DownloadToAsync(string path, Func<Stream, Task<UploadedAttachment>> download)
    {
        FileStream destination;
        try
        {
            destination = File.Create(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: {ex.Message}");
        }

        try
        {
            await using (destination)
            {
                return await download(destination);
            }
        }
        catch (InvalidDataException ex)
        {
            File.Delete(path);
            throw new CommandFailedException(ex.Message);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private static string MediaTypeOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".PDF" => "application/pdf",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".PNG" => "image/png",
        _ => "application/octet-stream",
    };
}
