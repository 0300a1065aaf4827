using System.CommandLine;
using System.Globalization;
using Exchange.Client;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.Cli;

/// <summary>
/// verify: recomputes an application's hash chain from its history (GetHistory) and checks it against
/// the head the hub reports (GetApplication) and any heads the caller kept (a receipt's, an update's).
/// </summary>
internal static class VerifyCommand
{
    public static void AddTo(RootCommand root, GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string>("application-id") { Description = "The application" };
        var heads = new Option<string[]>("--head")
        {
            Description = "A head kept earlier, as VERSION:SHA256 (an update's version and event_sha256; a receipt's head is version 1); repeatable",
            HelpName = "version:sha256",
            AllowMultipleArgumentsPerToken = false,
        };
        heads.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (ParseHead(token.Value) is null)
                {
                    result.AddError($"--head '{token.Value}' is not VERSION:SHA256 (a version from 1 and 64 hex digits)");
                }
            }
        });
        var command = new Command(
            "verify",
            "Recomputes the application's hash chain from its history and reports the first event where it breaks "
            + "(exit code 3), or that it holds. Court key or platform key")
        {
            id,
            heads,
        };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var applicationId = parseResult.GetRequiredValue(id);
            using var client = globals.CreateClient(parseResult, context);
            Application application;
            GetHistoryResponse history;
            try
            {
                application = await client.Courts.GetApplicationAsync(applicationId, cancellationToken: ct);
                history = await client.Courts.GetHistoryAsync(applicationId, cancellationToken: ct);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
            {
                application = await client.Filing.GetAsync(applicationId, cancellationToken: ct);
                history = await client.Filing.GetHistoryAsync(applicationId, cancellationToken: ct);
            }

            // The history is read after the application, so it holds at least the application's version.
            var kept = (parseResult.GetValue(heads) ?? []).Select(h => ParseHead(h)!.Value).ToList();
            kept.Add((application.Version, application.ChainHeadSha256));
            kept.Add((1, application.Receipt?.ChainHeadSha256 ?? ""));
            var result = HistoryChain.Verify(applicationId, history.Events, kept);
            if (result.FirstBreak is { } broken)
            {
                await context.Error.WriteLineAsync(
                    $"{applicationId}: chain broken at event {broken.Sequence}: {broken.Field} expected {broken.Expected}, found {broken.Found}");
                return ExitCodes.ChainBroken;
            }

            await context.Out.WriteLineAsync(
                $"{applicationId}: chain intact, {result.Events} events, head {result.HeadSha256} (version {application.Version})");
            return ExitCodes.Ok;
        }));
        root.Add(command);
    }

    private static (long Version, string Head)? ParseHead(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            return null;
        }

        var head = text[(colon + 1)..];
        return head.Length == 64 && head.All(char.IsAsciiHexDigit) ? (version, head.ToLowerInvariant()) : null;
    }
}
