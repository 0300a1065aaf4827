using System.CommandLine;

namespace Exchange.LoadTests.Commands;

/// <summary><c>rss --pid N</c>: a process's resident set in KiB (VmRSS of /proc/N/status), for the memory measurement.</summary>
internal static class RssCommand
{
    public static Command Create()
    {
        var pid = CliOptions.AtLeast("--pid", "Process id", 0, 1);
        pid.Required = true;
        var command = new Command("rss", "Print a process's resident set size in KiB (from /proc/<pid>/status VmRSS)") { pid };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = $"/proc/{parseResult.GetValue(pid)}/status";
            string[] lines;
            try
            {
                lines = await File.ReadAllLinesAsync(path, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: cannot read {path}: {ex.Message}");
                return 1;
            }

            // "VmRSS:\t  123456 kB"
            var line = lines.FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var fields = line?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields is not [_, var kib, "kB"])
            {
                await Console.Error.WriteLineAsync($"error: {path} has no VmRSS line (a kernel thread or a zombie?)");
                return 1;
            }

            Console.WriteLine(kib);
            return 0;
        });
        return command;
    }
}
