using System.CommandLine;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.Cli;

/// <summary>submit, get, list and withdraw: the FilingService from the command line.</summary>
internal static class FilingCommands
{
    public static void AddTo(RootCommand root, GlobalOptions globals, CliContext context)
    {
        root.Add(Submit(globals, context));
        root.Add(Get(globals, context));
        root.Add(List(globals, context));
        root.Add(Withdraw(globals, context));
    }

    private static Command Submit(GlobalOptions globals, CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A SubmitApplicationRequest in proto3 JSON (see samples/)" };
        var refreshDates = new Option<bool>("--refresh-dates")
        {
            Description = "Set the agreement's signing and effective time, the mediation dates and the consent time to now "
                + "(keeps a judicial-confirmation sample inside its 30-day filing window)",
        };
        var idOnly = new Option<bool>("--id-only") { Description = "Print only the application id (for scripts)" };
        var command = new Command("submit", "File an application with a court") { file, refreshDates, idOnly };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var request = ProtoJson.ParseFile<SubmitApplicationRequest>(parseResult.GetRequiredValue(file));
            if (parseResult.GetValue(refreshDates))
            {
                SampleDates.Refresh(request, context.TimeProvider.GetUtcNow());
            }

            using var client = globals.CreateClient(parseResult, context);
            var receipt = await client.Filing.SubmitAsync(request, cancellationToken: ct);
            await context.Out.WriteAsync(
                parseResult.GetValue(idOnly) ? receipt.ApplicationId + Environment.NewLine
                : parseResult.GetValue(globals.Json) ? ProtoJson.Format(receipt) + Environment.NewLine
                : Output.Receipt(receipt));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Get(GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string>("application-id") { Description = "The id on the receipt" };
        var command = new Command(
            "get",
            "Show an application and where it stands; with a court's key (FilingService answers PERMISSION_DENIED) from the CourtService")
        {
            id,
        };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            using var client = globals.CreateClient(parseResult, context);
            var applicationId = parseResult.GetRequiredValue(id);
            Application application;
            try
            {
                application = await client.Filing.GetAsync(applicationId, cancellationToken: ct);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
            {
                application = await client.Courts.GetApplicationAsync(applicationId, cancellationToken: ct);
            }

            await context.Out.WriteAsync(parseResult.GetValue(globals.Json)
                ? ProtoJson.Format(application) + Environment.NewLine
                : Output.Application(application));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(GlobalOptions globals, CliContext context)
    {
        var statuses = CliOptions.Statuses();
        var type = CliOptions.Type();
        var court = new Option<string>("--court") { Description = "Only this court, e.g. 新0102" };
        var pageSize = CliOptions.PageSize("Applications");
        var pageToken = new Option<string>("--page-token") { Description = "Continue a listing from the token a previous page printed" };
        var all = new Option<bool>("--all") { Description = "Fetch every page, not just the first" };

        var command = new Command("list", "List your applications, newest first") { statuses, type, court, pageSize, pageToken, all };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var request = new ListApplicationsRequest
            {
                PageSize = parseResult.GetValue(pageSize),
                PageToken = parseResult.GetValue(pageToken) ?? "",
                Type = parseResult.GetValue(type),
                CourtCode = parseResult.GetValue(court) ?? "",
            };
            request.Statuses.AddRange(parseResult.GetValue(statuses) ?? []);

            using var client = globals.CreateClient(parseResult, context);
            ListApplicationsResponse response;
            if (parseResult.GetValue(all))
            {
                // Collected into one response so --json prints a single document either way.
                response = new ListApplicationsResponse();
                await foreach (var summary in client.Filing.ListAllAsync(request, cancellationToken: ct))
                {
                    response.Applications.Add(summary);
                }
            }
            else
            {
                response = await client.Filing.ListAsync(request, cancellationToken: ct);
            }

            if (parseResult.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(ProtoJson.Format(response));
            }
            else
            {
                Output.WriteTable(context, response);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Withdraw(GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string>("application-id") { Description = "The id on the receipt" };
        var reason = new Option<string>("--reason") { Description = "Why the parties withdraw (up to 2,000 characters)" };
        var command = new Command("withdraw", "Ask the court to permit withdrawal of an application") { id, reason };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            using var client = globals.CreateClient(parseResult, context);
            var application = await client.Filing.WithdrawAsync(
                parseResult.GetRequiredValue(id), parseResult.GetValue(reason), cancellationToken: ct);
            if (parseResult.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(ProtoJson.Format(application));
            }
            else
            {
                await context.Out.WriteLineAsync("Withdrawal requested; the court rules on it (the status changes to WITHDRAWN if permitted).");
                await context.Out.WriteAsync(Output.Application(application));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
