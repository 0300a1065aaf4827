using System.Runtime.CompilerServices;
using Exchange.Client;
using Grpc.Core;
using Grpc.Net.Client;

[assembly: InternalsVisibleTo("Exchange.Client.Tests")]
[assembly: InternalsVisibleTo("Exchange.IntegrationTests")]

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
    Func<Uri, ExchangeClientOptions, UnauthenticatedHub> CreateUnauthenticated,
    bool OutIsTerminal,
    TextReader? In = null)
{
    public static CliContext FromProcess() => new(
        Console.Out,
        Console.Error,
        Environment.GetEnvironmentVariable,
        TimeProvider.System,
        ExchangeClient.Create,
        UnauthenticatedHub.Open,
        !Console.IsOutputRedirected,
        Console.In);
}

/// <summary>
/// A channel without an API key, for AdminService.Bootstrap, the one call made before any key
/// exists. Retries UNAVAILABLE as <see cref="ExchangeClient"/> does.
/// </summary>
internal sealed class UnauthenticatedHub(CallInvoker invoker, IDisposable? owner = null) : IDisposable
{
    public CallInvoker Invoker => invoker;

    public static UnauthenticatedHub Open(Uri endpoint, ExchangeClientOptions options)
    {
        var channelOptions = new GrpcChannelOptions { HttpHandler = options.HttpHandler ?? ExchangeTls.CreateHandler(options) };
        options.Retry.ApplyTo(channelOptions);
        var channel = GrpcChannel.ForAddress(endpoint, channelOptions);
        return new UnauthenticatedHub(channel.CreateCallInvoker(), channel);
    }

    public void Dispose() => owner?.Dispose();
}

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    public const string Help =
        "Exit codes: 0 done; 1 the hub refused or failed (its status, reason, field violations and details on stderr); "
        + "2 the command line or its input was wrong (nothing was sent); 3 `verify` found the history's hash chain broken.";

    public const int Ok = 0;

    /// <summary>The hub refused or failed, or could not be reached.</summary>
    public const int Failure = 1;

    /// <summary>The command line or its input was wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>`verify`: the hub answered, and its history's hash chain does not hold.</summary>
    public const int ChainBroken = 3;
}

/// <summary>A problem with what the user asked for, reported without a stack trace, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A failure reported as a plain message, exit code 1.</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
