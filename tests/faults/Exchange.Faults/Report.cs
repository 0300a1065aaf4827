using System.Globalization;
using System.Text;
using Grpc.Core;

namespace Exchange.Faults;

/// <summary>One fault's section of docs/RELIABILITY.md.</summary>
public static class Report
{
    /// <summary>Statuses counted "during the fault": from its start to this long after its end (the clients' retries settle).</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    public static string Section(Options options, LoadResult load, FaultWindow fault, (bool Served, double Seconds) recovered, StoreCheck check)
    {
        var ok = load.Attempts.Where(a => a.Code == StatusCode.OK).Select(a => a.At).Order().ToList();
        var (gap, gapStart) = LongestGap(ok);
        var inFlight = load.Attempts.Where(a => a.Sent < fault.Start && a.At >= fault.Start).ToList();
        var during = load.Attempts.Where(a => a.At >= fault.Start && a.At <= fault.End + (long)Settle.TotalMilliseconds).ToList();
        var text = new StringBuilder();
        string S(double ms) => (ms / 1000).ToString("F1", CultureInfo.InvariantCulture) + " s";
        text.AppendLine(CultureInfo.InvariantCulture, $"## {options.Title}");
        text.AppendLine();
        if (options.Note.Length > 0)
        {
            text.AppendLine(options.Note);
            text.AppendLine();
        }

        text.AppendLine("| | |");
        text.AppendLine("|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| submissions, callers | {options.Submissions:N0}, {options.Callers} (each repeated with the same platform case id until acknowledged, up to {Options.GiveUpAfter.TotalSeconds:F0} s) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **acknowledged** | {check.Acknowledged:N0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **lost** (acknowledged, not in PostgreSQL as acknowledged) | {check.Lost} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **duplicated** (two application ids or rows for one case) | {check.Duplicated} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| given up after {Options.GiveUpAfter.TotalSeconds:F0} s | {load.GaveUp} (stored without an acknowledgement: {check.StoredNotAcknowledged}) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| refused for good | {(load.Refused.IsEmpty ? "none" : string.Join(", ", load.Refused.Select(r => $"{Code(r.Key)} {r.Value}")))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **longest gap in successful answers** | {S(gap)} ({Relative(gapStart - fault.Start)} the fault began) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| fault applied, until run.sh's part ended | {S(fault.End - fault.Start)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **calls in flight when the fault began: answered within** | {inFlight.Count} calls, the last {S(inFlight.Count == 0 ? 0 : inFlight.Max(a => a.At) - fault.Start)} after it began ({(inFlight.Count == 0 ? "none" : string.Join(", ", inFlight.GroupBy(a => a.Code).OrderBy(g => g.Key).Select(g => $"{Code(g.Key)} {g.Count()}")))}) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **recovered without restarting the surviving processes** | {(recovered.Served ? "yes" : "no")} (a new submission and its read answered {recovered.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s after the load ended) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| load duration | {S(load.EndedAt - load.StartedAt)} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Client-side statuses of all attempts (the whole run; from the fault's start to {Settle.TotalSeconds:F0} s after its end):");
        text.AppendLine();
        text.AppendLine("| status | whole run | during the fault |");
        text.AppendLine("|---|---:|---:|");
        foreach (var code in load.Attempts.Select(a => a.Code).Distinct().Order())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Code(code)} | {load.Attempts.Count(a => a.Code == code):N0} | {during.Count(a => a.Code == code):N0} |");
        }

        text.AppendLine();
        return text.ToString();
    }

    private static string Relative(long ms) =>
        (Math.Abs(ms) / 1000.0).ToString("F1", CultureInfo.InvariantCulture) + (ms < 0 ? " s before" : " s after");

    private static (double Gap, long Start) LongestGap(List<long> okTimes)
    {
        var (gap, start) = (0L, okTimes.FirstOrDefault());
        for (var i = 1; i < okTimes.Count; i++)
        {
            if (okTimes[i] - okTimes[i - 1] > gap)
            {
                (gap, start) = (okTimes[i] - okTimes[i - 1], okTimes[i - 1]);
            }
        }

        return (gap, start);
    }

    private static string Code(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.DataLoss => "DATA_LOSS",
        _ => code.ToString().ToUpperInvariant(),
    };
}
