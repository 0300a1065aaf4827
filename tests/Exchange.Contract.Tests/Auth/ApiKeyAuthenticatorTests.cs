using Exchange.Gateway.Auth;
using Exchange.Contract.Tests.Storage;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage.Admin;

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
        using var authenticator = new ApiKeyAuthenticator(new CredentialStore(db.DataSource));

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
                Assert.Null(await authenticator.AuthenticateAsync(ApiKeys.Generate(), CancellationToken.None));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await changes;
        }
    }

    [DatabaseFact]
    public async Task AKeyOfAnotherForm_IsRefusedWithoutALookup()
    {
        await using var db = await ApplicationWrites.CreateDatabaseAsync();
        using var authenticator = new ApiKeyAuthenticator(new CredentialStore(db.DataSource));

        string[] malformed = ["exk_00000001notakey", "not-a-key", ApiKeys.Generate()[..^1] + "!", ApiKeys.Generate() + "A", ApiKeys.Generate().Replace("exk_", "exq_", StringComparison.Ordinal)];
        foreach (var token in malformed)
        {
            Assert.Null(await authenticator.AuthenticateAsync(token, CancellationToken.None));
        }

        // Nothing was looked up, so nothing was cached; a well-formed unknown key is looked up and cached.
        Assert.Equal(0, authenticator.CachedKeys);
        Assert.Null(await authenticator.AuthenticateAsync(ApiKeys.Generate(), CancellationToken.None));
        Assert.Equal(1, authenticator.CachedKeys);
    }

    [DatabaseFact]
    public async Task TheCache_OfUnknownKeys_StaysWithinItsBound()
    {
        await using var db = await ApplicationWrites.CreateDatabaseAsync();
        using var authenticator = new ApiKeyAuthenticator(new CredentialStore(db.DataSource), maxCachedKeys: 20);

        for (var i = 0; i < 100; i++)
        {
            Assert.Null(await authenticator.AuthenticateAsync(ApiKeys.Generate(), CancellationToken.None));
            Assert.InRange(authenticator.CachedKeys, 0, 20);
        }
    }
}
