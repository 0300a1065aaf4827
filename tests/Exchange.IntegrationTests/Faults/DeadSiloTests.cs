using System.Diagnostics;
using System.Globalization;
using Exchange.IntegrationTests.Infrastructure;
using Grpc.Core;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.Faults;

/// <summary>A hub whose silo's gateway port the test reads in /proc/net/tcp.</summary>
public sealed class DeadSiloHubFixture : HubFixture
{
    public int SiloGateway => SiloGatewayPort;
}

/// <summary>
/// Calls in flight to a silo that is killed answer within seconds (OUTCOME_UNKNOWN for a change:
/// repeat it with the same request id), not after the gateway's 60 s response timeout — which the
/// caller saw as DEADLINE_EXCEEDED, a code the client library does not repeat.
/// </summary>
public sealed class DeadSiloTests(DeadSiloHubFixture hub, ITestOutputHelper output) : IClassFixture<DeadSiloHubFixture>
{
    private const int Calls = 8;

    [DatabaseFact]
    public async Task CallsInFlight_WhenTheSiloIsKilled_AnswerWithinSeconds()
    {
        await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("dead-silo-warm"), hub.AsPlatformA);

        // Frozen, the silo holds the calls sent to it unanswered: they are in flight once their
        // bytes wait in its socket.
        Signal("STOP", hub.Silo.ProcessId);
        var baseline = UnreadBytes(hub.SiloGateway);
        var calls = Enumerable.Range(0, Calls).Select(i => AnswerAsync(i)).ToList();
        await Probe.UntilAsync(() => Task.FromResult(UnreadBytes(hub.SiloGateway)), n => n >= baseline + (Calls * 1000), TimeSpan.FromSeconds(30));

        var killed = Stopwatch.GetTimestamp();
        await hub.Silo.KillAsync();
        var answers = await Task.WhenAll(calls);
        var afterKill = answers.Select(a => (a.Code, After: Stopwatch.GetElapsedTime(killed, a.Answered))).ToList();
        foreach (var (code, after) in afterKill)
        {
            output.WriteLine($"{code} {after.TotalSeconds:F1} s after the kill");
        }

        Assert.All(afterKill, a => Assert.Contains(a.Code, new[] { StatusCode.Unknown, StatusCode.Unavailable }));
        Assert.All(afterKill, a => Assert.True(a.After < TimeSpan.FromSeconds(5), $"answered {a.After.TotalSeconds:F1} s after the kill"));
    }

    /// <summary>One submission with a 40 s deadline: its status, and when it was answered (a Stopwatch timestamp).</summary>
    private async Task<(StatusCode Code, long Answered)> AnswerAsync(int i)
    {
        try
        {
            await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("dead-silo-" + i.ToString(CultureInfo.InvariantCulture)), HubFixture.As(hub.PlatformAKey, TimeSpan.FromSeconds(40)));
            return (StatusCode.OK, Stopwatch.GetTimestamp());
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Bytes received and not yet read on the connections to local port <paramref name="port"/> (/proc/net/tcp's rx_queue).</summary>
    private static long UnreadBytes(int port)
    {
        var local = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        long total = 0;
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[1].EndsWith(local, StringComparison.Ordinal))
            {
                total += long.Parse(fields[4].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
