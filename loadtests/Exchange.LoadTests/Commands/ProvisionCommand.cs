using System.CommandLine;
using Exchange.LoadTests.Hub;
using Grpc.Core;

namespace Exchange.LoadTests.Commands;

/// <summary><c>provision --endpoint URL --admin-key KEY --platforms 20 --out keys.json</c>: platforms and court keys, through AdminService.</summary>
internal static class ProvisionCommand
{
    public static Command Create()
    {
        var endpoint = new Option<string>("--endpoint") { Description = "The hub's gateway", DefaultValueFactory = _ => "http://127.0.0.1:5180" };
        // No DefaultValueFactory: --help prints defaults, and the key is a secret.
        var adminKey = new Option<string>("--admin-key") { Description = "An admin key of the hub (default: $EXCHANGE_ADMIN_KEY)" };
        var platforms = CliOptions.AtLeast("--platforms", "Platforms to register: load-platform-01, -02, ...", 20, 1, 99);
        var output = new Option<string>("--out") { Description = "File to write the keys to (JSON, readable by the owner only)", DefaultValueFactory = _ => "keys.json" };
        var command = new Command("provision", "Register the load-test platforms (existing ones get another key) and issue new keys to them and to each sample court")
        {
            endpoint, adminKey, platforms, output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var key = parseResult.GetValue(adminKey) ?? Environment.GetEnvironmentVariable("EXCHANGE_ADMIN_KEY");
            if (string.IsNullOrEmpty(key))
            {
                await Console.Error.WriteLineAsync("error: no admin key: pass --admin-key or set EXCHANGE_ADMIN_KEY");
                return 2;
            }

            var count = parseResult.GetValue(platforms);
            var path = parseResult.GetValue(output)!;
            LoadKeys keys;
            try
            {
                keys = await Provisioner.ProvisionAsync(parseResult.GetValue(endpoint)!, key, count, cancellationToken);
            }
            catch (RpcException ex)
            {
                await Console.Error.WriteLineAsync($"error: cannot provision through AdminService: {ex.StatusCode}: {ex.Status.Detail}");
                return 1;
            }

            keys.Save(path);
            Console.WriteLine($"Provisioned {keys.Platforms.Count} platforms ({keys.Platforms[0].Id} .. {keys.Platforms[^1].Id}) and {keys.Courts.Count} court keys; keys in {Path.GetFullPath(path)}");
            return 0;
        });
        return command;
    }
}
