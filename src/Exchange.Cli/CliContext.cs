using System.Runtime.CompilerServices;
using Exchange.Client;

[assembly: InternalsVisibleTo("Exchange.Client.Tests")]

namespace Exchange.Cli;

/// <summary>
/// What the CLI takes from its surroundings, so tests can run commands against fakes: the
/// output streams, environment variables, the clock, how a hub client is made, and standard
/// input (for "-" in place of a file; none when null).
/// </summary>
internal sealed record CliContext(
    TextWriter Out,
    TextWriter Error,
    Func<string, string?> GetEnvironmentVariable,
    TimeProvider TimeProvider,
    Func<Uri, string, ExchangeClientOptions, ExchangeClient> CreateClient,
    bool OutIsTerminal,
    TextReader? In = null)
{
    public static CliContext FromProcess() => new(
        Console.Out,
        Console.Error,
        Environment.GetEnvironmentVariable,
        TimeProvider.System,
        ExchangeClient.Create,
        !Console.IsOutputRedirected,
        Console.In);
}

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The hub or the database refused or failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line or its input was wrong; nothing was sent.</summary>
    public const int Usage = 2;
}

/// <summary>A problem with what the user asked for, reported without a stack trace, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A failure reported as a plain message, exit code 1.</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
