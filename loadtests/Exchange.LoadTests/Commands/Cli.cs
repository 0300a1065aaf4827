using System.CommandLine;

namespace Exchange.LoadTests.Commands;

/// <summary>The command line of the load-test program.</summary>
public static class Cli
{
    /// <summary>Exit code of a usage error (as the exchange CLI): bad options, unknown scenario.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Parses and runs a command.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Exchange load tests: the echo baseline, provisioning, scenarios against the hub, memory probes.")
        {
            EchoServerCommand.Create(),
            ProvisionCommand.Create(),
            RunCommand.Create(),
            RssCommand.Create(),
            ActivateCommand.Create(),
            WriteBenchmarksCommand.Create(),
        };
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message);
            }

            await Console.Error.WriteLineAsync("Run with --help (or '<command> --help') for usage.");
            return UsageExitCode;
        }

        return await parseResult.InvokeAsync();
    }
}
