using System.Globalization;

namespace Exchange.Faults;

/// <summary>The driver's settings, given by run.sh as "--name value" pairs (see Program).</summary>
public sealed record Options(
    string Name,
    string Title,
    IReadOnlyList<Uri> Endpoints,
    string AdminKey,
    string Database,
    int Submissions,
    int Callers,
    string ProgressFile,
    string FaultFile,
    string Output,
    string Note)
{
    /// <summary>How long one submission is repeated before the driver gives up on it (counted as not acknowledged).</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(120);

    /// <summary>Each attempt's deadline, as a platform would set it.</summary>
    public static readonly TimeSpan AttemptDeadline = TimeSpan.FromSeconds(10);

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        int Number(string name) => int.Parse(Get(name), CultureInfo.InvariantCulture);
        return new Options(
            Get("name"),
            Get("title"),
            Get("endpoints").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => new Uri(e)).ToList(),
            File.ReadAllText(Get("admin-key-file")).Trim(),
            Get("db"),
            Number("submissions"),
            Number("callers"),
            Get("progress"),
            Get("fault-file"),
            Get("out"),
            values.GetValueOrDefault("note", ""));
    }
}
