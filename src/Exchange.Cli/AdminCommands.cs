using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Exchange.Cli;

/// <summary>
/// admin register-platform, register-court and revoke-key: work directly on the hub's PostgreSQL
/// tables, because they create the credentials the gRPC API itself requires.
/// </summary>
internal static partial class AdminCommands
{
    public const string DefaultConnection = "Host=127.0.0.1;Port=55432;Username=postgres;Database=exchange";

    public const string SchemaMissingMessage = "the schema is missing: start the hub once (see README) and retry";

    // Court codes and names are Chinese: print them as they are, not as \uXXXX escapes.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(GlobalOptions globals, CliContext context)
    {
        // No DefaultValueFactory: --help prints defaults, and $EXCHANGE_DB may hold a password.
        var connection = new Option<string>("--connection")
        {
            Description = $"PostgreSQL connection string (default: $EXCHANGE_DB, else \"{DefaultConnection}\")",
            Recursive = true,
        };
        var admin = new Command("admin", "Register platforms and courts and manage their API keys (needs the hub's database)")
        {
            connection,
        };
        admin.Add(RegisterPlatform(globals, connection, context));
        admin.Add(RegisterCourt(globals, connection, context));
        admin.Add(RevokeKey(globals, connection, context));
        return admin;
    }

    /// <summary>Platform ids end up in logs, URLs and metrics labels: keep them plain.</summary>
    public static bool IsValidPlatformId(string id) => PlatformIdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex PlatformIdPattern();

    private static Command RegisterPlatform(GlobalOptions globals, Option<string> connection, CliContext context)
    {
        var id = new Option<string>("--id") { Description = "The platform's id, 1–64 characters of A–Z a–z 0–9 . _ -", Required = true };
        id.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !IsValidPlatformId(value))
            {
                result.AddError($"--id '{value}' must be 1–64 characters of A–Z a–z 0–9 . _ - starting with a letter or digit");
            }
        });
        var name = new Option<string>("--name") { Description = "The platform's display name", Required = true };
        name.Validators.Add(result => RequireText(result, "--name", 200));

        var command = new Command("register-platform", "Register a mediation platform and issue it an API key") { id, name };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var platformId = parseResult.GetRequiredValue(id);
            var displayName = parseResult.GetRequiredValue(name).Trim();
            await using var db = await OpenAsync(parseResult, connection, context, ct);
            await using var tx = await db.BeginTransactionAsync(ct);

            await using (var insert = new NpgsqlCommand(
                "INSERT INTO exchange_platforms (platform_id, display_name) VALUES (@id, @name) ON CONFLICT (platform_id) DO NOTHING",
                db, tx))
            {
                insert.Parameters.AddWithValue("id", platformId);
                insert.Parameters.AddWithValue("name", displayName);
                await insert.ExecuteNonQueryAsync(ct);
            }

            string storedName;
            await using (var select = new NpgsqlCommand("SELECT display_name FROM exchange_platforms WHERE platform_id = @id", db, tx))
            {
                select.Parameters.AddWithValue("id", platformId);
                storedName = (string)(await select.ExecuteScalarAsync(ct))!;
            }

            if (storedName != displayName)
            {
                await context.Error.WriteLineAsync(
                    $"note: platform '{platformId}' is already registered as '{storedName}'; keeping that name and issuing another key for it");
            }

            var key = await InsertCredentialAsync(db, tx, "platform", platformId, storedName, ct);
            await tx.CommitAsync(ct);
            await PrintKeyAsync(context, parseResult.GetValue(globals.Json), "platform", platformId, storedName, key);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command RegisterCourt(GlobalOptions globals, Option<string> connection, CliContext context)
    {
        var court = new Option<string>("--court") { Description = "The court code, e.g. 新0102", Required = true };
        court.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } code && !CourtCodes.IsWellFormed(code))
            {
                result.AddError($"--court '{code}' is not a court code (a province abbreviation and 2 or 4 digits, e.g. 新0102)");
            }
        });
        var name = new Option<string>("--name") { Description = "Who holds the key, e.g. the clerk office (default: \"<court> clerk office\")" };
        name.Validators.Add(result => RequireText(result, "--name", 200));

        var command = new Command("register-court", "Issue an API key to a court's clerk office") { court, name };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var code = parseResult.GetRequiredValue(court);
            var displayName = parseResult.GetValue(name)?.Trim() ?? $"{code} clerk office";
            await using var db = await OpenAsync(parseResult, connection, context, ct);
            await using var tx = await db.BeginTransactionAsync(ct);
            var key = await InsertCredentialAsync(db, tx, "court", code, displayName, ct);
            await tx.CommitAsync(ct);
            await PrintKeyAsync(context, parseResult.GetValue(globals.Json), "court", code, displayName, key);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command RevokeKey(GlobalOptions globals, Option<string> connection, CliContext context)
    {
        var prefix = new Option<string>("--prefix") { Description = $"The key's first {ApiKeys.PrefixLength} characters, as printed when it was issued", Required = true };
        prefix.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && value.Length != ApiKeys.PrefixLength)
            {
                result.AddError($"--prefix must be exactly {ApiKeys.PrefixLength} characters (e.g. exk_AbCd1234)");
            }
        });

        var command = new Command("revoke-key", "Revoke an API key; calls made with it fail with UNAUTHENTICATED") { prefix };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, async () =>
        {
            var keyPrefix = parseResult.GetRequiredValue(prefix);
            await using var db = await OpenAsync(parseResult, connection, context, ct);
            await using var tx = await db.BeginTransactionAsync(ct);

            var matches = new List<(string Kind, string Id, string Name, DateTime? RevokedAt)>();
            await using (var select = new NpgsqlCommand(
                "SELECT principal_kind, principal_id, display_name, revoked_at FROM exchange_credentials WHERE key_prefix = @p FOR UPDATE",
                db, tx))
            {
                select.Parameters.AddWithValue("p", keyPrefix);
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    matches.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTime>(3)));
                }
            }

            var live = matches.Where(m => m.RevokedAt is null).ToList();
            if (matches.Count == 0)
            {
                throw new CommandFailedException($"no key starts with '{keyPrefix}'");
            }

            if (live.Count > 1)
            {
                // 48 random bits make this near impossible, but revoking someone else's key by
                // accident would be worse than asking.
                throw new CommandFailedException(
                    $"{live.Count} live keys start with '{keyPrefix}' ({string.Join(", ", live.Select(m => $"{m.Kind} {m.Id}"))}); revoke them in the database");
            }

            if (live.Count == 0)
            {
                var revoked = matches[0];
                await context.Out.WriteLineAsync($"Key {keyPrefix}… of {revoked.Kind} {revoked.Id} was already revoked at {revoked.RevokedAt:u}.");
                return ExitCodes.Ok;
            }

            await using (var update = new NpgsqlCommand(
                "UPDATE exchange_credentials SET revoked_at = now() WHERE key_prefix = @p AND revoked_at IS NULL", db, tx))
            {
                update.Parameters.AddWithValue("p", keyPrefix);
                await update.ExecuteNonQueryAsync(ct);
            }

            await tx.CommitAsync(ct);
            var (kind, principalId, displayName, _) = live[0];
            await context.Out.WriteLineAsync(parseResult.GetValue(globals.Json)
                ? JsonSerializer.Serialize(new { revoked = keyPrefix, principalKind = kind, principalId }, JsonOptions)
                : $"Revoked key {keyPrefix}… of {kind} {principalId} ({displayName}).");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<NpgsqlConnection> OpenAsync(
        ParseResult parseResult, Option<string> connection, CliContext context, CancellationToken ct)
    {
        var connectionString = parseResult.GetValue(connection)
            ?? (context.GetEnvironmentVariable("EXCHANGE_DB") is { Length: > 0 } env ? env : DefaultConnection);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--connection is not a PostgreSQL connection string: {ex.Message}");
        }

        var db = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await db.OpenAsync(ct);
            await using var check = new NpgsqlCommand(
                "SELECT to_regclass('exchange_platforms') IS NOT NULL AND to_regclass('exchange_credentials') IS NOT NULL", db);
            if (await check.ExecuteScalarAsync(ct) is not true)
            {
                throw new UsageException(SchemaMissingMessage);
            }

            return db;
        }
        catch (Exception ex) when (ex is NpgsqlException and not PostgresException)
        {
            await db.DisposeAsync();
            // Name the server without the password a connection string may carry.
            throw new CommandFailedException($"cannot reach PostgreSQL at {builder.Host}:{builder.Port} (database {builder.Database}): {ex.Message}");
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> InsertCredentialAsync(
        NpgsqlConnection db, NpgsqlTransaction tx, string kind, string principalId, string displayName, CancellationToken ct)
    {
        var key = ApiKeys.Generate();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO exchange_credentials (key_hash, key_prefix, principal_kind, principal_id, display_name)
            VALUES (@hash, @prefix, @kind, @id, @name)
            """,
            db, tx);
        insert.Parameters.AddWithValue("hash", ApiKeys.Hash(key));
        insert.Parameters.AddWithValue("prefix", ApiKeys.PrefixOf(key));
        insert.Parameters.AddWithValue("kind", kind);
        insert.Parameters.AddWithValue("id", principalId);
        insert.Parameters.AddWithValue("name", displayName);
        await insert.ExecuteNonQueryAsync(ct);
        return key;
    }

    /// <summary>
    /// The key alone goes to stdout, so `KEY=$(exchange admin register-platform …)` captures it;
    /// what it is and that it is shown only once go to stderr, which a person still sees.
    /// </summary>
    private static async Task PrintKeyAsync(CliContext context, bool json, string kind, string principalId, string displayName, string key)
    {
        await context.Error.WriteLineAsync($"Registered {kind} {principalId} ({displayName}).");
        await context.Error.WriteLineAsync(
            $"API key, prefix {ApiKeys.PrefixOf(key)}: it is shown only once — the hub keeps only its SHA-256. Store it now.");
        await context.Out.WriteLineAsync(json
            ? JsonSerializer.Serialize(new { principalKind = kind, principalId, displayName, keyPrefix = ApiKeys.PrefixOf(key), apiKey = key }, JsonOptions)
            : key);
    }

    private static void RequireText(System.CommandLine.Parsing.OptionResult result, string option, int maxLength)
    {
        if (result.GetValueOrDefault<string>() is { } value && (value.Trim().Length == 0 || value.Trim().Length > maxLength))
        {
            result.AddError($"{option} must be 1–{maxLength} characters");
        }
    }
}
