using System.Globalization;
using System.Text;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;

namespace Exchange.Cli;

/// <summary>Text renderings for people. Times are shown in China Standard Time, as the courts count them.</summary>
internal static class Output
{
    public static string Receipt(Receipt receipt)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Application {receipt.ApplicationId}: {ProtoNames.Of(receipt.Status)}");
        AppendReceiptFields(text, receipt);
        return text.ToString();
    }

    public static string Application(Application application)
    {
        var receipt = application.Receipt ?? new Receipt();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Application {receipt.ApplicationId}: {ProtoNames.Of(application.Status)}");
        Line(text, "updated", Time(application.UpdateTime));
        Line(text, "version", application.Version.ToString(CultureInfo.InvariantCulture));
        if (application.WithdrawalRequestedTime is not null)
        {
            Line(text, "withdrawal", $"requested {Time(application.WithdrawalRequestedTime)}, waiting for the court's ruling");
        }

        var parties = application.ApplicationCase switch
        {
            V1.Application.ApplicationOneofCase.JudicialConfirmation => application.JudicialConfirmation.Applicants,
            V1.Application.ApplicationOneofCase.MediationDocument => application.MediationDocument.Parties,
            _ => null,
        };
        if (parties is not null)
        {
            Line(text, "parties", string.Join("; ", parties.Select(Party)));
        }

        if (application.CaseNumber.Length > 0)
        {
            Line(text, "case number", application.CaseNumber);
        }

        if (application.AcceptanceTime is not null)
        {
            Line(text, application.ApplicationCase == V1.Application.ApplicationOneofCase.MediationDocument ? "registered" : "accepted", Time(application.AcceptanceTime));
        }

        if (application.RulingTime is not null)
        {
            Line(text, "ruled", Time(application.RulingTime));
        }

        foreach (var deadline in application.Deadlines)
        {
            Line(text, "deadline", Deadline(deadline));
        }

        foreach (var item in application.RequestedItems)
        {
            Line(text, "requested", item);
        }

        if (application.SignedPartyIndexes.Count > 0)
        {
            Line(text, "signed by", "parties " + string.Join(", ", application.SignedPartyIndexes.Select(i => i.ToString(CultureInfo.InvariantCulture))));
        }

        AppendReceiptFields(text, receipt);
        return text.ToString();
    }

    /// <summary>"2026-12-01 REVIEW (closes 2026-12-02 00:00:00 +08:00)", with "provisional" and "OVERDUE" where they apply.</summary>
    public static string Deadline(Deadline deadline)
    {
        var text = new StringBuilder();
        text.Append(deadline.DueDate is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}") : LastDay(deadline.CloseTime));
        text.Append(' ').Append(ProtoNames.Of(deadline.Kind));
        if (deadline.Provisional)
        {
            text.Append(", provisional (the holiday calendar of a year involved is not loaded yet)");
        }

        if (deadline.OverdueFlagTime is not null)
        {
            text.Append(", OVERDUE since ").Append(Time(deadline.OverdueFlagTime));
        }

        return text.ToString();
    }

    /// <summary>
    /// The last day of a period whose close_time is 24:00 China Standard Time of that day, as the
    /// contract defines it: the CST date of the instant just before it closes; "-" when absent.
    /// </summary>
    public static string LastDay(Timestamp? closeTime) =>
        closeTime is null
            ? "-"
            : closeTime.ToDateTimeOffset().AddTicks(-1).ToOffset(SampleDates.ChinaStandardTime)
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void WriteTable(CliContext context, ListApplicationsResponse response)
    {
        if (response.Applications.Count == 0)
        {
            context.Out.WriteLine("No applications.");
        }
        else
        {
            var console = CreateConsole(context);

            // Spectre measures East Asian wide characters, so court codes and case ids line up.
            var table = NewTable(context)
                .AddColumns("id", "case id", "type", "court", "status", "received (+08:00)");
            foreach (var a in response.Applications)
            {
                table.AddRow(
                    Markup.Escape(a.ApplicationId),
                    Markup.Escape(a.PlatformCaseId),
                    TypeShort(a.Type),
                    Markup.Escape(a.CourtCode),
                    ProtoNames.Of(a.Status),
                    Time(a.ReceivedTime));
            }

            table.Caption("JC = judicial confirmation, MD = mediation document");
            console.Write(table);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{response.Applications.Count} application(s)."));
        }

        if (response.NextPageToken.Length > 0)
        {
            context.Out.WriteLine($"More: list --page-token {response.NextPageToken} (with the same filters), or --all");
        }
    }

    /// <summary>A console over the command's output: plain text when piped, ANSI on a terminal.</summary>
    /// <param name="context">Where the output goes.</param>
    /// <param name="interactive">Whether live displays (a progress bar) may redraw the screen.</param>
    public static IAnsiConsole CreateConsole(CliContext context, bool interactive = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Out),
            Ansi = context.OutIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.OutIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive && context.OutIsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!context.OutIsTerminal)
        {
            // Piped output has no width to honour; don't wrap rows at 80 columns.
            console.Profile.Width = 200;
        }

        return console;
    }

    public static Table NewTable(CliContext context) =>
        new Table().Border(context.OutIsTerminal ? TableBorder.Rounded : TableBorder.Ascii);

    /// <summary>"2026-11-29 07:10:40" in China Standard Time; "-" when absent.</summary>
    public static string Time(Timestamp? timestamp) =>
        timestamp is null
            ? "-"
            : timestamp.ToDateTimeOffset().ToOffset(SampleDates.ChinaStandardTime)
                .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void AppendReceiptFields(StringBuilder text, Receipt receipt)
    {
        Line(text, "type", ProtoNames.Of(receipt.Type));
        Line(text, "case id", receipt.PlatformCaseId);
        Line(text, "court", $"{receipt.CourtCode} {receipt.CourtName}".Trim());
        Line(text, "received", Time(receipt.ReceivedTime) + " (+08:00)");
        Line(text, "payload", "sha256 " + receipt.PayloadSha256);
        if (receipt.Warnings.Count == 0)
        {
            Line(text, "warnings", "none");
        }
        else
        {
            Line(text, "warnings", receipt.Warnings.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var warning in receipt.Warnings)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    - {warning.Code} at {warning.Field}: {warning.Message}");
            }
        }
    }

    private static string Party(Party party)
    {
        var who = party.IdentityCase switch
        {
            V1.Party.IdentityOneofCase.NaturalPerson => party.NaturalPerson.Name,
            V1.Party.IdentityOneofCase.Organization => party.Organization.Name,
            _ => "?",
        };
        return $"{who} ({ProtoNames.Of(party.Side)})";
    }

    public static string TypeShort(ApplicationType type) => type switch
    {
        ApplicationType.JudicialConfirmation => "JC",
        ApplicationType.MediationDocument => "MD",
        _ => ProtoNames.Of(type),
    };

    private static void Line(StringBuilder text, string label, string value) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"  {label,-13}{value}");
}
