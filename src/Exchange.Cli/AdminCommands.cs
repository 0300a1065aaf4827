using System.CommandLine;
using System.Globalization;
using Exchange.V1;
using Google.Protobuf;
using Grpc.Core;
using Spectre.Console;

namespace Exchange.Cli;

/// <summary>
/// exchange admin …: the hub's AdminService with an admin key (--admin-key or $EXCHANGE_ADMIN_KEY),
/// one command per method. The hub checks every value (ids, court codes, key prefixes); the CLI
/// sends what it is given and prints the hub's answer or refusal.
/// </summary>
internal static class AdminCommands
{
    private const string IssuedKeyNote = "it is shown only once — the hub keeps only its SHA-256. Store it now.";

    public static Command Create(GlobalOptions globals, CliContext context)
    {
        // No DefaultValueFactory: --help prints defaults, and this one would print the key.
        var adminKey = new Option<string>("--admin-key")
        {
            Description = "An admin key of the hub (default: $EXCHANGE_ADMIN_KEY); ./run.sh keeps the first one in .exchange/admin-key",
            Recursive = true,
        };
        var admin = new Command(
            "admin",
            "Administer the hub through its AdminService with an admin key: register and revoke platforms, issue keys to courts, "
            + "platforms and operators, list and revoke keys, keep the courts and the holiday calendar, add officers to a court's console. Keys are printed once, to stdout alone "
            + "(KEY=$(exchange admin …))")
        {
            adminKey,
        };
        var run = new AdminRunner(globals, adminKey, context);
        admin.Add(Bootstrap(globals, context));
        admin.Add(RegisterPlatform(run));
        admin.Add(ListPlatforms(run));
        admin.Add(RevokePlatform(run));
        admin.Add(TlsCommands.BindCertificate(run));
        admin.Add(RegisterCourt(run));
        admin.Add(IssueKey(run));
        admin.Add(ListKeys(run));
        admin.Add(RevokeKey(run));
        admin.Add(Courts(run));
        admin.Add(PutCourt(run));
        admin.Add(HolidayYears(run));
        admin.Add(PutHolidayYear(run));
        admin.Add(CalendarCommands.Create(run));
        admin.Add(OfficerCommands.Create(run));
        return admin;
    }

    private static Command Bootstrap(GlobalOptions globals, CliContext context)
    {
        var name = new Option<string>("--name") { Description = "Who holds the first admin key (default: \"hub operators\")" };
        var command = new Command(
            "bootstrap",
            "Issue the hub's first admin key (no key needed): only once per hub, and only on the gateway's own machine. "
            + "./run.sh does it on a new hub's first start")
        {
            name,
        };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            using var hub = globals.CreateUnauthenticated(parseResult, context);
            IssuedKey issued;
            try
            {
                issued = await new AdminService.AdminServiceClient(hub.Invoker).BootstrapAsync(
                    new BootstrapRequest { DisplayName = parseResult.GetValue(name) ?? "" },
                    deadline: globals.Deadline(parseResult, context),
                    cancellationToken: ct);
            }
            catch (RpcException ex) when (ExchangeError.FromException(ex).Reason is "ALREADY_BOOTSTRAPPED" or "NOT_LOOPBACK")
            {
                var error = ExchangeError.FromException(ex);
                await context.Error.WriteLineAsync("error: " + error);
                await context.Error.WriteLineAsync(error.Reason == "ALREADY_BOOTSTRAPPED"
                    ? "This hub has (or had) an admin key; bootstrap works once. Use that key (./run.sh keeps it in .exchange/admin-key), "
                      + "or ask the hub's operators to issue you one: exchange admin issue-key --kind admin --principal YOUR-ID"
                    : "Bootstrap is answered only on the gateway's own machine: run it there, against its loopback address.");
                return ExitCodes.Failure;
            }

            await PrintIssuedAsync(context, parseResult.GetValue(globals.Json), issued, issued, "Bootstrapped the hub: its first admin key");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command RegisterPlatform(AdminRunner run)
    {
        var id = new Option<string>("--id") { Description = "The platform's id, 1–64 characters of A–Z a–z 0–9 . _ - (never reused)", Required = true };
        var name = new Option<string>("--name") { Description = "The platform's name, e.g. 天山调解平台", Required = true };
        var requestId = RequestId();
        var command = new Command("register-platform", "Register a mediation platform and print its first API key") { id, name, requestId };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var answer = await admin.RegisterPlatformAsync(
                new RegisterPlatformRequest { RequestId = request, PlatformId = parseResult.GetRequiredValue(id), DisplayName = parseResult.GetRequiredValue(name) },
                options);
            await PrintIssuedAsync(run.Context, run.Json(parseResult), answer, answer.IssuedKey,
                $"Registered platform {answer.Platform.PlatformId} ({answer.Platform.DisplayName}): its API key");
        });
        return command;
    }

    private static Command ListPlatforms(AdminRunner run)
    {
        var includeRevoked = new Option<bool>("--include-revoked") { Description = "Also list revoked platforms" };
        var (pageSize, pageToken, all) = PagingOptions("Platforms");
        var command = new Command("list-platforms", "The registered platforms, by id") { includeRevoked, pageSize, pageToken, all };
        run.Query(command, async (admin, parseResult, options) =>
        {
            var request = new ListPlatformsRequest
            {
                IncludeRevoked = parseResult.GetValue(includeRevoked),
                PageSize = parseResult.GetValue(pageSize),
                PageToken = parseResult.GetValue(pageToken) ?? "",
            };
            var response = await PagesAsync(
                parseResult.GetValue(all),
                request,
                r => admin.ListPlatformsAsync(r, options()).ResponseAsync,
                (first, next) => first.Platforms.Add(next.Platforms),
                r => r.NextPageToken,
                (r, token) => r.NextPageToken = token,
                (r, token) => r.PageToken = token);
            await run.WriteListAsync(parseResult, response, "list-platforms", response.NextPageToken, "platform(s)",
                ["platform id", "name", "registered (+08:00)", "revoked (+08:00)"],
                response.Platforms.Select(p => new[] { p.PlatformId, p.DisplayName, Output.Time(p.CreateTime), Output.Time(p.RevokeTime) }));
        });
        return command;
    }

    private static Command RevokePlatform(AdminRunner run)
    {
        var id = new Option<string>("--id") { Description = "The platform's id", Required = true };
        var requestId = RequestId();
        var command = new Command(
            "revoke-platform",
            "Revoke a platform and every key it holds (its calls fail with UNAUTHENTICATED; its applications stay; its id is never reused)")
        {
            id, requestId,
        };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var answer = await admin.RevokePlatformAsync(new RevokePlatformRequest { RequestId = request, PlatformId = parseResult.GetRequiredValue(id) }, options);
            await run.WriteAsync(parseResult, answer, () => string.Create(CultureInfo.InvariantCulture,
                    $"Platform {answer.Platform.PlatformId} ({answer.Platform.DisplayName}) revoked at {Output.Time(answer.Platform.RevokeTime)} (+08:00); {answer.RevokedKeys} live key(s) revoked by this call."));
        });
        return command;
    }

    private static Command RegisterCourt(AdminRunner run)
    {
        var court = new Option<string>("--court") { Description = "The court's code in the hub's court registry, e.g. 新0102", Required = true };
        var name = new Option<string>("--name") { Description = "Who holds the key (default: \"<court> clerk office\")" };
        var requestId = RequestId();
        var command = new Command("register-court", "Issue an API key to a court's clerk office and print it") { court, name, requestId };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var issued = await admin.RegisterCourtAsync(
                new RegisterCourtRequest { RequestId = request, CourtCode = parseResult.GetRequiredValue(court), DisplayName = parseResult.GetValue(name) ?? "" },
                options);
            await PrintIssuedAsync(run.Context, run.Json(parseResult), issued, issued,
                $"Issued court {issued.Key.PrincipalId} ({issued.Key.DisplayName}) an API key");
        });
        return command;
    }

    private static Command IssueKey(AdminRunner run)
    {
        var kind = PrincipalKindOption();
        kind.Required = true;
        var principal = new Option<string>("--principal")
        {
            Description = "A registered platform's id, a court code of the registry, or an operator's id (for an admin key, e.g. ops-wang)",
            Required = true,
        };
        var name = new Option<string>("--name") { Description = "Who holds the key (default: the principal's id)" };
        var requestId = RequestId();
        var command = new Command(
            "issue-key",
            "Issue another key to a platform (e.g. to rotate: issue, switch, revoke the old one), a court, or an operator (an admin key)")
        {
            kind, principal, name, requestId,
        };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var issued = await admin.IssueKeyAsync(
                new IssueKeyRequest
                {
                    RequestId = request,
                    PrincipalKind = parseResult.GetValue(kind),
                    PrincipalId = parseResult.GetRequiredValue(principal),
                    DisplayName = parseResult.GetValue(name) ?? "",
                },
                options);
            await PrintIssuedAsync(run.Context, run.Json(parseResult), issued, issued,
                $"Issued {KindName(issued.Key.PrincipalKind)} {issued.Key.PrincipalId} ({issued.Key.DisplayName}) an API key");
        });
        return command;
    }

    private static Command ListKeys(AdminRunner run)
    {
        var kind = PrincipalKindOption();
        var principal = new Option<string>("--principal") { Description = "Only this principal's keys (a platform id, court code or operator id)" };
        var includeRevoked = new Option<bool>("--include-revoked") { Description = "Also list revoked keys" };
        var (pageSize, pageToken, all) = PagingOptions("Keys");
        var command = new Command("list-keys", "The issued keys, newest first: prefix, kind, principal, holder, issued, revoked (never a key itself)")
        {
            kind, principal, includeRevoked, pageSize, pageToken, all,
        };
        run.Query(command, async (admin, parseResult, options) =>
        {
            var request = new ListKeysRequest
            {
                PrincipalKind = parseResult.GetValue(kind),
                PrincipalId = parseResult.GetValue(principal) ?? "",
                IncludeRevoked = parseResult.GetValue(includeRevoked),
                PageSize = parseResult.GetValue(pageSize),
                PageToken = parseResult.GetValue(pageToken) ?? "",
            };
            var response = await PagesAsync(
                parseResult.GetValue(all),
                request,
                r => admin.ListKeysAsync(r, options()).ResponseAsync,
                (first, next) => first.Keys.Add(next.Keys),
                r => r.NextPageToken,
                (r, token) => r.NextPageToken = token,
                (r, token) => r.PageToken = token);
            await run.WriteListAsync(parseResult, response, "list-keys", response.NextPageToken, "key(s)",
                ["key prefix", "kind", "principal", "held by", "issued (+08:00)", "revoked (+08:00)"],
                response.Keys.Select(k => new[] { k.KeyPrefix, KindName(k.PrincipalKind), k.PrincipalId, k.DisplayName, Output.Time(k.CreateTime), Output.Time(k.RevokeTime) }));
        });
        return command;
    }

    private static Command RevokeKey(AdminRunner run)
    {
        var prefix = new Option<string>("--prefix") { Description = "The key's first 12 characters (exk_ and 8 more), as printed when it was issued and by list-keys", Required = true };
        var requestId = RequestId();
        var command = new Command(
            "revoke-key",
            "Revoke one key: calls made with it fail with UNAUTHENTICATED within seconds on every gateway (the last live admin key cannot be revoked)")
        {
            prefix, requestId,
        };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var key = await admin.RevokeKeyAsync(new RevokeKeyRequest { RequestId = request, KeyPrefix = parseResult.GetRequiredValue(prefix) }, options);
            await run.WriteAsync(parseResult, key, () =>
                $"Key {key.KeyPrefix}… of {KindName(key.PrincipalKind)} {key.PrincipalId} ({key.DisplayName}) is revoked since {Output.Time(key.RevokeTime)} (+08:00).");
        });
        return command;
    }

    private static Command Courts(AdminRunner run)
    {
        var command = new Command("courts", "Every court the hub knows, by code, with what it accepts (also those that take no filings any more)");
        run.Query(command, async (admin, parseResult, options) =>
        {
            var response = await admin.ListCourtsAsync(new ListCourtsRequest(), options());
            await run.WriteListAsync(parseResult, response, "courts", "", "court(s)",
                ["code", "name", "level", "division", "accepts", "version", "updated (+08:00)"],
                response.Courts.Select(c => new[]
                {
                    c.Code, c.Name, ProtoNames.Of(c.Level), c.DivisionCode, Accepts(c),
                    c.Version.ToString(CultureInfo.InvariantCulture), Output.Time(c.UpdateTime),
                }));
        });
        return command;
    }

    private static Command PutCourt(AdminRunner run)
    {
        var court = new Option<string>("--court") { Description = "The court code, e.g. 新0108 (a new code registers the court)", Required = true };
        var name = new Option<string>("--name") { Description = "The court's name, 1–100 characters, e.g. 达坂城区人民法院", Required = true };
        var level = CliOptions.Enum<CourtLevel>("--level", "The level its code implies (2 digits INTERMEDIATE, 4 digits BASIC)");
        level.Required = true;
        var division = new Option<string>("--division") { Description = "The administrative division it serves (GB/T 2260): 2, 4 or 6 digits, e.g. 650108" };
        var accepts = CliOptions.Types("--accepts", "The application types it takes through the hub; none stops it taking filings");
        accepts.Required = true;
        var trialCode = new Option<string>("--specialised-trial-code") { Description = "The specialised-trial code (专门审判代字) printed in its case numbers, one character, e.g. 知; none by default" };
        var numbering = CliOptions.Enum<CaseNumbering>("--case-numbering", "Who gives its case numbers: HUB (default) or COURT (accepting acts then carry the court's number)");
        var maxAttachment = new Option<long>("--max-attachment-bytes") { Description = "The largest attachment it takes by upload, in bytes, up to 2 GiB; 100 MiB by default" };
        var expectedVersion = ExpectedVersion("court");
        var requestId = RequestId();
        var command = new Command(
            "put-court",
            "Register a court or change one, as the whole court given (not a patch); it applies to submissions received after it")
        {
            court, name, level, division, accepts, trialCode, numbering, maxAttachment, expectedVersion, requestId,
        };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var given = new Court
            {
                Code = parseResult.GetRequiredValue(court),
                Name = parseResult.GetRequiredValue(name),
                Level = parseResult.GetValue(level),
                DivisionCode = parseResult.GetValue(division) ?? "",
                AcceptedTypes = { parseResult.GetRequiredValue(accepts) },
                SpecialisedTrialCode = parseResult.GetValue(trialCode) ?? "",
                CaseNumbering = parseResult.GetValue(numbering),
                MaxAttachmentBytes = parseResult.GetValue(maxAttachment),
            };
            var answer = await admin.PutCourtAsync(
                new PutCourtRequest { RequestId = request, Court = given, ExpectedVersion = parseResult.GetValue(expectedVersion) },
                options);
            await run.WriteAsync(parseResult, answer, () => string.Create(CultureInfo.InvariantCulture,
                $"Court {answer.Code} ({answer.Name}), {ProtoNames.Of(answer.Level)}, division {Dash(answer.DivisionCode)}, accepts {Accepts(answer)}, attachments up to {answer.MaxAttachmentBytes} bytes: version {answer.Version}."));
        });
        return command;
    }

    private static Command HolidayYears(AdminRunner run)
    {
        var command = new Command(
            "holiday-years",
            "Every year whose official holiday schedule the hub has (a year without one counts weekends alone; its deadlines are provisional)");
        run.Query(command, async (admin, parseResult, options) =>
        {
            var response = await admin.ListHolidayYearsAsync(new ListHolidayYearsRequest(), options());
            await run.WriteListAsync(parseResult, response, "holiday-years", "", "year(s)",
                ["year", "holidays", "rest days", "make-up working days", "version", "updated (+08:00)"],
                response.HolidayYears.Select(y => new[]
                {
                    y.Year.ToString(CultureInfo.InvariantCulture), string.Join(", ", y.Holidays.Select(h => h.Name)),
                    RestDays(y).ToString(CultureInfo.InvariantCulture), y.MakeUpWorkingDays.Count.ToString(CultureInfo.InvariantCulture),
                    y.Version.ToString(CultureInfo.InvariantCulture), Output.Time(y.UpdateTime),
                }));
        });
        return command;
    }

    private static Command PutHolidayYear(AdminRunner run)
    {
        var file = new Option<string>("--file")
        {
            Description = "The year as JSON, as src/Exchange.Domain/Calendar/2026.json is written (year, source, holidays, make_up_working_days); - for standard input",
            Required = true,
        };
        var expectedVersion = ExpectedVersion("year");
        var requestId = RequestId();
        var command = new Command(
            "put-holiday-year",
            "Put a year's holiday schedule as the State Council announced it, replacing what the hub had for that year; "
            + "it applies to deadlines computed after it")
        {
            file, expectedVersion, requestId,
        };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var year = HolidayYearFile.Load(parseResult.GetRequiredValue(file), run.Context);
            var answer = await admin.PutHolidayYearAsync(
                new PutHolidayYearRequest { RequestId = request, HolidayYear = year, ExpectedVersion = parseResult.GetValue(expectedVersion) },
                options);
            await run.WriteAsync(parseResult, answer, () => string.Create(CultureInfo.InvariantCulture,
                $"Holiday year {answer.Year}: {answer.Holidays.Count} holiday(s), {RestDays(answer)} rest day(s), {answer.MakeUpWorkingDays.Count} make-up working day(s): version {answer.Version}."));
        });
        return command;
    }

    internal static Option<long> ExpectedVersion(string what)
    {
        var option = new Option<long>("--expected-version")
        {
            Description = $"The {what}'s version as last read (courts/holiday-years print it): refused with ABORTED if it changed since; 0 (default) overwrites whatever is stored",
            HelpName = "n",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 0)
            {
                result.AddError("--expected-version cannot be negative");
            }
        });
        return option;
    }

    /// <summary>"JC, MD", as the application tables print types; "none" when it takes no filings.</summary>
    private static string Accepts(Court court) =>
        court.AcceptedTypes.Count == 0 ? "none" : string.Join(", ", court.AcceptedTypes.Select(Output.TypeShort));

    private static int RestDays(HolidayYear year) =>
        year.Holidays.Sum(h => h.First is null || h.Last is null ? 0 : Math.Max(0, SampleDates.ToDateOnly(h.Last).DayNumber - SampleDates.ToDateOnly(h.First).DayNumber + 1));

    private static string Dash(string text) => text.Length == 0 ? "-" : text;

    /// <summary>
    /// The key alone goes to stdout, so `KEY=$(exchange admin register-platform …)` captures it;
    /// what it is and that it is shown only once go to stderr, which a person still sees. With
    /// --json, the whole answer (the key included) is the document on stdout.
    /// </summary>
    private static async Task PrintIssuedAsync(CliContext context, bool json, Google.Protobuf.IMessage answer, IssuedKey issued, string what)
    {
        await context.Error.WriteLineAsync($"{what}, prefix {issued.Key.KeyPrefix}: {IssuedKeyNote}");
        await context.Out.WriteLineAsync(json ? ProtoJson.Format(answer) : issued.ApiKey);
    }

    /// <summary>One page, or with <paramref name="all"/> every page gathered into the first response (one --json document either way).</summary>
    private static async Task<TResponse> PagesAsync<TRequest, TResponse>(
        bool all,
        TRequest request,
        Func<TRequest, Task<TResponse>> call,
        Action<TResponse, TResponse> append,
        Func<TResponse, string> nextPageToken,
        Action<TResponse, string> setNextPageToken,
        Action<TRequest, string> setPageToken)
        where TRequest : Google.Protobuf.IDeepCloneable<TRequest>
    {
        var response = await call(request);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (all && nextPageToken(response) is { Length: > 0 } token)
        {
            if (!seen.Add(token))
            {
                throw new CommandFailedException("the hub returned a page token it had already returned");
            }

            var page = request.Clone();
            setPageToken(page, token);
            var next = await call(page);
            append(response, next);
            setNextPageToken(response, nextPageToken(next));
        }

        return response;
    }

    private static (Option<int> PageSize, Option<string> PageToken, Option<bool> All) PagingOptions(string things) =>
    (
        new Option<int>("--page-size") { Description = $"{things} per page; 0 lets the hub choose (100), at most 1,000" },
        new Option<string>("--page-token") { Description = "Continue from the token a previous page printed" },
        new Option<bool>("--all") { Description = "Fetch every page, not just the first" }
    );

    private static Option<PrincipalKind> PrincipalKindOption() => new("--kind")
    {
        Description = "platform, court or admin",
        HelpName = "kind",
        CustomParser = result =>
        {
            var token = result.Tokens.Single().Value;
            if (CliOptions.TryParseEnum<PrincipalKind>("PRINCIPAL_KIND_" + token) is { } kind)
            {
                return kind;
            }

            result.AddError($"--kind '{token}' is not a kind of principal; one of: platform, court, admin");
            return PrincipalKind.Unspecified;
        },
    };

    internal static Option<string> RequestId() => new("--request-id")
    {
        Description = "Idempotency key, a UUID (default: a fresh one, printed when the outcome is unknown). Repeating the command with it "
            + "returns the first answer — an issued key included — and changes nothing: keep it as secret as a key",
        HelpName = "uuid",
    };

    /// <summary>"platform", "court", "admin": the proto name without its prefix.</summary>
    private static string KindName(PrincipalKind kind) =>
        ProtoNames.Of(kind).Replace("PRINCIPAL_KIND_", "", StringComparison.Ordinal).ToLowerInvariant();
}

/// <summary>How every admin command but bootstrap reaches the AdminService: with the admin key, a deadline, and a request id for changes.</summary>
internal sealed class AdminRunner(GlobalOptions globals, Option<string> adminKey, CliContext context)
{
    private const string AdminKeyHint = "the admin key (--admin-key or EXCHANGE_ADMIN_KEY)";

    public CliContext Context => context;

    public bool Json(ParseResult parseResult) => parseResult.GetValue(globals.Json);

    /// <summary>The answer as proto3 JSON with --json, else <paramref name="text"/>.</summary>
    public Task WriteAsync(ParseResult parseResult, IMessage answer, Func<string> text) =>
        context.Out.WriteLineAsync(Json(parseResult) ? ProtoJson.Format(answer) : text());

    /// <summary>A listing as proto3 JSON with --json, else as a table, a count and how to get the next page.</summary>
    public async Task WriteListAsync(
        ParseResult parseResult, IMessage response, string command, string nextPageToken, string things, string[] columns, IEnumerable<string[]> rows)
    {
        if (Json(parseResult))
        {
            await context.Out.WriteLineAsync(ProtoJson.Format(response));
            return;
        }

        var table = Output.NewTable(context).AddColumns(columns);
        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        if (table.Rows.Count == 0)
        {
            await context.Out.WriteLineAsync($"No {things.Replace("(s)", "s", StringComparison.Ordinal)}.");
        }
        else
        {
            Output.CreateConsole(context).Write(table);
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{table.Rows.Count} {things}."));
        }

        if (nextPageToken.Length > 0)
        {
            await context.Out.WriteLineAsync($"More: admin {command} --page-token {nextPageToken} (with the same filters), or --all");
        }
    }

    /// <summary>A listing; <c>options()</c> gives each call (each page) its own deadline.</summary>
    public void Query(Command command, Func<AdminService.AdminServiceClient, ParseResult, Func<CallOptions>, Task> body) =>
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            using var client = Connect(parseResult);
            await body(new AdminService.AdminServiceClient(client.CallInvoker), parseResult, () => Options(parseResult, ct));
            return ExitCodes.Ok;
        }, AdminKeyHint));

    /// <summary>
    /// A change, sent with --request-id or a fresh UUID. When the answer was lost (DEADLINE_EXCEEDED,
    /// UNKNOWN, or UNAVAILABLE after the channel's retries) the change may have been made: the
    /// request id lets the user repeat it and get the first answer instead of a second change.
    /// </summary>
    public void Mutation(Command command, Option<string> requestIdOption, Func<AdminService.AdminServiceClient, ParseResult, string, CallOptions, Task> body) =>
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var requestId = parseResult.GetValue(requestIdOption) ?? Guid.NewGuid().ToString();
            using var client = Connect(parseResult);
            try
            {
                await body(new AdminService.AdminServiceClient(client.CallInvoker), parseResult, requestId, Options(parseResult, ct));
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Unknown or StatusCode.Unavailable)
            {
                await context.Error.WriteLineAsync("error: " + ExchangeError.FromException(ex));
                await context.Error.WriteLineAsync(
                    $"If it may have gone through, repeat the command with --request-id {requestId}: the hub then answers as it did the first time and changes nothing.");
                return ExitCodes.Failure;
            }

            return ExitCodes.Ok;
        }, AdminKeyHint));

    private ExchangeClient Connect(ParseResult parseResult)
    {
        var key = parseResult.GetValue(adminKey) ?? GlobalOptions.NonEmpty(context.GetEnvironmentVariable("EXCHANGE_ADMIN_KEY"))
            ?? throw new UsageException("no admin key: pass --admin-key or set EXCHANGE_ADMIN_KEY (./run.sh keeps the hub's first one in .exchange/admin-key; "
                + "'exchange admin bootstrap' issues it on a hub that has none)");
        return globals.CreateClient(parseResult, context, key, "--admin-key");
    }

    private CallOptions Options(ParseResult parseResult, CancellationToken ct) =>
        new(deadline: globals.Deadline(parseResult, context), cancellationToken: ct);
}
