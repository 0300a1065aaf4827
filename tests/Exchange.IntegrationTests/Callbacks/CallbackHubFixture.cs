using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage.Feed;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.Callbacks;

/// <summary>
/// A hub whose callback figures are shortened (Exchange:Callbacks:*) so that a test sees a
/// timeout, a rotation's grace period and a pause within seconds; otherwise the real thing.
/// </summary>
public sealed class CallbackHubFixture : HubFixture
{
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan PauseAfter = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan SecretGrace = TimeSpan.FromSeconds(15);

    /// <summary>Long enough for anything the deliverer should do on a loaded machine.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>
    {
        ["Exchange__Callbacks__Timeout"] = DeliveryTimeout.ToString(),
        ["Exchange__Callbacks__PauseAfter"] = PauseAfter.ToString(),
        ["Exchange__Callbacks__SecretGrace"] = SecretGrace.ToString(),
        // Backoff 1 s, then 2 s at most: a restarted receiver is found again quickly.
        ["Exchange__Callbacks__MaxBackoff"] = "00:00:02",
        ["Exchange__Callbacks__PollInterval"] = "00:00:00.250",
    };

    /// <summary>A platform of its own for one test (so no other test's updates reach its endpoint).</summary>
    public async Task<CallbackPlatform> NewPlatformAsync(string id)
    {
        var key = await RegisterAsync("platform", id, "回调测试平台 " + id);
        return new CallbackPlatform(id, key, new CourtFlow(Channel, key, CourtKey, Court));
    }

    /// <summary>The codec of this hub's resume tokens (read from its database, as the gateway does).</summary>
    public ValueTask<FeedTokenCodec> TokensAsync() => new FeedTokens(Database.DataSource).GetCodecAsync(CancellationToken.None);

    public FeedStore Feed => new(Database.DataSource);
}

public sealed record CallbackPlatform(string Id, string Key, CourtFlow Flow)
{
    public FilingService.FilingServiceClient Filing => Flow.Filing;

    public CallOptions As => HubFixture.As(Key);

    public FeedRecipient Recipient => FeedRecipient.Platform(Id);

    public async Task<IReadOnlyList<Delivery>> DeliveriesAsync() =>
        (await Filing.ListDeliveriesAsync(new ListDeliveriesRequest { PageSize = 1000 }, As)).Deliveries;

    public Task<CallbackEndpoint> EndpointAsync() => Filing.GetCallbackEndpointAsync(new GetCallbackEndpointRequest(), As).ResponseAsync;
}

[CollectionDefinition(Name)]
public sealed class CallbackHubCollection : ICollectionFixture<CallbackHubFixture>
{
    public const string Name = "callback hub";
}
