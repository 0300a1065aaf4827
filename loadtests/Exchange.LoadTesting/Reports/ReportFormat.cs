namespace Exchange.LoadTesting;

/// <summary>Report outputs; combine with <c>|</c>.</summary>
[Flags]
public enum ReportFormat
{
    /// <summary>No reports.</summary>
    None = 0,

    /// <summary>A plain-text table written to the runner's output when the run ends.</summary>
    Console = 1,

    /// <summary>A Markdown file (<c>.md</c>), e.g. for pull requests.</summary>
    Markdown = 2,

    /// <summary>CSV files: statistics, time series and thresholds (<c>.csv</c>, <c>-timeseries.csv</c>, <c>-thresholds.csv</c>).</summary>
    Csv = 4,

    /// <summary>The whole <see cref="RunResult"/> as JSON (<c>.json</c>).</summary>
    Json = 8,

    /// <summary>A self-contained HTML page with inline SVG charts (<c>.html</c>).</summary>
    Html = 16,

    /// <summary>Every format.</summary>
    All = Console | Markdown | Csv | Json | Html,
}
