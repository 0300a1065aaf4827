using System.CommandLine;
using System.Globalization;
using System.Net;
using Grpc.Core;
using Npgsql;

namespace Exchange.Cli;

/// <summary>The `exchange` command line: filing and court commands against the hub, admin commands against its database.</summary>
internal static class ExchangeCli
{
    public const string DefaultEndpoint = "http://127.0.0.1:5180";

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = Build(context);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // System.CommandLine exits 1 on parse errors; 2 is the convention for usage errors
            // and keeps them apart from the hub's refusals.
            foreach (var error in parseResult.Errors)
            {
                await context.Error.WriteLineAsync("error: " + error.Message);
            }

            await context.Error.WriteLineAsync("Run 'exchange --help' (or '<command> --help') for usage.");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(
            new InvocationConfiguration { Output = context.Out, Error = context.Error },
            cancellationToken);
    }

    public static RootCommand Build(CliContext context)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand(
            "Exchange: file mediation applications with Chinese courts through the hub (platform key), and answer them as a court (court key).")
        {
            globals.Endpoint,
            globals.Key,
            globals.Json,
            globals.Timeout,
        };
        FilingCommands.AddTo(root, globals, context);
        AnswerCommands.AddTo(root, globals, context);
        CourtCommands.AddTo(root, globals, context);
        root.Add(AdminCommands.Create(globals, context));
        return root;
    }

    /// <summary>
    /// Runs one command's body and turns the failures every command shares into a message on
    /// stderr and an exit code.
    /// </summary>
    public static async Task<int> GuardAsync(CliContext context, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (UsageException ex)
        {
            await context.Error.WriteLineAsync("error: " + ex.Message);
            return ExitCodes.Usage;
        }
        catch (CommandFailedException ex)
        {
            await context.Error.WriteLineAsync("error: " + ex.Message);
            return ExitCodes.Failure;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
            await context.Error.WriteLineAsync("cancelled");
            return ExitCodes.Failure;
        }
        catch (RpcException ex)
        {
            await context.Error.WriteLineAsync("error: " + ExchangeError.FromException(ex));
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("cancelled");
            return ExitCodes.Failure;
        }
        catch (PostgresException ex)
        {
            await context.Error.WriteLineAsync($"error: PostgreSQL refused: {ex.SqlState}: {ex.MessageText}");
            return ExitCodes.Failure;
        }
        catch (NpgsqlException ex)
        {
            await context.Error.WriteLineAsync($"error: cannot use PostgreSQL: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}

/// <summary>The options every command takes (recursive, so they may follow the command name).</summary>
internal sealed class GlobalOptions
{
    public Option<string> Endpoint { get; } = new("--endpoint")
    {
        Description = $"The hub's address (default: $EXCHANGE_ENDPOINT, else {ExchangeCli.DefaultEndpoint})",
        Recursive = true,
    };

    // No DefaultValueFactory: --help prints defaults, and this one would print the key.
    public Option<string> Key { get; } = new("--key")
    {
        Description = "The platform's or the court's API key (default: $EXCHANGE_API_KEY)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print proto3 JSON instead of text",
        Recursive = true,
    };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds allowed for each call to the hub, retries included",
        DefaultValueFactory = _ => 30,
        Recursive = true,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<int>() <= 0)
                {
                    result.AddError("--timeout must be a positive number of seconds");
                }
            },
        },
    };

    /// <summary>Makes a hub client from --endpoint and --key (or their environment variables).</summary>
    public ExchangeClient CreateClient(ParseResult parseResult, CliContext context)
    {
        var endpointText = parseResult.GetValue(Endpoint)
            ?? NonEmpty(context.GetEnvironmentVariable("EXCHANGE_ENDPOINT"))
            ?? ExchangeCli.DefaultEndpoint;
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--endpoint must be an http:// or https:// address, not '{endpointText}'");
        }

        var key = parseResult.GetValue(Key) ?? NonEmpty(context.GetEnvironmentVariable("EXCHANGE_API_KEY"))
            ?? throw new UsageException("no API key: pass --key or set EXCHANGE_API_KEY (see 'exchange admin register-platform' and 'register-court')");
        try
        {
            ApiKeyInterceptor.ValidateApiKey(key);
        }
        catch (ArgumentException)
        {
            throw new UsageException("the API key must be printable ASCII without spaces");
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
        {
            context.Error.WriteLine($"warning: the API key travels unencrypted to {endpoint.Host}; use https:// outside development");
        }

        var options = new ExchangeClientOptions
        {
            DefaultTimeout = TimeSpan.FromSeconds(parseResult.GetValue(Timeout)),
            TimeProvider = context.TimeProvider,
        };
        return context.CreateClient(endpoint, key, options);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
