using Exchange.Gateway.Auth;
using Exchange.Contract.Tests.Storage;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage.Admin;
using Microsoft.Extensions.Caching.Memory;

namespace Exchange.Contract.Tests.Auth;

/// <summary>
/// A credential change drops the gateway's cached lookups (<see cref="ApiKeyAuthenticator.Forget"/>)
/// while other calls are authenticating: those calls must still get their answer. Once, the source
/// they held was disposed under them and the calls failed with INTERNAL (seen in the suite under load).
/// </summary>
public sealed class ApiKeyAuthenticatorTests
{
    [DatabaseFact]
    public async Task ACredentialChange_DuringALookup_LeavesTheLookupItsAnswer()
    {
        await using var db = await ApplicationWrites.CreateDatabaseAsync();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var authenticator = new ApiKeyAuthenticator(new CredentialStore(db.DataSource), cache);

        // Changes arrive all the time on one thread while lookups of unknown keys (each a real
        // round trip to the database) run on another.
        using var stop = new CancellationTokenSource();
        var changes = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                authenticator.Forget();
            }
        });
        try
        {
            for (var i = 0; i < 300; i++)
            {
                Assert.Null(await authenticator.AuthenticateAsync($"exk_{i:D8}notakey", CancellationToken.None));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await changes;
        }
    }
}
