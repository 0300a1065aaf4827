using System.CommandLine;
using System.Globalization;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.Cli;

/// <summary>
/// `exchange documents …`: the documents the hub issued for an application (rulings, the mediation
/// document), listed and downloaded with a platform's or a court's key.
/// </summary>
internal static class DocumentCommands
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var command = new Command("documents", "The documents the hub issued for an application (民事裁定书, 民事调解书): list and download them (platform or court key)");
        command.Add(List(globals, context));
        command.Add(Download(globals, context));
        return command;
    }

    private static Command List(GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string>("application-id") { Description = "The application" };
        var command = new Command("list", "The application's documents: kind, file name, size, SHA-256, when issued") { id };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            using var client = globals.CreateClient(parseResult, context);
            var application = await GetAsync(client, parseResult.GetRequiredValue(id), ct);
            foreach (var document in application.Documents)
            {
                await context.Out.WriteLineAsync(parseResult.GetValue(globals.Json) ? ProtoJson.Format(document) : Describe(document));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Download(GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string>("application-id") { Description = "The application" };
        var output = new Option<string>("--out")
        {
            Description = "The directory to save them in (default: the current one); each under its file name, e.g. confirmation-ruling.pdf",
            HelpName = "dir",
        };
        var sha256 = new Option<string>("--sha256") { Description = "Only the document with this SHA-256 (default: every document)", HelpName = "hex" };
        var command = new Command(
            "download",
            "Save the application's documents, each checked against the SHA-256 the application lists; prints each file's path")
        {
            id,
            output,
            sha256,
        };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var applicationId = parseResult.GetRequiredValue(id);
            var directory = parseResult.GetValue(output) is { Length: > 0 } given ? given : ".";
            if (!Directory.Exists(directory))
            {
                throw new UsageException($"--out {directory}: no such directory");
            }

            using var client = globals.CreateClient(parseResult, context);
            var (application, court) = await GetWithServiceAsync(client, applicationId, ct);
            var wanted = application.Documents
                .Where(d => parseResult.GetValue(sha256) is not { Length: > 0 } only || string.Equals(d.Sha256, only, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (wanted.Count == 0)
            {
                throw new CommandFailedException(application.Documents.Count == 0
                    ? $"application {applicationId} has no documents yet (status {application.Status})"
                    : $"application {applicationId} has no document with SHA-256 {parseResult.GetValue(sha256)}");
            }

            foreach (var document in wanted)
            {
                var path = Path.Combine(directory, Path.GetFileName(document.FileName));
                var partial = path + ".part";
                // Written aside and moved into place once its hash is checked: a file of that name is always whole.
                try
                {
                    var file = File.Create(partial);
                    await using (file)
                    {
                        await (court
                            ? client.Courts.DownloadDocumentAsync(applicationId, document.Sha256, file, cancellationToken: ct)
                            : client.Filing.DownloadDocumentAsync(applicationId, document.Sha256, file, cancellationToken: ct));
                    }
                }
                catch (Exception ex)
                {
                    File.Delete(partial);
                    if (ex is InvalidDataException)
                    {
                        throw new CommandFailedException(ex.Message);
                    }

                    throw;
                }

                File.Move(partial, path, overwrite: true);
                await context.Out.WriteLineAsync(parseResult.GetValue(globals.Json) ? ProtoJson.Format(document) : $"{path}\t{Describe(document)}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<Application> GetAsync(Exchange.Client.ExchangeClient client, string applicationId, CancellationToken ct) =>
        (await GetWithServiceAsync(client, applicationId, ct)).Application;

    /// <summary>The application through the CourtService, or (a platform's key) the FilingService, as `history` does.</summary>
    private static async Task<(Application Application, bool Court)> GetWithServiceAsync(Exchange.Client.ExchangeClient client, string applicationId, CancellationToken ct)
    {
        try
        {
            return (await client.Courts.GetApplicationAsync(applicationId, cancellationToken: ct), true);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
        {
            return (await client.Filing.GetAsync(applicationId, cancellationToken: ct), false);
        }
    }

    private static string Describe(IssuedDocument d) => string.Create(CultureInfo.InvariantCulture,
        $"{d.Kind}\t{d.FileName}\t{d.SizeBytes:N0} bytes\tsha256 {d.Sha256}\tissued {d.IssueTime.ToDateTimeOffset():yyyy-MM-dd HH:mm:ss}Z");
}
