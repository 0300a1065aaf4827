using System.CommandLine;
using System.Globalization;
using System.Text;
using Exchange.V1;
using Grpc.Core;
using Spectre.Console;

namespace Exchange.Cli;

/// <summary>`exchange callbacks …`: the platform's signed callback endpoint (FilingService, updates.proto "Signed callbacks").</summary>
internal static class CallbackCommands
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var command = new Command("callbacks", "Your signed callback endpoint: the hub POSTs every update of your applications to it (platform key)");
        command.Add(Set(globals, context));
        command.Add(Show(globals, context));
        command.Add(RotateSecret(globals, context));
        command.Add(Delete(globals, context));
        command.Add(Log(globals, context));
        return command;
    }

    private static Command Set(GlobalOptions globals, CliContext context)
    {
        var url = new Argument<string>("url") { Description = "https://…, or http:// to 127.0.0.1, ::1 or localhost (tests)" };
        var fromToken = new Option<string>("--from-token")
        {
            Description = "For a first endpoint: start right after this resume token of your feed (default: the updates from now on)",
        };
        var command = new Command(
            "set",
            "Register or change the endpoint (also resumes a paused one). The first time, prints the signing secret alone on stdout: it is shown once")
        {
            url,
            fromToken,
        };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            using var client = globals.CreateClient(parseResult, context);
            var endpoint = await Filing(client).SetCallbackEndpointAsync(
                new SetCallbackEndpointRequest { Url = parseResult.GetRequiredValue(url), ResumeToken = parseResult.GetValue(fromToken) ?? "" },
                Options(globals, parseResult, context, ct));
            await WriteWithSecretAsync(context, parseResult, globals, endpoint,
                "keep the signing secret printed above: it is not shown again (callbacks rotate-secret makes a new one)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(GlobalOptions globals, CliContext context)
    {
        var command = new Command("show", "Your endpoint and where its deliveries stand (never the secret)");
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            using var client = globals.CreateClient(parseResult, context);
            var endpoint = await Filing(client).GetCallbackEndpointAsync(new GetCallbackEndpointRequest(), Options(globals, parseResult, context, ct));
            await context.Out.WriteAsync(parseResult.GetValue(globals.Json) ? ProtoJson.Format(endpoint) + Environment.NewLine : Describe(endpoint));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command RotateSecret(GlobalOptions globals, CliContext context)
    {
        var command = new Command("rotate-secret", "Make a new signing secret and print it alone on stdout (once); the old one also signs for 24 hours");
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            using var client = globals.CreateClient(parseResult, context);
            var endpoint = await Filing(client).RotateCallbackSecretAsync(new RotateCallbackSecretRequest(), Options(globals, parseResult, context, ct));
            await WriteWithSecretAsync(context, parseResult, globals, endpoint,
                "new signing secret printed above (shown once); requests carry a signature with the old one too for 24 hours");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Delete(GlobalOptions globals, CliContext context)
    {
        var command = new Command("delete", "Stop callbacks and forget the endpoint, its secret and its position");
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            using var client = globals.CreateClient(parseResult, context);
            var endpoint = await Filing(client).DeleteCallbackEndpointAsync(new DeleteCallbackEndpointRequest(), Options(globals, parseResult, context, ct));
            await context.Out.WriteLineAsync(parseResult.GetValue(globals.Json)
                ? ProtoJson.Format(endpoint)
                : $"Deleted the callback endpoint {endpoint.Url} ({endpoint.PendingUpdates} updates were not delivered).");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Log(GlobalOptions globals, CliContext context)
    {
        var pageSize = CliOptions.PageSize("Attempts");
        var pageToken = new Option<string>("--page-token") { Description = "Continue from the token a previous page printed" };
        var all = new Option<bool>("--all") { Description = "Fetch every page, not just the first" };
        var command = new Command("log", "The delivery log, newest first: every attempt, its HTTP status, duration and error") { pageSize, pageToken, all };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            using var client = globals.CreateClient(parseResult, context);
            var filing = Filing(client);
            var request = new ListDeliveriesRequest { PageSize = parseResult.GetValue(pageSize), PageToken = parseResult.GetValue(pageToken) ?? "" };
            var response = await filing.ListDeliveriesAsync(request, Options(globals, parseResult, context, ct));
            if (parseResult.GetValue(all))
            {
                // Collected into one response so --json prints a single document either way.
                while (response.NextPageToken.Length > 0)
                {
                    var next = await filing.ListDeliveriesAsync(
                        new ListDeliveriesRequest { PageSize = request.PageSize, PageToken = response.NextPageToken }, Options(globals, parseResult, context, ct));
                    response.Deliveries.AddRange(next.Deliveries);
                    response.NextPageToken = next.NextPageToken;
                }
            }

            if (parseResult.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(ProtoJson.Format(response));
                return ExitCodes.Ok;
            }

            var table = Output.NewTable(context).AddColumns("time (+08:00)", "event", "attempt", "delivered", "HTTP", "ms", "error");
            foreach (var d in response.Deliveries)
            {
                table.AddRow(
                    Markup.Escape(Output.Time(d.AttemptTime)),
                    Markup.Escape(d.EventId),
                    d.Attempt.ToString(CultureInfo.InvariantCulture),
                    d.Delivered ? "yes" : "no",
                    d.HttpStatus == 0 ? "-" : d.HttpStatus.ToString(CultureInfo.InvariantCulture),
                    d.DurationMs.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(d.Error));
            }

            Output.CreateConsole(context).Write(table);
            if (response.NextPageToken.Length > 0)
            {
                await context.Out.WriteLineAsync($"more: --page-token {response.NextPageToken}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A secret alone on stdout (so SECRET=$(exchange callbacks …) keeps it), the rest on stderr; or the whole answer with --json.</summary>
    private static async Task WriteWithSecretAsync(CliContext context, ParseResult parseResult, GlobalOptions globals, CallbackEndpoint endpoint, string note)
    {
        if (parseResult.GetValue(globals.Json))
        {
            await context.Out.WriteLineAsync(ProtoJson.Format(endpoint));
        }
        else if (endpoint.Secret.Length > 0)
        {
            await context.Out.WriteLineAsync(endpoint.Secret);
            await context.Error.WriteAsync(Describe(endpoint));
            await context.Error.WriteLineAsync(note);
        }
        else
        {
            await context.Out.WriteAsync(Describe(endpoint));
        }
    }

    private static string Describe(CallbackEndpoint endpoint)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"url:             {endpoint.Url}");
        text.AppendLine(CultureInfo.InvariantCulture, $"state:           {endpoint.State.ToString().ToUpperInvariant()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"secret made:     {Output.Time(endpoint.SecretCreateTime)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"pending updates: {endpoint.PendingUpdates}");
        if (endpoint.LastError.Length > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"last error:      {endpoint.LastError}");
            text.AppendLine(CultureInfo.InvariantCulture, $"next attempt:    {Output.Time(endpoint.NextAttemptTime)}");
        }

        return text.ToString();
    }

    // The library has no typed methods for these yet: the generated client over its authenticated invoker.
    private static FilingService.FilingServiceClient Filing(Exchange.Client.ExchangeClient client) => new(client.CallInvoker);

    private static CallOptions Options(GlobalOptions globals, ParseResult parseResult, CliContext context, CancellationToken ct) =>
        new(deadline: globals.Deadline(parseResult, context), cancellationToken: ct);
}
