using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Exchange.V1;
using Google.Protobuf;
using Grpc.Core;
using Spectre.Console;

namespace Exchange.Cli;

/// <summary>
/// docket, history, stats, the court's acts and batch-confirm: the CourtService from the command
/// line, with a court's API key.
/// </summary>
internal static class CourtCommands
{
    public static void AddTo(RootCommand root, GlobalOptions globals, CliContext context)
    {
        root.Add(Docket(globals, context));
        root.Add(History(globals, context));
        root.Add(Stats(globals, context));
        foreach (var act in Acts(globals, context))
        {
            root.Add(act);
        }

        root.Add(BatchConfirm(globals, context));
    }

    private static Command Docket(GlobalOptions globals, CliContext context)
    {
        var statuses = CliOptions.Statuses();
        var type = CliOptions.Type();
        var deadline = new Option<DeadlineState>("--deadline")
        {
            Description = "Only applications in this deadline state: on-time, due-soon, overdue or none (no deadline runs)",
            HelpName = "state",
            CustomParser = result =>
            {
                var token = result.Tokens.Single().Value;
                if (token.Equals("none", StringComparison.OrdinalIgnoreCase))
                {
                    return DeadlineState.NoDeadline;
                }

                if (CliOptions.TryParseEnum<DeadlineState>(token) is { } state)
                {
                    return state;
                }

                result.AddError($"--deadline '{token}' is not a deadline state; one of: on-time, due-soon, overdue, none");
                return DeadlineState.Unspecified;
            },
        };
        var withinDays = new Option<int>("--within-days")
        {
            Description = "The due-soon horizon in days, 1–30 (default 3): DUE_SOON means the nearest deadline closes within it",
            HelpName = "days",
        };
        withinDays.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 30)
            {
                result.AddError("--within-days must be 1–30");
            }
        });
        var platform = new Option<string>("--platform") { Description = "Only this platform's filings", HelpName = "id" };
        var after = CliOptions.Time("--received-after", "Only applications received at or after this time");
        var before = CliOptions.Time("--received-before", "Only applications received before this time");
        var pageSize = CliOptions.PageSize("Applications");
        var pageToken = new Option<string>("--page-token") { Description = "Continue from the token a previous page printed" };
        var all = new Option<bool>("--all") { Description = "Fetch every page, not just the first" };

        var command = new Command(
            "docket",
            "The court's applications, nearest running deadline first (court key): case number, status, next deadline and its state")
        {
            statuses, type, deadline, withinDays, platform, after, before, pageSize, pageToken, all,
        };
        command.Validators.Add(result => CliOptions.RequireRange(result, after, before));
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var request = new ListDocketRequest
            {
                PageSize = parseResult.GetValue(pageSize),
                PageToken = parseResult.GetValue(pageToken) ?? "",
                Type = parseResult.GetValue(type),
                DeadlineState = parseResult.GetValue(deadline),
                DueWithinDays = parseResult.GetValue(withinDays),
                PlatformId = parseResult.GetValue(platform) ?? "",
                ReceivedAfter = parseResult.GetValue(after),
                ReceivedBefore = parseResult.GetValue(before),
            };
            request.Statuses.AddRange(parseResult.GetValue(statuses) ?? []);

            using var client = globals.CreateClient(parseResult, context);
            ListDocketResponse response;
            if (parseResult.GetValue(all))
            {
                // Collected into one response so --json prints a single document either way.
                response = new ListDocketResponse();
                await foreach (var entry in client.Courts.ListAllDocketAsync(request, cancellationToken: ct))
                {
                    response.Entries.Add(entry);
                }
            }
            else
            {
                response = await client.Courts.ListDocketAsync(request, cancellationToken: ct);
            }

            if (parseResult.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(ProtoJson.Format(response));
            }
            else
            {
                CourtOutput.WriteDocket(context, response);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command History(GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string>("application-id") { Description = "The application" };
        var command = new Command(
            "history",
            "The audit trail of an application, oldest first: who did what, when, why. Asks the CourtService (court key) "
            + "and, when that answers PERMISSION_DENIED (platform key), the FilingService")
        {
            id,
        };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var applicationId = parseResult.GetRequiredValue(id);
            using var client = globals.CreateClient(parseResult, context);
            GetHistoryResponse history;
            try
            {
                history = await client.Courts.GetHistoryAsync(applicationId, cancellationToken: ct);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
            {
                history = await client.Filing.GetHistoryAsync(applicationId, cancellationToken: ct);
            }

            if (parseResult.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(ProtoJson.Format(history));
            }
            else
            {
                CourtOutput.WriteHistory(context, applicationId, history);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Stats(GlobalOptions globals, CliContext context)
    {
        var after = CliOptions.Time("--received-after", "Only applications received at or after this time");
        var before = CliOptions.Time("--received-before", "Only applications received before this time");
        var command = new Command(
            "stats",
            "The court's counts by month of receipt, type and status, and how long acceptance and ruling took (court key)")
        {
            after, before,
        };
        command.Validators.Add(result => CliOptions.RequireRange(result, after, before));
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var request = new GetCourtStatisticsRequest
            {
                ReceivedAfter = parseResult.GetValue(after),
                ReceivedBefore = parseResult.GetValue(before),
            };
            using var client = globals.CreateClient(parseResult, context);
            var statistics = await client.Courts.GetCourtStatisticsAsync(request, cancellationToken: ct);
            if (parseResult.GetValue(globals.Json))
            {
                await context.Out.WriteLineAsync(ProtoJson.Format(statistics));
            }
            else
            {
                CourtOutput.WriteStatistics(context, statistics);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static IEnumerable<Command> Acts(GlobalOptions globals, CliContext context)
    {
        var acceptNumber = CaseNumber();
        yield return Act(globals, context, "accept", "Accept a judicial confirmation (受理): RECEIVED → ACCEPTED, with its case number (--case-number, or the hub's next)",
            (client, parseResult, act, ct) =>
            {
                act.CaseNumber = parseResult.GetValue(acceptNumber) ?? "";
                return client.Courts.AcceptApplicationAsync(act, cancellationToken: ct);
            },
            extra: [acceptNumber]);
        yield return Act(globals, context, "confirm", "Rule the mediation agreement valid (裁定调解协议有效): UNDER_REVIEW → CONFIRMED",
            (client, _, act, ct) => client.Courts.ConfirmAgreementAsync(act, cancellationToken: ct));

        var correctionItems = Items();
        var correctionDays = LimitDays();
        yield return Act(globals, context, "request-correction", "Ask the platform, in one notice, for what is missing (补正): RECEIVED → CORRECTION_REQUESTED",
            (client, parseResult, act, ct) => client.Courts.RequestCorrectionAsync(
                new RequestCorrectionRequest { Act = act, Items = { parseResult.GetRequiredValue(correctionItems) }, LimitDays = parseResult.GetValue(correctionDays) },
                cancellationToken: ct),
            extra: [correctionItems, correctionDays]);

        var nonAcceptance = CliOptions.Enum<NonAcceptanceGround>("--ground", "Why (Interp art 355)");
        nonAcceptance.Required = true;
        yield return Act(globals, context, "refuse-acceptance", "Refuse to accept a judicial confirmation (裁定不予受理): RECEIVED → NOT_ACCEPTED",
            (client, parseResult, act, ct) => client.Courts.RefuseAcceptanceAsync(
                new RefuseAcceptanceRequest { Act = act, Ground = parseResult.GetValue(nonAcceptance) }, cancellationToken: ct),
            extra: [nonAcceptance]);

        yield return Act(globals, context, "start-review", "Start the review: ACCEPTED or CASE_REGISTERED → UNDER_REVIEW",
            (client, _, act, ct) => client.Courts.StartReviewAsync(act, cancellationToken: ct));

        var supplementItems = Items();
        var supplementDays = LimitDays();
        yield return Act(globals, context, "request-supplement", "Order supplementary statements or evidence (Interp art 356): UNDER_REVIEW → SUPPLEMENT_REQUESTED",
            (client, parseResult, act, ct) => client.Courts.RequestSupplementAsync(
                new RequestSupplementRequest { Act = act, Items = { parseResult.GetRequiredValue(supplementItems) }, LimitDays = parseResult.GetValue(supplementDays) },
                cancellationToken: ct),
            extra: [supplementItems, supplementDays]);

        var approvedBy = new Option<string>("--approved-by") { Description = "The court president who approved the extension", Required = true, HelpName = "name" };
        yield return Act(globals, context, "extend-review", "Extend the review by 10 days with the president's approval (Prov2011 art 5); once only",
            (client, parseResult, act, ct) => client.Courts.ExtendReviewAsync(
                new ExtendReviewRequest { Act = act, ApprovedBy = parseResult.GetRequiredValue(approvedBy) }, cancellationToken: ct),
            extra: [approvedBy]);

        var rejection = CliOptions.Enum<RejectionGround>("--ground", "Why (Interp art 358; OTHER_REJECTION_GROUND needs --reason)");
        rejection.Required = true;
        yield return Act(globals, context, "reject", "Reject the application (裁定驳回申请): UNDER_REVIEW → REJECTED",
            (client, parseResult, act, ct) => client.Courts.RejectApplicationAsync(
                new RejectApplicationRequest { Act = act, Ground = parseResult.GetValue(rejection) }, cancellationToken: ct),
            extra: [rejection]);

        yield return Act(globals, context, "permit-withdrawal", "Permit the withdrawal the parties asked for (裁定准许撤回): → WITHDRAWN",
            (client, _, act, ct) => client.Courts.PermitWithdrawalAsync(act, cancellationToken: ct));
        yield return Act(globals, context, "treat-as-withdrawn", "Treat a judicial confirmation as withdrawn (按撤回处理, Interp art 357): → DEEMED_WITHDRAWN",
            (client, _, act, ct) => client.Courts.TreatAsWithdrawnAsync(act, cancellationToken: ct),
            reasonRequired: true);
        var registerNumber = CaseNumber();
        yield return Act(globals, context, "register-case", "Register the case of a mediation document application (立案): RECEIVED → CASE_REGISTERED, with its case number (--case-number, or the hub's next)",
            (client, parseResult, act, ct) =>
            {
                act.CaseNumber = parseResult.GetValue(registerNumber) ?? "";
                return client.Courts.RegisterCaseAsync(act, cancellationToken: ct);
            },
            extra: [registerNumber]);
        yield return Act(globals, context, "issue-document", "Issue the mediation document (出具调解书): UNDER_REVIEW → DOCUMENT_ISSUED",
            (client, _, act, ct) => client.Courts.IssueMediationDocumentAsync(act, cancellationToken: ct),
            documentRequired: true);

        var refusal = CliOptions.Enum<DocumentRefusalGround>("--ground", "Why (OTHER_GROUND needs --reason)");
        refusal.Required = true;
        yield return Act(globals, context, "refuse-document", "Refuse to issue a mediation document: UNDER_REVIEW → REFUSED",
            (client, parseResult, act, ct) => client.Courts.RefuseMediationDocumentAsync(
                new RefuseMediationDocumentRequest { Act = act, Ground = parseResult.GetValue(refusal) }, cancellationToken: ct),
            extra: [refusal]);

        yield return Act(globals, context, "record-repudiation", "Record that a party backed out before service (反悔, MSL23 art 102): DOCUMENT_ISSUED → REPUDIATED",
            (client, _, act, ct) => client.Courts.RecordRepudiationAsync(act, cancellationToken: ct),
            reasonRequired: true);
    }

    /// <summary>
    /// One court act: the application id, --officer, --reason, --document-sha256 and
    /// --request-id, plus the act's own options.
    /// </summary>
    private static Command Act(
        GlobalOptions globals,
        CliContext context,
        string name,
        string description,
        Func<ExchangeClient, ParseResult, CourtActRequest, CancellationToken, Task<Application>> perform,
        Option[]? extra = null,
        bool reasonRequired = false,
        bool documentRequired = false)
    {
        var id = new Argument<string>("application-id") { Description = "The application" };
        var officer = new Option<string>("--officer") { Description = "The clerk or judge acting (default: the court's name for its key)", HelpName = "name" };
        var reason = new Option<string>("--reason") { Description = "Why, up to 2,000 characters", HelpName = "text", Required = reasonRequired };
        var document = CliOptions.Sha256("--document-sha256", "SHA-256 of the rendition of the document this act produced (ruling, notice, mediation document)");
        document.Required = documentRequired;
        var requestId = CliOptions.RequestId(ActRunner.RequestIdHelp);
        var command = new Command(name, description) { id, officer, reason, document, requestId };
        foreach (var option in extra ?? [])
        {
            command.Add(option);
        }

        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, () =>
        {
            var act = new CourtActRequest
            {
                ApplicationId = parseResult.GetRequiredValue(id),
                RequestId = parseResult.GetValue(requestId) ?? ActRunner.NewRequestId(),
                OfficerName = parseResult.GetValue(officer) ?? "",
                Reason = parseResult.GetValue(reason) ?? "",
                DocumentSha256 = parseResult.GetValue(document) ?? ByteString.Empty,
            };
            return ActRunner.RunAsync(globals, context, parseResult, act.RequestId, client => perform(client, parseResult, act, ct));
        }));
        return command;
    }

    // Required by a court whose policy says it numbers its own cases; refused by a court the hub numbers.
    private static Option<string> CaseNumber() => new("--case-number")
    {
        Description = "The case number your case-management system issued, e.g. （2026）新0102民特123号 (courts that number their own cases; see the directory's case_numbering)",
        HelpName = "number",
    };

    private static Option<string[]> Items() => new("--item")
    {
        Description = "One thing that is missing or to be supplied (repeat for each, 1–50)",
        HelpName = "text",
        Required = true,
    };

    private static Option<int> LimitDays()
    {
        var option = new Option<int>("--limit-days") { Description = "The time limit in days, 1–30, counted per MSL23 art 85", HelpName = "days", Required = true };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 30)
            {
                result.AddError("--limit-days must be 1–30");
            }
        });
        return option;
    }

    private static Command BatchConfirm(GlobalOptions globals, CliContext context)
    {
        var file = new Argument<string?>("file")
        {
            Description = "Application ids, one a line (blank lines and # comments ignored); - reads standard input",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var allDue = new Option<bool>("--all-due")
        {
            Description = "Confirm every judicial confirmation of the court that is UNDER_REVIEW (the whole docket, all pages)",
        };
        var requestId = CliOptions.RequestId(
            "Base of the chunks' request ids (chunk i gets BASE:i); printed when generated. Re-run with the same base and the "
            + "same FILE to resume: chunks already ruled answer with their first results and nothing is ruled twice");
        var officer = new Option<string>("--officer") { Description = "The judge ruling (default: the court's name for its key)", HelpName = "name" };
        var reason = new Option<string>("--reason") { Description = "Why, up to 2,000 characters", HelpName = "text" };
        var command = new Command(
            "batch-confirm",
            "Rule many judicial confirmations valid, 1,000 per BatchRule call; each is ruled on its own and the failures are listed. "
            + "Exits 1 when any failed")
        {
            file, allDue, requestId, officer, reason,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(file) is null) == !result.GetValue(allDue))
            {
                result.AddError("give either a FILE of application ids (- for standard input) or --all-due");
            }
        });
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var json = parseResult.GetValue(globals.Json);
            var path = parseResult.GetValue(file);
            var listed = path is null ? null : IdList.Load(path, context);
            if (listed is { Count: 0 })
            {
                throw new UsageException($"no application ids in {(path == "-" ? "standard input" : path)}");
            }

            using var client = globals.CreateClient(parseResult, context);
            List<string> ids;
            if (listed is not null)
            {
                ids = [.. listed.Distinct(StringComparer.Ordinal)];
                if (ids.Count < listed.Count)
                {
                    await context.Error.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture, $"note: {listed.Count - ids.Count} id(s) listed more than once; each is ruled once"));
                }
            }
            else
            {
                var due = new ListDocketRequest { PageSize = 500, Type = ApplicationType.JudicialConfirmation, Statuses = { ApplicationStatus.UnderReview } };
                ids = [];
                await foreach (var entry in client.Courts.ListAllDocketAsync(due, cancellationToken: ct))
                {
                    ids.Add(entry.ApplicationId);
                }

                if (ids.Count == 0)
                {
                    await context.Out.WriteLineAsync(json ? ProtoJson.Format(new BatchRuleResponse()) : "Nothing to confirm: no judicial confirmation is UNDER_REVIEW.");
                    return ExitCodes.Ok;
                }
            }

            var baseId = parseResult.GetValue(requestId);
            var chunks = (ids.Count + CourtClient.MaxBatchRuleSize - 1) / CourtClient.MaxBatchRuleSize;
            if (baseId is null)
            {
                baseId = "confirm-" + context.TimeProvider.GetUtcNow().ToOffset(SampleDates.ChinaStandardTime).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)
                    + "-" + RandomNumberGenerator.GetHexString(8, lowercase: true);
                await context.Error.WriteLineAsync(path is null
                    ? $"request id: {baseId}"
                    : $"request id: {baseId} (to resume after an interruption, run again with --request-id {baseId})");
            }

            try
            {
                CourtClient.ValidateBaseRequestId(baseId, chunks);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            var template = new BatchRuleRequest
            {
                RequestId = baseId,
                Ruling = BatchRuling.Confirm,
                OfficerName = parseResult.GetValue(officer) ?? "",
                Reason = parseResult.GetValue(reason) ?? "",
            };
            BatchRuleResponse response;
            try
            {
                response = !json && context.OutIsTerminal
                    ? await WithProgressBarAsync(context, ids.Count, progress => client.Courts.BatchRuleInChunksAsync(template, ids, progress, cancellationToken: ct))
                    : await client.Courts.BatchRuleInChunksAsync(template, ids, cancellationToken: ct);
            }
            catch (BatchRuleChunkException ex)
            {
                await context.Out.WriteAsync(json ? ProtoJson.Format(ex.Completed) + Environment.NewLine : CourtOutput.BatchSummary(ex.Completed, ids.Count, "Confirmed"));
                await context.Error.WriteLineAsync("error: " + ex.Error);
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Chunk {ex.ChunkIndex} (request id {ex.ChunkRequestId}) and the chunks after it were not ruled ({ex.NotRuled.Count} id(s))."));
                await context.Error.WriteLineAsync(path is null
                    ? "Run --all-due again (without this --request-id) to confirm what is still UNDER_REVIEW."
                    : $"Run again with --request-id {baseId} to resume; the chunks already ruled answer with their first results.");
                return ExitCodes.Failure;
            }

            await context.Out.WriteAsync(json ? ProtoJson.Format(response) + Environment.NewLine : CourtOutput.BatchSummary(response, ids.Count, "Confirmed"));
            return response.Failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }

    private static Task<BatchRuleResponse> WithProgressBarAsync(
        CliContext context, int total, Func<IProgress<BatchRuleProgress>, Task<BatchRuleResponse>> run) =>
        Output.CreateConsole(context, interactive: true).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask(Describe(new BatchRuleProgress(0, total, 0)), maxValue: total);
                return await run(new ReportNow(p =>
                {
                    task.Value = p.Done;
                    task.Description = Describe(p);
                }));
            });

    private static string Describe(BatchRuleProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"Confirming {p.Done:N0}/{p.Total:N0}, {p.Failed:N0} failed");

    /// <summary>Reports on the caller's thread: <see cref="Progress{T}"/> would post to the thread pool and could lag the bar.</summary>
    private sealed class ReportNow(Action<BatchRuleProgress> report) : IProgress<BatchRuleProgress>
    {
        public void Report(BatchRuleProgress value) => report(value);
    }
}

/// <summary>How a single act or answer runs: a request id always, so the client's own retries are idempotent.</summary>
internal static class ActRunner
{
    public const string RequestIdHelp =
        "Idempotency key (1–64 of A–Z a–z 0–9 - _ . :); repeating the command with it changes nothing and shows the application as it is now. "
        + "Default: a fresh one, printed when the outcome is unknown";

    public static string NewRequestId() => "cli-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Runs <paramref name="perform"/> and prints the application. When the hub's answer was lost
    /// (DEADLINE_EXCEEDED, or UNAVAILABLE after the retries) the act may or may not have been
    /// done: the request id lets the user find out by repeating it, without acting twice.
    /// </summary>
    public static async Task<int> RunAsync(
        GlobalOptions globals, CliContext context, ParseResult parseResult, string requestId, Func<ExchangeClient, Task<Application>> perform)
    {
        using var client = globals.CreateClient(parseResult, context);
        Application application;
        try
        {
            application = await perform(client);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Unavailable)
        {
            await context.Error.WriteLineAsync("error: " + ExchangeError.FromException(ex));
            await context.Error.WriteLineAsync(
                $"If it may have gone through, repeat the command with --request-id {requestId}: the hub then answers with its outcome and does not act twice.");
            return ExitCodes.Failure;
        }

        await context.Out.WriteAsync(parseResult.GetValue(globals.Json)
            ? ProtoJson.Format(application) + Environment.NewLine
            : Output.Application(application));
        return ExitCodes.Ok;
    }
}
