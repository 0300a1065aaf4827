using System.Text.Json;
using Exchange.Peer;

// Exchange.Peer --port N --db CONNECTION_STRING --keys KEYS_JSON
// The benchmark's stateless peer (docs/BENCHMARKS.md): serves until SIGTERM. KEYS_JSON is the file
// the load tests' `provision` writes; its platforms' keys are the ones the peer accepts.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

if (!options.TryGetValue("--port", out var portText) || !int.TryParse(portText, out var port)
    || !options.TryGetValue("--db", out var db) || !options.TryGetValue("--keys", out var keysPath))
{
    await Console.Error.WriteLineAsync("usage: Exchange.Peer --port N --db CONNECTION_STRING --keys KEYS_JSON");
    return 2;
}

using var keys = JsonDocument.Parse(await File.ReadAllTextAsync(keysPath));
var platforms = keys.RootElement.GetProperty("platforms").EnumerateArray()
    .Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("key").GetString()!))
    .ToList();
await using var server = await PeerServer.StartAsync(port, db, platforms, CancellationToken.None);
Console.WriteLine($"Peer ready: {server.Address} ({platforms.Count} platforms)");
await server.WaitForShutdownAsync();
return 0;
