using System.CommandLine;
using Exchange.LoadTests.Hub;
using Npgsql;

namespace Exchange.LoadTests.Commands;

/// <summary><c>provision --db CONN --platforms 20 --out keys.json</c>: platforms and court keys, straight into PostgreSQL.</summary>
internal static class ProvisionCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "Npgsql connection string of the hub's database (its schema must exist: start the hub once)", Required = true };
        var platforms = CliOptions.AtLeast("--platforms", "Platforms to register: load-platform-01, -02, ...", 20, 1, 99);
        var output = new Option<string>("--out") { Description = "File to write the keys to (JSON, readable by the owner only)", DefaultValueFactory = _ => "keys.json" };
        var command = new Command("provision", "Register the load-test platforms (existing ones are kept) and issue new keys to them and to each sample court") { db, platforms, output };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var count = parseResult.GetValue(platforms);
            var path = parseResult.GetValue(output)!;
            LoadKeys keys;
            try
            {
                keys = await Provisioner.ProvisionAsync(parseResult.GetValue(db)!, count, cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                await Console.Error.WriteLineAsync($"error: cannot provision in PostgreSQL: {ex.Message}");
                return 1;
            }

            keys.Save(path);
            Console.WriteLine($"Provisioned {keys.Platforms.Count} platforms ({keys.Platforms[0].Id} .. {keys.Platforms[^1].Id}) and {keys.Courts.Count} court keys; keys in {Path.GetFullPath(path)}");
            return 0;
        });
        return command;
    }
}
