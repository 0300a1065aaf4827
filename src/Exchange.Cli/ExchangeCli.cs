using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Exchange.Client;
using Grpc.Core;

namespace Exchange.Cli;

/// <summary>The `exchange` command line: filing, court and admin commands against the hub's gRPC services.</summary>
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
            "Exchange: file mediation applications with Chinese courts through the hub (platform key), answer them as a court (court key), "
            + "and administer the hub (admin key). " + ExitCodes.Help)
        {
            globals.Endpoint,
            globals.Key,
            globals.Json,
            globals.Timeout,
            globals.CaFile,
            globals.ClientCert,
            globals.ClientKey,
        };
        FilingCommands.AddTo(root, globals, context);
        AnswerCommands.AddTo(root, globals, context);
        CourtCommands.AddTo(root, globals, context);
        WatchCommands.AddTo(root, globals, context);
        VerifyCommand.AddTo(root, globals, context);
        root.Add(CallbackCommands.Create(globals, context));
        root.Add(AttachmentCommands.Create(globals, context));
        root.Add(DocumentCommands.Create(globals, context));
        root.Add(AdminCommands.Create(globals, context));
        root.Add(TlsCommands.NewClientCertificate(context));
        return root;
    }

    /// <summary>
    /// Runs one command's body and turns the failures every command shares into a message on
    /// stderr and an exit code.
    /// </summary>
    /// <param name="context">Where messages go.</param>
    /// <param name="body">The command.</param>
    /// <param name="key">The key the command sent and where it came from, named when the hub does not know it.</param>
    public static async Task<int> GuardAsync(CliContext context, Func<Task<int>> body, string key = "the API key (--key or EXCHANGE_API_KEY)")
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
            if (ex.StatusCode == StatusCode.Unauthenticated)
            {
                await context.Error.WriteLineAsync($"  hint: check {key}");
            }

            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("cancelled");
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
        Description = "The platform's or the court's API key (default: $EXCHANGE_API_KEY); the admin commands take --admin-key",
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

    public Option<string> CaFile { get; } = new("--ca-file")
    {
        Description = "Trust only this CA (PEM or DER) for the hub's https:// certificate, e.g. .exchange/tls/ca.crt (default: $EXCHANGE_CA_FILE, else the machine's trust store)",
        HelpName = "file",
        Recursive = true,
    };

    public Option<string> ClientCert { get; } = new("--client-cert")
    {
        Description = "A client certificate for mutual TLS: PEM (its key in --client-key or the same file) or PKCS#12 .pfx/.p12 "
            + "(password in $EXCHANGE_CLIENT_CERT_PASSWORD). Bound to a platform, it authenticates without --key (default: $EXCHANGE_CLIENT_CERT)",
        HelpName = "file",
        Recursive = true,
    };

    public Option<string> ClientKey { get; } = new("--client-key")
    {
        Description = "The PEM private key of --client-cert (default: $EXCHANGE_CLIENT_KEY)",
        HelpName = "file",
        Recursive = true,
    };

    /// <summary>Makes a hub client from --endpoint and --key (or their environment variables), or a bound client certificate alone.</summary>
    public ExchangeClient CreateClient(ParseResult parseResult, CliContext context)
    {
        var key = parseResult.GetValue(Key) ?? NonEmpty(context.GetEnvironmentVariable("EXCHANGE_API_KEY"));
        if (key is null)
        {
            var options = ClientOptions(parseResult, context);
            return options.ClientCertificate is null
                ? throw new UsageException("no API key: pass --key or set EXCHANGE_API_KEY (see 'exchange admin register-platform' and 'register-court'), "
                    + "or --client-cert with a certificate bound to your platform")
                : ExchangeClient.Create(ResolveEndpoint(parseResult, context, requireHttps: true), null, options);
        }

        return CreateClient(parseResult, context, key, "--key");
    }

    /// <summary>Makes a hub client from --endpoint that sends <paramref name="key"/> (given as <paramref name="keyOption"/>).</summary>
    public ExchangeClient CreateClient(ParseResult parseResult, CliContext context, string key, string keyOption)
    {
        try
        {
            ApiKeyInterceptor.ValidateApiKey(key);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"the key ({keyOption}) must be printable ASCII without spaces");
        }

        var endpoint = ResolveEndpoint(parseResult, context);
        if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
        {
            context.Error.WriteLine($"warning: the API key travels unencrypted to {endpoint.Host}; use https:// outside development");
        }

        return context.CreateClient(endpoint, key, ClientOptions(parseResult, context));
    }

    /// <summary>A connection to --endpoint that sends no key, for the one call that needs none (AdminService.Bootstrap).</summary>
    public UnauthenticatedHub CreateUnauthenticated(ParseResult parseResult, CliContext context) =>
        context.CreateUnauthenticated(ResolveEndpoint(parseResult, context), ClientOptions(parseResult, context));

    /// <summary>The deadline of a call starting now: --timeout seconds from now.</summary>
    public DateTime Deadline(ParseResult parseResult, CliContext context) =>
        context.TimeProvider.GetUtcNow().UtcDateTime.AddSeconds(parseResult.GetValue(Timeout));

    private Uri ResolveEndpoint(ParseResult parseResult, CliContext context, bool requireHttps = false)
    {
        var endpointText = parseResult.GetValue(Endpoint)
            ?? NonEmpty(context.GetEnvironmentVariable("EXCHANGE_ENDPOINT"))
            ?? ExchangeCli.DefaultEndpoint;
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--endpoint must be an http:// or https:// address, not '{endpointText}'");
        }

        if (requireHttps && endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new UsageException($"a client certificate travels only over TLS: --endpoint must be an https:// address, not '{endpointText}'");
        }

        return endpoint;
    }

    private ExchangeClientOptions ClientOptions(ParseResult parseResult, CliContext context) => new()
    {
        DefaultTimeout = TimeSpan.FromSeconds(parseResult.GetValue(Timeout)),
        TimeProvider = context.TimeProvider,
        CaCertificate = Certificate(parseResult.GetValue(CaFile) ?? NonEmpty(context.GetEnvironmentVariable("EXCHANGE_CA_FILE")), "--ca-file",
            file => ExchangeTls.LoadCertificate(file, withKey: false)),
        ClientCertificate = Certificate(parseResult.GetValue(ClientCert) ?? NonEmpty(context.GetEnvironmentVariable("EXCHANGE_CLIENT_CERT")), "--client-cert",
            file => ExchangeTls.LoadCertificate(file, parseResult.GetValue(ClientKey) ?? NonEmpty(context.GetEnvironmentVariable("EXCHANGE_CLIENT_KEY")),
                NonEmpty(context.GetEnvironmentVariable("EXCHANGE_CLIENT_CERT_PASSWORD")))),
    };

    private static X509Certificate2? Certificate(string? file, string option, Func<string, X509Certificate2> load)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            return load(file);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"{option} {file}: {ex.Message}");
        }
    }

    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
