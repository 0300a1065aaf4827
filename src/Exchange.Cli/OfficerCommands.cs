using System.CommandLine;
using System.Security.Cryptography;
using Exchange.V1;

namespace Exchange.Cli;

/// <summary>
/// exchange admin officer …: the court console's officer accounts (AdminService AddOfficer,
/// ListOfficers, DisableOfficer, ResetOfficerPassword). A password is read from --password-file
/// (- for standard input), or drawn here and printed once, alone on stdout.
/// </summary>
internal static class OfficerCommands
{
    // No 0/O, 1/l/I: a drawn password is read off a screen and typed in.
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int DrawnPasswordLength = 16;

    public static Command Create(AdminRunner run)
    {
        var officer = new Command("officer", "Officer accounts of a court's console (/console): judges and clerks who sign in with a password");
        officer.Add(Add(run));
        officer.Add(List(run));
        officer.Add(Disable(run));
        officer.Add(ResetPassword(run));
        return officer;
    }

    private static Command Add(AdminRunner run)
    {
        var court = CourtOption();
        var name = NameOption("The officer's name, 1–50 characters, e.g. 王法官: what they sign in with, and the name the record shows for their acts");
        var role = new Option<OfficerRole>("--role")
        {
            Description = "judge (also rules) or clerk (accepts, asks for corrections and supplements)",
            Required = true,
            HelpName = "judge|clerk",
            CustomParser = result =>
            {
                var token = result.Tokens.Single().Value;
                if (CliOptions.TryParseEnum<OfficerRole>("OFFICER_ROLE_" + token) is { } parsed)
                {
                    return parsed;
                }

                result.AddError($"--role '{token}' is not a role; one of: judge, clerk");
                return OfficerRole.Unspecified;
            },
        };
        var passwordFile = PasswordFileOption();
        var requestId = AdminCommands.RequestId();
        var command = new Command(
            "add",
            "Add an officer account; without --password-file a password is drawn and printed once, alone on stdout (PASSWORD=$(exchange admin officer add …))")
        {
            court, name, role, passwordFile, requestId,
        };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var (password, drawn) = Password(parseResult.GetValue(passwordFile), run.Context);
            var added = await admin.AddOfficerAsync(
                new AddOfficerRequest
                {
                    RequestId = request,
                    CourtCode = parseResult.GetRequiredValue(court),
                    Name = parseResult.GetRequiredValue(name),
                    Role = parseResult.GetValue(role),
                    Password = password,
                },
                options);
            var what = $"Added {RoleName(added.Role)} {added.Name} to court {added.CourtCode}'s console";
            await PrintAsync(run, parseResult, added, what, drawn ? password : null);
        });
        return command;
    }

    private static Command List(AdminRunner run)
    {
        var court = new Option<string>("--court") { Description = "Only this court's officers (default: every court's)" };
        var includeDisabled = new Option<bool>("--include-disabled") { Description = "Also list disabled accounts" };
        var command = new Command("list", "The officer accounts, by court and name (never a password)") { court, includeDisabled };
        run.Query(command, async (admin, parseResult, options) =>
        {
            var response = await admin.ListOfficersAsync(
                new ListOfficersRequest { CourtCode = parseResult.GetValue(court) ?? "", IncludeDisabled = parseResult.GetValue(includeDisabled) }, options());
            await run.WriteListAsync(parseResult, response, "officer list", "", "officer(s)",
                ["court", "name", "role", "added (+08:00)", "disabled (+08:00)", "locked until (+08:00)"],
                response.Officers.Select(o => new[] { o.CourtCode, o.Name, RoleName(o.Role), Output.Time(o.CreateTime), Output.Time(o.DisableTime), Output.Time(o.LockEndTime) }));
        });
        return command;
    }

    private static Command Disable(AdminRunner run)
    {
        var court = CourtOption();
        var name = NameOption("The officer's name");
        var requestId = AdminCommands.RequestId();
        var command = new Command("disable", "Disable an officer account: no more sign-ins, open sessions end; their acts stay in the record under their name")
        {
            court, name, requestId,
        };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var officer = await admin.DisableOfficerAsync(
                new DisableOfficerRequest { RequestId = request, CourtCode = parseResult.GetRequiredValue(court), Name = parseResult.GetRequiredValue(name) }, options);
            await run.WriteAsync(parseResult, officer, () =>
                $"Officer {officer.Name} of court {officer.CourtCode} is disabled since {Output.Time(officer.DisableTime)} (+08:00).");
        });
        return command;
    }

    private static Command ResetPassword(AdminRunner run)
    {
        var court = CourtOption();
        var name = NameOption("The officer's name");
        var passwordFile = PasswordFileOption();
        var requestId = AdminCommands.RequestId();
        var command = new Command(
            "reset-password",
            "Set an officer's password (drawn and printed once without --password-file): lifts a lock-out and ends their open sessions")
        {
            court, name, passwordFile, requestId,
        };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var (password, drawn) = Password(parseResult.GetValue(passwordFile), run.Context);
            var officer = await admin.ResetOfficerPasswordAsync(
                new ResetOfficerPasswordRequest
                {
                    RequestId = request, CourtCode = parseResult.GetRequiredValue(court), Name = parseResult.GetRequiredValue(name), Password = password,
                },
                options);
            await PrintAsync(run, parseResult, officer, $"Set the password of {RoleName(officer.Role)} {officer.Name} of court {officer.CourtCode}",
                drawn ? password : null);
        });
        return command;
    }

    /// <summary>
    /// A drawn password alone goes to stdout (so that it can be captured) and what it is to stderr;
    /// a password the user gave is not echoed. With --json the answer (never a password) is the document.
    /// </summary>
    private static async Task PrintAsync(AdminRunner run, ParseResult parseResult, Officer officer, string what, string? drawnPassword)
    {
        if (drawnPassword is null)
        {
            await run.WriteAsync(parseResult, officer, () => what + ".");
            return;
        }

        await run.Context.Error.WriteLineAsync($"{what}: the password below is shown only once (the hub keeps only a salted hash). Hand it to the officer now.");
        if (run.Json(parseResult))
        {
            await run.WriteAsync(parseResult, officer, () => "");
        }

        await run.Context.Out.WriteLineAsync(drawnPassword);
    }

    /// <summary>The password from the file (- : standard input; its first line, without the line end), or one drawn now.</summary>
    private static (string Password, bool Drawn) Password(string? file, CliContext context)
    {
        if (file is null)
        {
            return (RandomNumberGenerator.GetString(PasswordAlphabet, DrawnPasswordLength), true);
        }

        var text = file == "-" ? (context.In ?? TextReader.Null).ReadToEnd() : File.ReadAllText(file);
        var password = text.Split('\n')[0].TrimEnd('\r');
        return password.Length == 0 ? throw new UsageException($"--password-file {file}: no password in it (its first line is empty)") : (password, false);
    }

    private static Option<string> CourtOption() =>
        new("--court") { Description = "The court's code in the hub's court registry, e.g. 新0102", Required = true };

    private static Option<string> NameOption(string description) => new("--name") { Description = description, Required = true };

    private static Option<string> PasswordFileOption() => new("--password-file")
    {
        Description = "Read the password (10–128 characters) from the first line of this file; - reads standard input",
        HelpName = "file",
    };

    /// <summary>"judge", "clerk".</summary>
    private static string RoleName(OfficerRole role) =>
        ProtoNames.Of(role).Replace("OFFICER_ROLE_", "", StringComparison.Ordinal).ToLowerInvariant();
}
