namespace Exchange.LoadTesting.Tests;

/// <summary>Runs scenarios quietly: no progress, no report files.</summary>
internal static class Run
{
    public static Task<RunResult> QuietAsync(params Scenario[] scenarios) =>
        LoadRunner.RegisterScenarios(scenarios)
            .WithReportFormats(ReportFormat.None)
            .WithProgress(false)
            .RunAsync();

    public static StatusStats? Status(this CallStats stats, string status) =>
        stats.ByStatus.SingleOrDefault(s => s.Status == status);

    public static long CountOf(this CallStats stats, string status) => stats.Status(status)?.Count ?? 0;
}
