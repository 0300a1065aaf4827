using System.Globalization;
using System.Text;
using Exchange.V1;
using Spectre.Console;

namespace Exchange.Cli;

/// <summary>Text renderings of the court's docket, history, statistics and batch results.</summary>
internal static class CourtOutput
{
    public static void WriteDocket(CliContext context, ListDocketResponse response)
    {
        if (response.Entries.Count == 0)
        {
            context.Out.WriteLine("No applications.");
        }
        else
        {
            var table = Output.NewTable(context)
                .AddColumns("id", "case number", "type", "status", "platform", "received (+08:00)", "next deadline", "deadline state");
            foreach (var e in response.Entries)
            {
                table.AddRow(
                    Markup.Escape(e.ApplicationId),
                    Markup.Escape(e.CaseNumber.Length > 0 ? e.CaseNumber : "-"),
                    Output.TypeShort(e.Type),
                    ProtoNames.Of(e.Status) + (e.WithdrawalRequestedTime is null ? "" : " (withdrawal asked)"),
                    Markup.Escape(e.PlatformId),
                    Output.Time(e.ReceivedTime),
                    e.NextDeadlineTime is null ? "-" : $"{Output.LastDay(e.NextDeadlineTime)} {ProtoNames.Of(e.NextDeadlineKind)}",
                    ProtoNames.Of(e.DeadlineState));
            }

            table.Caption("JC = judicial confirmation, MD = mediation document; next deadline = its last day (China Standard Time) and kind");
            Output.CreateConsole(context).Write(table);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{response.Entries.Count} application(s)."));
        }

        if (response.NextPageToken.Length > 0)
        {
            context.Out.WriteLine($"More: docket --page-token {response.NextPageToken} (with the same filters), or --all");
        }
    }

    public static void WriteHistory(CliContext context, string applicationId, GetHistoryResponse history)
    {
        context.Out.WriteLine($"History of {applicationId}:");
        if (history.Events.Count == 0)
        {
            context.Out.WriteLine("No events.");
            return;
        }

        var table = Output.NewTable(context).AddColumns("#", "time (+08:00)", "event", "by", "status after", "reason, details");
        foreach (var e in history.Events)
        {
            var facts = new List<string>();
            if (e.Reason.Length > 0)
            {
                facts.Add(e.Reason);
            }

            facts.AddRange(e.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));
            table.AddRow(
                e.Sequence.ToString(CultureInfo.InvariantCulture),
                Output.Time(e.OccurTime),
                Markup.Escape(e.Kind),
                Markup.Escape(Actor(e.Actor)),
                ProtoNames.Of(e.StatusAfter),
                Markup.Escape(string.Join("; ", facts)));
        }

        Output.CreateConsole(context).Write(table);
    }

    public static void WriteStatistics(CliContext context, CourtStatistics statistics)
    {
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Court {statistics.CourtCode}: {statistics.Total} application(s)."));
        var console = Output.CreateConsole(context);
        if (statistics.Counts.Count > 0)
        {
            var counts = Output.NewTable(context).AddColumns("month (+08:00)", "type", "status", "count");
            counts.Columns[3].RightAligned();
            foreach (var c in statistics.Counts)
            {
                counts.AddRow(Markup.Escape(c.Month), Output.TypeShort(c.Type), ProtoNames.Of(c.Status), c.Count.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(counts);
        }

        if (statistics.Durations.Count > 0)
        {
            var durations = Output.NewTable(context).AddColumns("type", "receipt → acceptance", "acceptance → ruling");
            foreach (var d in statistics.Durations)
            {
                durations.AddRow(Output.TypeShort(d.Type), Duration(d.ReceiptToAcceptance), Duration(d.AcceptanceToRuling));
            }

            durations.Caption("days: mean, p90 (n = applications that reached both events)");
            console.Write(durations);
        }
    }

    /// <summary>"Confirmed 2,497 of 2,500; 3 failed:" and one line per failure with its decoded status.</summary>
    public static string BatchSummary(BatchRuleResponse response, int total, string verb)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{verb} {response.Succeeded:N0} of {total:N0} application(s)");
        if (response.Results.Count < total)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({total - response.Results.Count:N0} not ruled)");
        }

        if (response.Failed == 0)
        {
            return text.AppendLine(".").ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"; {response.Failed:N0} failed:");
        foreach (var result in response.Results.Where(r => !CourtClient.IsSuccess(r)))
        {
            var error = ExchangeError.FromStatus(result.Status).ToString().Replace(Environment.NewLine, Environment.NewLine + "    ", StringComparison.Ordinal);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {result.ApplicationId}: {error}");
        }

        return text.ToString();
    }

    private static string Actor(Actor? actor)
    {
        if (actor is null)
        {
            return "-";
        }

        var kind = actor.Kind == V1.Actor.Types.Kind.Unspecified ? "" : ProtoNames.Of(actor.Kind).ToLowerInvariant() + " ";
        return (kind + actor.Id + (actor.Name.Length > 0 ? " " + actor.Name : "")).Trim();
    }

    private static string Duration(DurationSummary? summary) =>
        summary is null || summary.Count == 0
            ? "-"
            : string.Create(CultureInfo.InvariantCulture, $"{summary.MeanDays:0.0}, p90 {summary.P90Days:0.0} (n = {summary.Count:N0})");
}
