using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Exchange.LoadTests.Commands;

/// <summary>
/// <c>write-benchmarks</c>: turns one run of loadtests/run.sh (the scenario folders with their
/// summary.json, and the baselines and memory readings the script took) into docs/BENCHMARKS.md.
/// Everything below <see cref="KeepMarker"/> in an existing file is kept: that is where people write
/// what they tried and what it moved.
/// </summary>
internal static class WriteBenchmarksCommand
{
    public const string KeepMarker = "<!-- Written by hand below this line; kept when the figures above are regenerated. -->";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var reports = new Option<DirectoryInfo>("--reports") { Description = "The run's report folder (one sub-folder per scenario)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The Markdown file to write", Required = true };
        var pgbenchTps = new Option<double>("--pgbench-tps") { Required = true };
        var pgbenchLatency = new Option<double>("--pgbench-latency-ms") { Required = true };
        var pgbenchStateTps = new Option<double>("--pgbench-state-tps") { Description = "The upsert baseline with a stored state's bytes as the payload" };
        var pgbenchStateLatency = new Option<double>("--pgbench-state-latency-ms");
        var payloadBytes = new Option<int>("--payload-bytes") { Required = true };
        var rssCold = new Option<long>("--rss-cold") { Description = "The silo's resident KiB before any request (0: not read)" };
        var warmSeedSize = new Option<int>("--warm-seed-size") { Description = "Applications filed and idled out before --rss-start was read (0: none)" };
        var rssStart = new Option<long>("--rss-start") { Description = "The idle silo's resident KiB", Required = true };
        var rssHalf = new Option<long>("--rss-half") { Required = true };
        var rssFull = new Option<long>("--rss-full") { Required = true };
        var rssIdle = new Option<long>("--rss-idle") { Required = true };
        var seedSize = new Option<int>("--seed-size") { Required = true };
        var concurrency = new Option<int>("--concurrency") { Required = true };
        var duration = new Option<int>("--duration") { Required = true };
        var warmup = new Option<int>("--warmup") { Required = true };
        var commandLine = new Option<string>("--command") { Required = true };
        var commit = new Option<string>("--commit") { Required = true };
        var hubMode = new Option<string>("--hub-mode") { Description = "How the hub ran, e.g. \"gateway co-hosted in the silo\"", Required = true };
        var command = new Command("write-benchmarks", "Write docs/BENCHMARKS.md from one run of loadtests/run.sh")
        {
            reports, output, pgbenchTps, pgbenchLatency, pgbenchStateTps, pgbenchStateLatency, payloadBytes, rssCold, warmSeedSize, rssStart, rssHalf, rssFull, rssIdle,
            seedSize, concurrency, duration, warmup, commandLine, commit, hubMode,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var run = new BenchmarkRun(
                parseResult.GetRequiredValue(reports), parseResult.GetValue(pgbenchTps), parseResult.GetValue(pgbenchLatency),
                parseResult.GetValue(pgbenchStateTps), parseResult.GetValue(pgbenchStateLatency), parseResult.GetValue(payloadBytes),
                parseResult.GetValue(rssCold), parseResult.GetValue(warmSeedSize), parseResult.GetValue(rssStart), parseResult.GetValue(rssHalf),
                parseResult.GetValue(rssFull), parseResult.GetValue(rssIdle), parseResult.GetValue(seedSize),
                parseResult.GetValue(concurrency), parseResult.GetValue(duration), parseResult.GetValue(warmup),
                parseResult.GetRequiredValue(commandLine), parseResult.GetRequiredValue(commit), parseResult.GetRequiredValue(hubMode));
            var file = parseResult.GetRequiredValue(output);
            var kept = file.Exists ? KeptPart(await File.ReadAllTextAsync(file.FullName, cancellationToken)) : "";
            await File.WriteAllTextAsync(file.FullName, Render(run) + KeepMarker + "\n" + kept, cancellationToken);
            Console.WriteLine($"wrote {file.FullName}");
            return 0;
        });
        return command;
    }

    private static string KeptPart(string existing)
    {
        var at = existing.IndexOf(KeepMarker, StringComparison.Ordinal);
        return at < 0 ? "" : existing[(at + KeepMarker.Length)..].TrimStart('\n');
    }

    private sealed record BenchmarkRun(
        DirectoryInfo Reports, double PgbenchTps, double PgbenchLatencyMs, double PgbenchStateTps, double PgbenchStateLatencyMs, int PayloadBytes, long RssCold, int WarmSeedSize, long RssStart, long RssHalf,
        long RssFull, long RssIdle, int SeedSize, int Concurrency, int Duration, int Warmup, string CommandLine, string Commit,
        string HubMode);

    private static string Render(BenchmarkRun run)
    {
        var echo = Scenario(run, "echo", "echo");
        var hot = Scenario(run, "get-hot", "get-hot");
        var submit = Scenario(run, "submit-unique", "submit-unique");
        var seeds = new[] { Seed(run, "seed-replay-1"), Seed(run, "seed-replay-2") };
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks").AppendLine();
        md.AppendLine("Figures from **one run** of the benchmark command, every ratio against a baseline measured in the same");
        md.AppendLine("run on the same machine (shared and noisy: compare ratios, not absolute figures).").AppendLine();
        md.AppendLine($"- command: `{run.CommandLine}` (from the repository root; reports in `loadtests/reports/{run.Reports.Name}/`)");
        md.AppendLine($"- commit: `{run.Commit}`; run at {run.Reports.Name} (UTC)");
        md.AppendLine($"- machine: {Machine()}");
        md.AppendLine($"- hub: {run.HubMode}; silo and gateway with their default settings but `Exchange:IdleDeactivationMinutes=2`");
        md.AppendLine($"- load: {run.Concurrency} concurrent callers (closed model), {run.Warmup} s warm-up then {run.Duration} s measured per scenario; PostgreSQL with `synchronous_commit=on`, `fsync=on`; hub, PostgreSQL and load generator on the same machine");
        md.AppendLine();
        md.AppendLine("| measure | result | baseline in the same run | ratio | target | met |");
        md.AppendLine("|---|---|---|---|---|---|");
        if (submit is not null)
        {
            // Two upsert baselines: a run of one letter (PostgreSQL compresses it to a few dozen bytes:
            // the cheapest row there is) and the bytes of a stored state (compressed as little as our
            // rows are). The target is judged against the second when it ran: it is the row a
            // submission cannot do without; both ratios are shown.
            var ratio = submit.Rps / run.PgbenchTps;
            var baseline = $"pgbench plain upsert of a {run.PayloadBytes:N0}-byte row of one repeated letter: {run.PgbenchTps:N0} TPS (mean {run.PgbenchLatencyMs:0.##} ms)";
            var ratios = $"**{ratio:0.00}**";
            if (run.PgbenchStateTps > 0)
            {
                var stateRatio = submit.Rps / run.PgbenchStateTps;
                baseline = $"pgbench plain upsert of a stored state's {run.PayloadBytes:N0} bytes: {run.PgbenchStateTps:N0} TPS (mean {run.PgbenchStateLatencyMs:0.##} ms); of a {run.PayloadBytes:N0}-byte run of one letter: {run.PgbenchTps:N0} TPS (mean {run.PgbenchLatencyMs:0.##} ms)";
                ratios = $"**{stateRatio:0.00}** (state); {ratio:0.00} (one letter)";
                ratio = stateRatio;
            }

            var met = ratio >= 0.5 && submit.P99 <= 50 && submit.Errors == 0;
            md.AppendLine($"| unique submissions, {run.Concurrency} callers | {submit.Rps:N0}/s, p99 {submit.P99:0.#} ms, {submit.Errors} errors | {baseline} | {ratios} | ≥ 0.5, p99 ≤ 50 ms, 0 errors | {YesNo(met)} |");
        }

        if (hot is not null && echo is not null)
        {
            var ratio = hot.Rps / echo.Rps;
            md.AppendLine($"| hot reads (GetApplication, active grains) | {hot.Rps:N0}/s, p99 {hot.P99:0.#} ms, {hot.Errors} errors | bare gRPC echo: {echo.Rps:N0}/s, p99 {echo.P99:0.#} ms | **{ratio:0.00}** | ≥ 0.8 | {YesNo(ratio >= 0.8 && hot.Errors == 0)} |");
        }

        // The stateless peer (loadtests/Exchange.Peer), driven by the same scenarios right after the hub.
        var peerSubmit = Scenario(run, "peer-submit-unique", "submit-unique");
        if (submit is not null && peerSubmit is not null)
        {
            var ratio = submit.Rps / peerSubmit.Rps;
            var upsert = run.PgbenchStateTps > 0 ? run.PgbenchStateTps : run.PgbenchTps;
            var ofUpsert = upsert > 0 ? $" ({peerSubmit.Rps / upsert:0.00} × the upsert)" : "";
            md.AppendLine($"| unique submissions, hub against the stateless peer | hub {submit.Rps:N0}/s | stateless peer: {peerSubmit.Rps:N0}/s{ofUpsert}, p99 {peerSubmit.P99:0.#} ms, {peerSubmit.Errors} errors | **{ratio:0.00}** | ≥ 1.3 | {YesNo(ratio >= 1.3 && submit.Errors == 0)} |");
        }

        var peerHot = Scenario(run, "peer-get-hot", "get-hot");
        if (hot is not null && peerHot is not null)
        {
            var ratio = hot.Rps / peerHot.Rps;
            md.AppendLine($"| hot reads, hub against the stateless peer | hub {hot.Rps:N0}/s | stateless peer (every read from PostgreSQL): {peerHot.Rps:N0}/s, p99 {peerHot.P99:0.#} ms, {peerHot.Errors} errors | **{ratio:0.00}** | ≥ 2 | {YesNo(ratio >= 2 && hot.Errors == 0)} |");
        }

        var seedApps = seeds.Sum(s => s?.Applications ?? 0);
        if (seeds.All(s => s is not null))
        {
            var seconds = seeds.Sum(s => s!.Seconds);
            var errors = seeds.Sum(s => s!.Errors);
            var lost = seeds.Sum(s => s!.Lost);
            var upsert = run.PgbenchStateTps > 0 ? run.PgbenchStateTps : run.PgbenchTps;
            md.AppendLine($"| seed replay, submit phase | {seedApps:N0} applications in {seconds:0.#} s = {seedApps / seconds:N0}/s; {errors} errors; {lost} lost (checked in PostgreSQL) | pgbench {upsert:N0} TPS | {seedApps / seconds / upsert:0.00} | every phase reported, 0 errors, 0 lost | {YesNo(errors == 0 && lost == 0)} |");
        }

        var court = CourtPhases(run, "seed-court");
        if (court is not null)
        {
            var reported = court.Phases.Count == 3 && court.Phases.All(p => p.Available);
            var errors = court.Phases.Sum(p => p.Errors);
            var result = reported
                ? string.Join("; ", court.Phases.Select(p => $"{p.Name} {p.Done:N0} in {p.Seconds:0.#} s = {p.Rate:N0}/s")) + $"; {errors} errors; {court.Check}"
                : "not every phase ran: " + string.Join("; ", court.Phases.Where(p => !p.Available).Select(p => $"{p.Name}: {p.Note}"));
            md.AppendLine($"| seed replay, court phases (accept, start review, batch confirm) | {result} | | | every phase reported, 0 errors, every JC CONFIRMED, case numbers without gaps | {YesNo(reported && errors == 0 && court.CheckPassed)} |");
        }

        var marginal = (run.RssFull - run.RssHalf) * 1.0 / Math.Max(1, run.SeedSize - run.SeedSize / 2);
        var average = (run.RssFull - run.RssStart) * 1.0 / Math.Max(1, run.SeedSize);
        var idle = $"idle silo {run.RssStart / 1024.0:N0} MiB"
            + (run.WarmSeedSize > 0 ? $" (after {run.WarmSeedSize:N0} warm-up applications idled out" + (run.RssCold > 0 ? $"; {run.RssCold / 1024.0:N0} MiB before any request)" : ")") : "");
        md.AppendLine($"| silo memory, {run.SeedSize:N0} applications active | {marginal:0.0} KiB resident per application (slope from {run.SeedSize / 2:N0} to {run.SeedSize:N0} active); {average:0.0} KiB averaged over the idle silo | {idle} | | ≤ 4 KiB per application | {YesNo(marginal <= 4 && average <= 4)} |");
        md.AppendLine($"| silo memory after the applications idled out | {run.RssIdle / 1024.0:N0} MiB resident (was {run.RssFull / 1024.0:N0} MiB with all active) | {idle} | {(run.RssFull - run.RssIdle) * 1.0 / Math.Max(1, run.RssFull - run.RssStart):0.00} of the growth returned | memory comes back | {YesNo(run.RssIdle <= run.RssStart + (run.RssFull - run.RssStart) / 4)} |");
        md.AppendLine();

        var costs = new[] { "submit-unique", "peer-submit-unique" }
            .Select(label => Path.Combine(run.Reports.FullName, label, "cost.txt"))
            .Where(File.Exists)
            .Select(path => File.ReadLines(path).First())
            .ToList();
        if (costs.Count > 0)
        {
            md.AppendLine("What a unique submission cost, counted (CPU of each process over the phase, divided by the applications stored):").AppendLine();
            foreach (var line in costs)
            {
                md.AppendLine($"- {line}");
            }

            md.AppendLine();
        }

        var platformDay = PlatformDay(run);
        if (platformDay.Count > 0)
        {
            md.AppendLine("Mixed platform day (20 platforms, 6 courts; open model at 80 % of the measured capacity of the mix):").AppendLine();
            md.AppendLine("| operation | share | calls/s | p50 ms | p99 ms | errors |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var op in platformDay)
            {
                md.AppendLine($"| {op.Name} | {op.Share:0}% | {op.Rps:N0} | {op.P50:0.#} | {op.P99:0.#} | {op.Errors} |");
            }

            md.AppendLine();
        }

        if (court is { Phases.Count: > 0 })
        {
            md.AppendLine($"Seed replay, court phases ({run.Concurrency} calls in flight; batches one judge per court, side by side with the mediation documents issued one by one):").AppendLine();
            md.AppendLine("| phase | applications | seconds | per second | p50 ms | p99 ms | errors |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var phase in court.Phases.Where(p => p.Available).SelectMany(p => p.Parts.Count > 0 ? p.Parts : [p]))
            {
                md.AppendLine($"| {phase.Name}{(phase.Calls > 0 && phase.Name.EndsWith(".jc", StringComparison.Ordinal) ? $" ({phase.Calls:N0} calls; latency per call)" : "")} | {phase.Done:N0} of {phase.Applications:N0} | {phase.Seconds:0.#} | {phase.Rate:N0} | {phase.P50:0.#} | {phase.P99:0.#} | {phase.Errors} |");
            }

            md.AppendLine().AppendLine($"Checked in PostgreSQL afterwards: {court.Check}.").AppendLine();
        }

        var courtDay = CourtDay(run);
        if (courtDay.Count > 0)
        {
            md.AppendLine("Court day (6 basic courts; open model at 80 % of the clerks' measured capacity; items/s: applications ruled per second by the batches, due at the clerks' pace; within a batch: batch size / mean batch latency):").AppendLine();
            md.AppendLine("| operation | calls/s | items/s | items/s within a batch | p50 ms | p99 ms | errors |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var op in courtDay)
            {
                md.AppendLine($"| {op.Name} | {op.Figures.Rps:N1} | {(op.ItemsPerS is { } items ? items.ToString("N0", Inv) : "")} | {(op.BatchItemsPerS is { } batch ? batch.ToString("N0", Inv) : "")} | {op.Figures.P50:0.#} | {op.Figures.P99:0.#} | {op.Figures.Errors} |");
            }

            var check = Entries(run, "court-day").Select(e => e.TryGetProperty("checks", out var c) ? c : default).FirstOrDefault(c => c.ValueKind == JsonValueKind.Object);
            if (check.ValueKind == JsonValueKind.Object)
            {
                md.AppendLine().AppendLine($"Checked in PostgreSQL afterwards: {CheckText(check)}.");
            }

            md.AppendLine();
        }

        var watched = Entries(run, "change-feed").Select(ToFiguresWithCapacity).ToList();
        var unwatched = Entries(run, "change-feed-unwatched").Select(ToFiguresWithCapacity).ToList();
        if (watched.Count > 0)
        {
            md.AppendLine("Change feed: the platform day and the court day together (each at half its own load), with 20 platforms each holding a WatchUpdates stream, and the same day without streams (latency of `.delivery`: from an update's occur_time to its receipt by the stream):").AppendLine();
            md.AppendLine("| operation | without streams: calls/s | capacity/s | p99 ms | with 20 streams: calls/s | capacity/s | p50 ms | p99 ms | errors |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var (op, capacity) in watched)
            {
                var without = unwatched.FirstOrDefault(u => u.Figures.Name == op.Name);
                md.AppendLine($"| {op.Name} | {(without.Figures is { } w ? w.Rps.ToString("N0", Inv) : "")} | {(without.Capacity is { } wc ? wc.ToString("N0", Inv) : "")} | {(without.Figures is { } w2 ? w2.P99.ToString("0.#", Inv) : "")} | {op.Rps:N0} | {(capacity is { } c ? c.ToString("N0", Inv) : "")} | {op.P50:0.#} | {op.P99:0.#} | {op.Errors} |");
            }

            md.AppendLine();
        }
        else
        {
            md.AppendLine("Not run: the change feed (scenarios change-feed and change-feed-unwatched).");
        }

        md.AppendLine("Each scenario's full report (console, Markdown, CSV, JSON and an HTML page with latency and RPS");
        md.AppendLine("over time) is in the run's report folder; `loadtests/reports/` is not committed.").AppendLine();
        return md.ToString();
    }

    private static string YesNo(bool met) => met ? "yes" : "**no**";

    private sealed record Figures(string Name, double Rps, double P50, double P99, long Errors, double Share);

    private sealed record SeedFigures(int Applications, double Seconds, long Errors, long Lost);

    private static JsonElement? Summary(BenchmarkRun run, string folder)
    {
        var path = Path.Combine(run.Reports.FullName, folder, "summary.json");
        return File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)).RootElement : null;
    }

    private static IEnumerable<JsonElement> Entries(BenchmarkRun run, string folder) =>
        Summary(run, folder) is { } root && root.TryGetProperty("scenarios", out var list) ? list.EnumerateArray() : [];

    private static Figures? Scenario(BenchmarkRun run, string folder, string name) =>
        Entries(run, folder).Where(e => e.GetProperty("name").GetString() == name).Select(ToFigures).FirstOrDefault();

    private static List<Figures> PlatformDay(BenchmarkRun run) =>
        [.. Entries(run, "platform-day").Where(e => e.TryGetProperty("group", out var g) && g.GetString() == "platform-day").Select(ToFigures)];

    private static (Figures Figures, double? Capacity) ToFiguresWithCapacity(JsonElement e) =>
        (ToFigures(e), e.TryGetProperty("capacity_rps", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : null);

    private static Figures ToFigures(JsonElement e) => new(
        e.GetProperty("name").GetString()!,
        Number(e, "rps"), Number(e, "p50_ms"), Number(e, "p99_ms"), (long)Number(e, "errors"), Number(e, "mix_percent"));

    private sealed record PhaseFigures(
        string Name, bool Available, string? Note, long Applications, long Done, double Seconds, double Rate, double P50, double P99, long Errors, long Calls, IReadOnlyList<PhaseFigures> Parts);

    private sealed record CourtFigures(IReadOnlyList<PhaseFigures> Phases, string Check, bool CheckPassed);

    private static CourtFigures? CourtPhases(BenchmarkRun run, string folder)
    {
        var entry = Entries(run, folder).FirstOrDefault(e => e.GetProperty("name").GetString() == "seed-replay");
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("phases", out var phases))
        {
            return null;
        }

        var list = phases.EnumerateArray().ToList();
        var court = list.Where(p => p.GetProperty("name").GetString() is "accept" or "start-review" or "batch-confirm").Select(ToPhase).ToList();
        var check = list.FirstOrDefault(p => p.GetProperty("name").GetString() == "verify-court");
        return new CourtFigures(
            court,
            check.ValueKind == JsonValueKind.Object ? CheckText(check) : "not checked",
            check.ValueKind == JsonValueKind.Object && check.TryGetProperty("passed", out var passed) && passed.ValueKind == JsonValueKind.True);
    }

    private static PhaseFigures ToPhase(JsonElement p) => new(
        p.GetProperty("name").GetString()!,
        p.TryGetProperty("available", out var available) && available.ValueKind == JsonValueKind.True,
        p.TryGetProperty("note", out var note) ? note.GetString() : null,
        (long)Number(p, "applications"), (long)Number(p, "acknowledged"), Number(p, "duration_s"), Number(p, "rate_per_s"),
        Number(p, "p50_ms"), Number(p, "p99_ms"), (long)Number(p, "errors"), (long)Number(p, "calls"),
        p.TryGetProperty("parts", out var parts) ? [.. parts.EnumerateArray().Select(ToPhase)] : []);

    private static string CheckText(JsonElement check)
    {
        if (!check.TryGetProperty("passed", out var passed) || passed.ValueKind != JsonValueKind.True)
        {
            return "**failed**: " + (check.TryGetProperty("note", out var note) ? note.GetString() : "see the summary");
        }

        var statuses = check.TryGetProperty("by_status", out var byStatus)
            ? string.Join(", ", byStatus.EnumerateObject().Select(s => $"{s.Value.GetInt64():N0} {s.Name}"))
            : "";
        return $"every application in the status its last act gave it ({statuses}); {Number(check, "case_number_groups"):N0} case-number sequences (court, year, type code) run from 1 without gaps or repeats";
    }

    private static List<(string Name, Figures Figures, double? ItemsPerS, double? BatchItemsPerS)> CourtDay(BenchmarkRun run) =>
        [.. Entries(run, "court-day")
            .Where(e => e.TryGetProperty("group", out var g) && g.GetString() == "court-day" && e.TryGetProperty("available", out var a) && a.ValueKind == JsonValueKind.True)
            .Select(e => (
                e.GetProperty("name").GetString()!,
                ToFigures(e),
                e.TryGetProperty("items_per_s", out var items) ? items.GetDouble() : (double?)null,
                e.TryGetProperty("batch_items_per_s", out var batch) ? batch.GetDouble() : (double?)null))];

    private static SeedFigures? Seed(BenchmarkRun run, string folder)
    {
        var entry = Entries(run, folder).FirstOrDefault(e => e.GetProperty("name").GetString() == "seed-replay");
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("phases", out var phases))
        {
            return null;
        }

        var submit = phases.EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == "submit");
        var verify = phases.EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == "verify");
        if (submit.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new SeedFigures((int)Number(submit, "acknowledged"), Number(submit, "duration_s"), (long)Number(submit, "errors"),
            verify.ValueKind == JsonValueKind.Object ? (long)Number(verify, "lost") : -1);
    }

    private static double Number(JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    private static string Machine()
    {
        var cores = Environment.ProcessorCount;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var gib = memory is null ? "?" : (long.Parse(memory, Inv) / 1024.0 / 1024.0).ToString("0", Inv);
        return $"{cores} cores ({cpu ?? "unknown CPU"}), {gib} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
