using System.Text;

namespace Exchange.LoadTesting;

/// <summary>Writes the chosen report formats and returns the files it created.</summary>
internal static class ReportWriter
{
    public static IReadOnlyList<string> Write(RunResult run, string folder, string fileName, ReportFormat formats, TextWriter output)
    {
        if (formats.HasFlag(ReportFormat.Console))
        {
            output.WriteLine();
            output.Write(ConsoleReport.Render(run));
        }

        var files = new List<string>();
        if ((formats & ~ReportFormat.Console) == ReportFormat.None)
        {
            return files;
        }

        Directory.CreateDirectory(folder);
        void Save(string suffix, string content)
        {
            var path = Path.GetFullPath(Path.Combine(folder, fileName + suffix));
            File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            files.Add(path);
        }

        if (formats.HasFlag(ReportFormat.Markdown))
        {
            Save(".md", MarkdownReport.Render(run));
        }

        if (formats.HasFlag(ReportFormat.Csv))
        {
            Save(".csv", CsvReport.Stats(run));
            Save("-timeseries.csv", CsvReport.TimeSeries(run));
            Save("-thresholds.csv", CsvReport.Thresholds(run));
        }

        if (formats.HasFlag(ReportFormat.Json))
        {
            Save(".json", JsonReport.Render(run));
        }

        if (formats.HasFlag(ReportFormat.Html))
        {
            Save(".html", HtmlReport.Render(run));
        }

        return files;
    }
}
