using System.Net;
using System.Security.Cryptography;
using System.Text;
using Exchange.Domain;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Npgsql;

namespace Exchange.Peer;

/// <summary>
/// The running peer: Kestrel on 127.0.0.1 with cleartext HTTP/2 and the gateway's 4 MiB receive
/// limit (as the echo baseline is hosted), the filing service, and its pool of connections to
/// PostgreSQL. Its schema is created and the platforms' keys registered before it listens.
/// </summary>
public sealed class PeerServer : IAsyncDisposable
{
    private const int MaxReceiveMessageSize = 4 * 1024 * 1024;

    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _dataSource;

    private PeerServer(WebApplication app, NpgsqlDataSource dataSource)
    {
        _app = app;
        _dataSource = dataSource;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:5382.</summary>
    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Creates the schema, registers the keys and starts listening.</summary>
    /// <param name="port">Port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="connectionString">Npgsql connection string of the database the peer's schema goes in.</param>
    /// <param name="platformKeys">The platforms that may call, with their API keys.</param>
    /// <returns>The started server; dispose to stop it.</returns>
    public static async Task<PeerServer> StartAsync(int port, string connectionString, IEnumerable<(string PlatformId, string Key)> platformKeys, CancellationToken cancellationToken)
    {
        // The peer changes no session state, so a pooled connection needs no reset when it is
        // returned (and keeps its prepared statements).
        var dataSource = new NpgsqlDataSourceBuilder(connectionString) { ConnectionStringBuilder = { NoResetOnClose = true } }.Build();
        try
        {
            var store = new PeerStore(dataSource);
            await store.CreateSchemaAsync(cancellationToken);
            await store.RegisterKeysAsync(platformKeys.Select(p => (p.PlatformId, SHA256.HashData(Encoding.UTF8.GetBytes(p.Key)))), cancellationToken);

            var builder = WebApplication.CreateBuilder();
            // As the gateway's appsettings.json: warnings only, and the start-up lines.
            builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = MaxReceiveMessageSize);
            builder.Services.AddSingleton(store);
            builder.Services.AddSingleton<PeerKeys>();
            builder.Services.AddSingleton(CourtRegistry.LoadSample());
            var app = builder.Build();
            app.MapGrpcService<PeerFilingService>();
            await app.StartAsync(cancellationToken);
            return new PeerServer(app, dataSource);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
