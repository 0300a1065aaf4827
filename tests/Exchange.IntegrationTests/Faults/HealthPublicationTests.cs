using System.Diagnostics;
using Exchange.IntegrationTests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.Faults;

/// <summary>
/// The gRPC health service answers from the last published result: a prober with a 1 s deadline
/// reads NOT_SERVING while PostgreSQL hangs or is stopped, instead of timing out while the checks
/// wait for the store (3.1 s per call when every call ran them).
/// </summary>
public sealed class HealthPublicationTests(OwnPostgresHubFixture hub, ITestOutputHelper output) : IClassFixture<OwnPostgresHubFixture>
{
    private static readonly TimeSpan ProberDeadline = TimeSpan.FromSeconds(1);

    [DatabaseFact]
    public async Task Health_WithAOneSecondDeadline_AnswersNotServing_WhilePostgreSqlHangs_AndWhileItIsStopped()
    {
        var client = new Health.HealthClient(hub.Channel);
        await UntilAsync(client, HealthCheckResponse.Types.ServingStatus.Serving, TimeSpan.FromSeconds(30));

        // Hung: every server process stopped (SIGSTOP), so connections and queries wait instead of failing.
        var hung = new List<int>();
        try
        {
            hung.AddRange(ServerProcesses());
            Signal("STOP", hung);
            var (frozen, frozenCodes) = await UntilAsync(client, HealthCheckResponse.Types.ServingStatus.NotServing, TimeSpan.FromSeconds(15));
            output.WriteLine($"hung store: NOT_SERVING after {frozen.TotalSeconds:F1} s; other answers: {string.Join(", ", frozenCodes)}");
            Assert.DoesNotContain(StatusCode.DeadlineExceeded, frozenCodes);
        }
        finally
        {
            Signal("CONT", hung);
        }

        await UntilAsync(client, HealthCheckResponse.Types.ServingStatus.Serving, TimeSpan.FromSeconds(30));
        await hub.StopPostgresAsync();
        try
        {
            var (stopped, stoppedCodes) = await UntilAsync(client, HealthCheckResponse.Types.ServingStatus.NotServing, TimeSpan.FromSeconds(15));
            output.WriteLine($"stopped store: NOT_SERVING after {stopped.TotalSeconds:F1} s; other answers: {string.Join(", ", stoppedCodes)}");
            Assert.DoesNotContain(StatusCode.DeadlineExceeded, stoppedCodes);
            Assert.True(stopped < TimeSpan.FromSeconds(5), $"NOT_SERVING only after {stopped}");
        }
        finally
        {
            await hub.StartPostgresAsync();
        }

        await UntilAsync(client, HealthCheckResponse.Types.ServingStatus.Serving, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Asks with the prober's 1 s deadline every 100 ms until <paramref name="wanted"/>; returns the
    /// time it took and the failed calls' codes (which must not include DEADLINE_EXCEEDED).
    /// </summary>
    private static async Task<(TimeSpan Took, List<StatusCode> Failures)> UntilAsync(
        Health.HealthClient client, HealthCheckResponse.Types.ServingStatus wanted, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<StatusCode>();
        while (clock.Elapsed < timeout)
        {
            try
            {
                var answer = await client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + ProberDeadline);
                if (answer.Status == wanted)
                {
                    return (clock.Elapsed, failures);
                }
            }
            catch (RpcException ex)
            {
                failures.Add(ex.StatusCode);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"health did not answer {wanted} within {timeout}; failed calls: {string.Join(", ", failures)}");
    }

    /// <summary>The fixture's own PostgreSQL: its postmaster (postmaster.pid) and the postmaster's children.</summary>
    private List<int> ServerProcesses()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(hub.DataFolder, "db", "postmaster.pid")).First());
        var processes = new List<int> { postmaster };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ParentOf(pid) == postmaster)
            {
                processes.Add(pid);
            }
        }

        return processes;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void Signal(string signal, IEnumerable<int> processes)
    {
        foreach (var pid in processes)
        {
            using var kill = Process.Start("kill", ["-" + signal, pid.ToString()]);
            kill.WaitForExit();
        }
    }
}
