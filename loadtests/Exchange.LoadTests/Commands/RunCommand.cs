using System.CommandLine;
using System.Globalization;
using Exchange.LoadTests.Generators;
using Exchange.LoadTests.Hub;
using Exchange.LoadTests.Scenarios;

namespace Exchange.LoadTests.Commands;

/// <summary><c>run --endpoint URL --keys FILE --scenario NAME[,NAME...] ...</c>: the load tests.</summary>
internal static class RunCommand
{
    public const string DefaultEndpoint = "http://127.0.0.1:5180";

    public static Command Create()
    {
        var defaults = new ScenarioSettings();
        var endpoint = CliOptions.Endpoint("--endpoint", "The hub's gRPC endpoint", DefaultEndpoint);
        var keysFile = new Option<string>("--keys") { Description = "Keys file written by 'provision' (needed by every scenario but echo)" };
        var scenarios = new Option<string>("--scenario")
        {
            Description = "Scenarios to run in order, comma-separated: " + string.Join(", ", ScenarioCatalog.All),
            Required = true,
        };
        scenarios.Validators.Add(result =>
        {
            foreach (var name in Split(result.GetValueOrDefault<string>()))
            {
                if (!ScenarioCatalog.IsKnown(name))
                {
                    result.AddError($"unknown scenario '{name}'; known: {string.Join(", ", ScenarioCatalog.All)}");
                }
            }
        });
        var duration = CliOptions.Duration("--duration", "Measured part of each scenario", defaults.Duration);
        var warmUp = CliOptions.Duration("--warmup", "Unmeasured warm-up before it", defaults.WarmUp);
        var concurrency = CliOptions.AtLeast("--concurrency", "Virtual users (calls in flight), closed model", defaults.Concurrency, 1, 10_000);
        var channels = CliOptions.AtLeast("--channels", "gRPC channels (HTTP/2 connections) the calls are spread over", defaults.Channels, 1, 64);
        var reportDir = new Option<string>("--report-dir")
        {
            Description = "Folder for the reports (every format) and summary.json",
            DefaultValueFactory = _ => Path.Combine("loadtests", "reports", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
        };
        var echoEndpoint = CliOptions.Endpoint("--echo-endpoint", "The echo server, for the echo scenario", null);
        var thresholds = new Option<string[]>("--thresholds")
        {
            Description = "Harness thresholds applied to every scenario, e.g. \"p99 < 50ms\" \"fail% < 0.1\"; any failing makes the exit code 1",
            AllowMultipleArgumentsPerToken = true,
        };
        thresholds.Validators.Add(result =>
        {
            foreach (var expression in result.GetValueOrDefault<string[]>() ?? [])
            {
                try
                {
                    LoadTesting.Threshold.Parse(expression);
                }
                catch (FormatException ex)
                {
                    result.AddError(ex.Message);
                }
            }
        });
        var seedSize = CliOptions.AtLeast("--seed-size", $"Applications in the seed replay ({SeedReplayScenario.FullSeedSize} is the full seed; smaller scales both types; 0 submits none, for court phases on --seed-from)", defaults.SeedSize, 0, 10_000_000);
        var seedBatchSize = CliOptions.AtLeast("--seed-batch-size", "Judicial confirmations per BatchRule call in the seed replay's batch-confirm phase", defaults.SeedBatchSize, 1, 1_000);
        var seedCourtPhases = new Option<bool>("--seed-court-phases")
        {
            Description = "Whether the seed replay runs the court's phases (accept, start review, batch confirm) and their PostgreSQL check after submitting",
            DefaultValueFactory = _ => defaults.SeedCourtPhases,
        };
        var seedSave = new Option<string>("--seed-save") { Description = "File to write the seed replay's acknowledged applications to (for a later --seed-from)" };
        var seedFrom = new Option<string>("--seed-from")
        {
            Description = "Comma-separated files written by --seed-save: applications of earlier seed replays that the court phases act on as well",
        };
        var courtDayBatchSize = CliOptions.AtLeast("--court-day-batch-size", "Applications per BatchRule call in court-day", defaults.CourtDayBatchSize, 1, 1_000);
        var courtDayLoad = new Option<double>("--court-day-load")
        {
            Description = "court-day injects this fraction of the capacity its clerks show in an untimed closed calibration",
            DefaultValueFactory = _ => defaults.CourtDayLoad,
        };
        courtDayLoad.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 2)
            {
                result.AddError("--court-day-load must be above 0 and at most 2");
            }
        });
        var batchCallTimeout = CliOptions.Duration("--batch-call-timeout", "Deadline of each BatchRule call", defaults.BatchCallTimeout);
        var seedMaxDuration = CliOptions.Duration("--seed-max-duration", "Upper bound of the seed replay's submission phase", defaults.SeedMaxDuration);
        var hotSet = CliOptions.AtLeast("--hot-set", "Applications get-hot submits (untimed) and then reads", defaults.HotSetSize, 1, 1_000_000);
        var attachments = new Option<AttachmentMode>("--attachments")
        {
            Description = "metadata: attachments carry size and SHA-256 only (measures the hub); inline: a small verified content each (also measures storing it)",
            DefaultValueFactory = _ => AttachmentMode.Metadata,
        };
        var platformDayLoad = new Option<double>("--platform-day-load")
        {
            Description = "platform-day injects this fraction of the capacity its mix shows in an untimed closed calibration",
            DefaultValueFactory = _ => defaults.PlatformDayLoad,
        };
        platformDayLoad.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 2)
            {
                result.AddError("--platform-day-load must be above 0 and at most 2");
            }
        });
        var callTimeout = CliOptions.Duration("--call-timeout", "Deadline of each call", defaults.CallTimeout);
        var db = new Option<string>("--db") { Description = "Npgsql connection string of the hub's database: seed-replay verifies against it" };
        var echoPayload = CliOptions.AtLeast("--echo-payload-bytes", "Payload of the echo baseline", defaults.EchoPayloadBytes, 0, 4 * 1024 * 1024 - 16);

        var command = new Command("run", "Run load-test scenarios against the hub and write reports and summary.json")
        {
            endpoint, keysFile, scenarios, duration, warmUp, concurrency, channels, reportDir, echoEndpoint, thresholds,
            seedSize, seedMaxDuration, hotSet, platformDayLoad, attachments, callTimeout, db, echoPayload,
            seedBatchSize, seedCourtPhases, seedSave, seedFrom, courtDayBatchSize, courtDayLoad, batchCallTimeout,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var names = Split(parseResult.GetValue(scenarios)).ToList();
            var settings = new ScenarioSettings
            {
                Concurrency = parseResult.GetValue(concurrency),
                Duration = parseResult.GetValue(duration),
                WarmUp = parseResult.GetValue(warmUp),
                Channels = parseResult.GetValue(channels),
                CallTimeout = parseResult.GetValue(callTimeout),
                Thresholds = parseResult.GetValue(thresholds) ?? [],
                SeedSize = parseResult.GetValue(seedSize),
                SeedMaxDuration = parseResult.GetValue(seedMaxDuration),
                HotSetSize = parseResult.GetValue(hotSet),
                PlatformDayLoad = parseResult.GetValue(platformDayLoad),
                Attachments = parseResult.GetValue(attachments),
                EchoPayloadBytes = parseResult.GetValue(echoPayload),
                SeedBatchSize = parseResult.GetValue(seedBatchSize),
                SeedCourtPhases = parseResult.GetValue(seedCourtPhases),
                SeedSave = parseResult.GetValue(seedSave),
                SeedFrom = [.. Split(parseResult.GetValue(seedFrom))],
                CourtDayBatchSize = parseResult.GetValue(courtDayBatchSize),
                CourtDayLoad = parseResult.GetValue(courtDayLoad),
                BatchCallTimeout = parseResult.GetValue(batchCallTimeout),
            };
            if (settings.Duration <= TimeSpan.Zero || settings.CallTimeout <= TimeSpan.Zero || settings.SeedMaxDuration <= TimeSpan.Zero || settings.BatchCallTimeout <= TimeSpan.Zero)
            {
                return await UsageAsync("--duration, --call-timeout, --batch-call-timeout and --seed-max-duration must be positive");
            }

            var missingSeedFiles = settings.SeedFrom.Where(f => !File.Exists(f)).ToList();
            if (missingSeedFiles.Count > 0)
            {
                return await UsageAsync("--seed-from: no such file: " + string.Join(", ", missingSeedFiles));
            }

            var needsHub = names.Any(n => n != "echo" && !ScenarioCatalog.Unavailable.ContainsKey(n));
            var keysPath = parseResult.GetValue(keysFile);
            if (needsHub && keysPath is null)
            {
                return await UsageAsync("--keys is required for " + string.Join(", ", names.Where(n => n != "echo" && !ScenarioCatalog.Unavailable.ContainsKey(n))));
            }

            var echo = parseResult.GetValue(echoEndpoint);
            if (names.Contains("echo") && echo is null)
            {
                return await UsageAsync("--echo-endpoint is required for the echo scenario (start one with the echo-server command)");
            }

            using var hub = needsHub ? new HubConnection(parseResult.GetValue(endpoint)!, LoadKeys.Load(keysPath!), settings.Channels) : null;
            var context = new LoadContext(settings, hub, echo, parseResult.GetValue(db), Console.Out);
            var summary = await ScenarioRunner.RunAsync(names, context, new ReportOptions(parseResult.GetValue(reportDir)), cancellationToken);
            return summary.ExitCode;
        });
        return command;
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<int> UsageAsync(string message)
    {
        await Console.Error.WriteLineAsync("error: " + message);
        return Cli.UsageExitCode;
    }
}
