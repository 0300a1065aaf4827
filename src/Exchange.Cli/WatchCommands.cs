using System.CommandLine;
using System.Globalization;
using Exchange.Client;
using Exchange.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Exchange.Cli;

/// <summary>watch and updates: the change feed (WatchUpdates, ListUpdates) of a platform or, with --court, a court.</summary>
internal static class WatchCommands
{
    /// <summary>One message per line (proto3 JSON lines), unlike the indented output of the other commands.</summary>
    private static readonly JsonFormatter LineFormatter = new(JsonFormatter.Settings.Default);

    public static void AddTo(RootCommand root, GlobalOptions globals, CliContext context)
    {
        root.Add(Watch(globals, context));
        root.Add(Updates(globals, context));
    }

    private sealed record FeedOptions(Option<bool> Court, Option<ApplicationType[]> Types, Option<ApplicationStatus[]> Statuses, Option<string[]> Ids, Option<bool> StartAtEnd)
    {
        public static FeedOptions Create() => new(
            new Option<bool>("--court") { Description = "Follow the court's feed (CourtService; a court's key) instead of the platform's" },
            CliOptions.Types("--type", "Only these application types"),
            CliOptions.Statuses(),
            new Option<string[]>("--id") { Description = "Only these applications (repeat, or separate with commas; at most 100)", AllowMultipleArgumentsPerToken = true },
            new Option<bool>("--start-at-end") { Description = "With no token: start at the end of the feed (only what happens from now on)" });

        public void AddTo(Command command)
        {
            command.Add(Court);
            command.Add(Types);
            command.Add(Statuses);
            command.Add(Ids);
            command.Add(StartAtEnd);
        }

        public UpdateFilter Filter(ParseResult parseResult)
        {
            var filter = new UpdateFilter();
            filter.ApplicationTypes.AddRange(parseResult.GetValue(Types) ?? []);
            filter.Statuses.AddRange(parseResult.GetValue(Statuses) ?? []);
            filter.ApplicationIds.AddRange((parseResult.GetValue(Ids) ?? [])
                .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            return filter;
        }
    }

    private static Command Watch(GlobalOptions globals, CliContext context)
    {
        var feed = FeedOptions.Create();
        var tokenFile = new Option<string>("--token-file")
        {
            Description = "Keep the resume token in this file: read at start (to continue where the last run stopped), rewritten after every update and heartbeat",
            HelpName = "file",
        };
        var heartbeat = new Option<int>("--heartbeat-seconds") { Description = "Seconds between heartbeats when nothing happens (1–300; default 15)" };
        var command = new Command("watch", "Print updates of your applications (a court's with --court) as they happen, one line each, until interrupted; reconnects and resumes by itself")
        {
            tokenFile,
            heartbeat,
        };
        feed.AddTo(command);
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var path = parseResult.GetValue(tokenFile);
            var json = parseResult.GetValue(globals.Json);
            using var client = globals.CreateClient(parseResult, context);
            var options = new UpdateWatchOptions
            {
                ResumeToken = path is null ? null : ReadToken(path),
                Filter = feed.Filter(parseResult),
                StartAtEnd = parseResult.GetValue(feed.StartAtEnd),
                HeartbeatSeconds = parseResult.GetValue(heartbeat),
            };
            var watcher = parseResult.GetValue(feed.Court) ? client.Courts.WatchUpdates(options) : client.Filing.WatchUpdates(options);
            try
            {
                await foreach (var frame in watcher.WatchAsync(ct))
                {
                    if (frame.Update is { } update)
                    {
                        await context.Out.WriteLineAsync(json ? LineFormatter.Format(update) : Line(update));
                        await context.Out.FlushAsync(ct);
                    }

                    if (path is not null)
                    {
                        SaveToken(path, watcher.ResumeToken);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Interrupted: the normal end of a watch; the token file holds where it stopped.
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
            {
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.OutOfRange && path is not null)
            {
                await context.Error.WriteLineAsync("error: " + ExchangeError.FromException(ex));
                await context.Error.WriteLineAsync($"  hint: the token in {path} has expired: re-list your applications, then delete {path} (or use --start-at-end) and watch again");
                return ExitCodes.Failure;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Updates(GlobalOptions globals, CliContext context)
    {
        var feed = FeedOptions.Create();
        var token = new Option<string>("--token") { Description = "Continue after this resume token (printed by the last page)" };
        var pageSize = new Option<int>("--page-size") { Description = "Updates per page; 0 lets the hub choose (100), at most 1000" };
        var command = new Command("updates", "Print one page of updates of your applications (a court's with --court), oldest first, and the token to continue from")
        {
            token,
            pageSize,
        };
        feed.AddTo(command);
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            using var client = globals.CreateClient(parseResult, context);
            var request = new ListUpdatesRequest
            {
                ResumeToken = parseResult.GetValue(token) ?? "",
                Filter = feed.Filter(parseResult),
                PageSize = parseResult.GetValue(pageSize),
                StartAtEnd = parseResult.GetValue(feed.StartAtEnd),
            };
            var response = parseResult.GetValue(feed.Court)
                ? await client.Courts.ListUpdatesAsync(request, cancellationToken: ct)
                : await client.Filing.ListUpdatesAsync(request, cancellationToken: ct);
            if (parseResult.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(ProtoJson.Format(response));
                return ExitCodes.Ok;
            }

            foreach (var update in response.Updates)
            {
                await context.Out.WriteLineAsync(Line(update));
            }

            await context.Out.WriteLineAsync($"next: --token {response.ResumeToken}{(response.CaughtUp ? "  (caught up)" : "  (more: call again)")}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One update as a line: when, which application and version, what happened, where it stands now.</summary>
    internal static string Line(Update update)
    {
        var time = update.OccurTime?.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
        if (update.Notice is { } notice)
        {
            return $"{time}  NOTICE {ProtoNames.Of(notice.Kind)}  {notice.EndpointUrl}  {notice.Message}";
        }

        var line = $"{time}  {update.ApplicationId}  v{update.Version}  {ProtoNames.Of(update.Kind)} → {ProtoNames.Of(update.StatusAfter)}";
        if (update.CaseNumber.Length > 0)
        {
            line += "  " + update.CaseNumber;
        }

        if (update.Reason.Length > 0)
        {
            line += "  « " + update.Reason + " »";
        }

        return line;
    }

    private static string? ReadToken(string path)
    {
        try
        {
            var token = File.ReadAllText(path).Trim();
            return token.Length == 0 ? null : token;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the token file {path}: {ex.Message}");
        }
    }

    /// <summary>Written beside the file and renamed over it: a crash leaves the old token or the new one, never half of one.</summary>
    internal static void SaveToken(string path, string token)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, token + Environment.NewLine);
        File.Move(temporary, full, overwrite: true);
    }
}
