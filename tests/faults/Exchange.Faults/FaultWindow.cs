using System.Globalization;

namespace Exchange.Faults;

/// <summary>
/// When run.sh applied the fault and when it finished (its restarts included): "start MS" and
/// "end MS" lines (milliseconds since the Unix epoch) in the fault file.
/// </summary>
public sealed record FaultWindow(long Start, long End)
{
    public static async Task<FaultWindow> WaitAsync(string file, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var lines = File.Exists(file) ? await File.ReadAllLinesAsync(file) : [];
            long? Read(string name) => lines.Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
                .Select(l => (long?)long.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();
            if (Read("start") is { } start && Read("end") is { } end)
            {
                return new FaultWindow(start, end);
            }

            // run.sh is still applying the fault (a restart takes seconds): ask again shortly.
            await Task.Delay(200);
        }

        throw new TimeoutException($"run.sh did not finish the fault within {timeout} ({file})");
    }
}
