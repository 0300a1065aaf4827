using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>A real silo, gateway or host process, started from the solution's build output.</summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubProcess(string name, Process process, string readyLine)
    {
        Name = name;
        this.process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, readyLine);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, readyLine);
        process.Exited += (_, _) =>
        {
            // Waits for the rest of its output, which tells why it stopped.
            process.WaitForExit();
            ready.TrySetException(new InvalidOperationException($"{name} exited with {process.ExitCode} before it was ready:\n{Output}"));
        };
    }

    public string Name { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>The process id (for /proc readings).</summary>
    public int ProcessId => process.Id;

    public static async Task<HubProcess> StartAsync(string project, IReadOnlyDictionary<string, string> environment, string readyLine, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet", [SolutionPaths.Output(project)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = SolutionPaths.Root,
        };
        // Testing only where a test shifts the hub's clock: a production hub refuses Exchange:ClockFile.
        var environmentName = environment.ContainsKey("Exchange__ClockFile") ? "Testing" : "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = environmentName;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var hub = new HubProcess(project, process, readyLine);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await hub.ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await hub.DisposeAsync();
            throw new TimeoutException($"{project} was not ready within {timeout}:\n{hub.Output}");
        }

        return hub;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine loses power.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        KeepLog();
        process.Dispose();
    }

    /// <summary>
    /// Writes the process's output to EXCHANGE_TEST_LOGS (test.sh sets it) when it logged an error,
    /// so that a failure seen only as a status (INTERNAL, "it has been logged") can be read after the run.
    /// </summary>
    private void KeepLog()
    {
        var folder = Environment.GetEnvironmentVariable("EXCHANGE_TEST_LOGS");
        var text = Output;
        if (string.IsNullOrEmpty(folder) || !(text.Contains("fail: ", StringComparison.Ordinal) || text.Contains("crit: ", StringComparison.Ordinal)))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{Name}-{process.Id}.log"), text);
    }

    private void OnLine(string? line, string readyLine)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (line.Contains(readyLine, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    /// <summary>
    /// A port no other fixture of this run was given and nothing listens on, taken below Linux's
    /// ephemeral range (32768–60999): a port the OS handed out for "port 0" could meanwhile become
    /// the source port of one of the many outgoing connections (PostgreSQL, Orleans) before the
    /// process that was meant to listen on it binds it.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref nextPort);
            if (port >= 32768)
            {
                throw new InvalidOperationException("no free port left below the ephemeral range");
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken by something else: try the next one.
            }
        }
    }

    // Spread test processes apart (only one runs at a time, but a stale one may still hold ports).
    private static int nextPort = 20000 + (Environment.ProcessId % 100) * 100;
}

public static class SolutionPaths
{
    public static string Root { get; } = FindRoot();

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string Output(string project) =>
        Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", project + ".dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Exchange.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Exchange.sln not found above " + AppContext.BaseDirectory);
    }
}
