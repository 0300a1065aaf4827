using Exchange.Client;
using Exchange.IntegrationTests.Admin;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage.Feed;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.Callbacks;

/// <summary>The FilingService's callback methods: each success path and each documented error, through a real gateway.</summary>
[Collection(CallbackHubCollection.Name)]
public sealed class CallbackEndpointTests(CallbackHubFixture hub)
{
    [DatabaseFact]
    public async Task SetGetRotateDelete_ShowTheSecretOnlyWhenMade_AndDeleteForgetsTheEndpoint()
    {
        var platform = await hub.NewPlatformAsync("cb-lifecycle");
        var created = await platform.Filing.SetCallbackEndpointAsync(new SetCallbackEndpointRequest { Url = "https://mediation.example.cn/exchange" }, platform.As);
        Assert.Equal("https://mediation.example.cn/exchange", created.Url);
        Assert.Equal(CallbackEndpoint.Types.State.Active, created.State);
        Assert.Equal(43, created.Secret.Length);
        Assert.Equal(0, created.PendingUpdates);

        var got = await platform.EndpointAsync();
        Assert.Empty(got.Secret);
        Assert.Equal(created.SecretCreateTime, got.SecretCreateTime);

        var changed = await platform.Filing.SetCallbackEndpointAsync(new SetCallbackEndpointRequest { Url = "http://localhost:9/x" }, platform.As);
        Assert.Equal("http://localhost:9/x", changed.Url);
        Assert.Empty(changed.Secret);
        Assert.Equal(created.SecretCreateTime, changed.SecretCreateTime);

        var rotated = await platform.Filing.RotateCallbackSecretAsync(new RotateCallbackSecretRequest(), platform.As);
        Assert.Equal(43, rotated.Secret.Length);
        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.True(rotated.SecretCreateTime.ToDateTimeOffset() >= created.SecretCreateTime.ToDateTimeOffset());

        var deleted = await platform.Filing.DeleteCallbackEndpointAsync(new DeleteCallbackEndpointRequest(), platform.As);
        Assert.Equal("http://localhost:9/x", deleted.Url);
        Assert.Empty(deleted.Secret);
        await AssertNoEndpointAsync(platform);
        Assert.Equal(0, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_callback_endpoints WHERE platform_id = $1", platform.Id));

        // Set after a delete: a new endpoint with a new secret.
        var again = await platform.Filing.SetCallbackEndpointAsync(new SetCallbackEndpointRequest { Url = "https://mediation.example.cn/exchange" }, platform.As);
        Assert.NotEmpty(again.Secret);
        Assert.NotEqual(rotated.Secret, again.Secret);
    }

    [DatabaseFact]
    public async Task WithoutAnEndpoint_GetRotateAndDelete_AreNotFound_NoCallbackEndpoint()
    {
        var platform = await hub.NewPlatformAsync("cb-none");
        await AssertNoEndpointAsync(platform);
        var rotate = await RpcAssert.FailsWith(StatusCode.NotFound, () => platform.Filing.RotateCallbackSecretAsync(new RotateCallbackSecretRequest(), platform.As).ResponseAsync);
        Assert.Equal("NO_CALLBACK_ENDPOINT", rotate.Info().Reason);
        var delete = await RpcAssert.FailsWith(StatusCode.NotFound, () => platform.Filing.DeleteCallbackEndpointAsync(new DeleteCallbackEndpointRequest(), platform.As).ResponseAsync);
        Assert.Equal("NO_CALLBACK_ENDPOINT", delete.Info().Reason);
        Assert.Empty((await platform.Filing.ListDeliveriesAsync(new ListDeliveriesRequest(), platform.As)).Deliveries);
    }

    [DatabaseTheory]
    [InlineData("")]
    [InlineData("http://mediation.example.cn/exchange")]
    [InlineData("http://10.0.0.8/exchange")]
    [InlineData("ftp://127.0.0.1/exchange")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("https://user:password@mediation.example.cn/")]
    [InlineData("TOO_LONG")]
    public async Task SetCallbackEndpoint_AUrlThatIsNotAllowed_IsInvalidArgumentNamingUrl_AndChangesNothing(string url)
    {
        if (url == "TOO_LONG")
        {
            url = "https://mediation.example.cn/" + new string('a', 2001 - "https://mediation.example.cn/".Length);
        }

        var platform = await hub.NewPlatformAsync("cb-url-" + Guid.NewGuid().ToString("N")[..8]);
        await platform.Filing.SetCallbackEndpointAsync(new SetCallbackEndpointRequest { Url = "https://ok.example.cn/cb" }, platform.As);
        var before = await platform.EndpointAsync();

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => platform.Filing.SetCallbackEndpointAsync(new SetCallbackEndpointRequest { Url = url }, platform.As).ResponseAsync);
        Assert.Equal(["url"], status.ViolatedFields());
        Assert.Equal(before, await platform.EndpointAsync());
    }

    [DatabaseFact]
    public async Task SetCallbackEndpoint_AcceptsHttpsAndLoopbackHttp()
    {
        var platform = await hub.NewPlatformAsync("cb-url-ok");
        foreach (var url in new[] { "https://mediation.example.cn:8443/cb?x=1", "http://127.0.0.1:8080/cb", "http://[::1]:8080/cb", "http://localhost/cb" })
        {
            Assert.Equal(url, (await platform.Filing.SetCallbackEndpointAsync(new SetCallbackEndpointRequest { Url = url }, platform.As)).Url);
        }
    }

    [DatabaseFact]
    public async Task SetCallbackEndpoint_AMalformedOrAnotherPlatformsToken_IsInvalidArgument_ExpiredIsOutOfRange_AndNothingIsCreated()
    {
        var platform = await hub.NewPlatformAsync("cb-tokens");
        var tokens = await hub.TokensAsync();
        foreach (var token in new[] { "not-a-token", tokens.Encode(FeedRecipient.Platform(HubFixture.PlatformB), 0), tokens.Encode(FeedRecipient.Court(HubFixture.Court), 0) })
        {
            var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => platform.Filing.SetCallbackEndpointAsync(
                new SetCallbackEndpointRequest { Url = "https://ok.example.cn/cb", ResumeToken = token }, platform.As).ResponseAsync);
            Assert.Equal(["resume_token"], status.ViolatedFields());
        }

        // A token of another epoch (the feed was rebuilt since): expired. So is one beyond the feed's end.
        await using var keyQuery = hub.Database.DataSource.CreateCommand("SELECT token_key FROM exchange_feed_relay");
        var key = (byte[])(await keyQuery.ExecuteScalarAsync())!;
        foreach (var token in new[] { new FeedTokenCodec(Guid.NewGuid(), key).Encode(platform.Recipient, 0), tokens.Encode(platform.Recipient, 1000) })
        {
            var expired = await RpcAssert.FailsWith(StatusCode.OutOfRange, () => platform.Filing.SetCallbackEndpointAsync(
                new SetCallbackEndpointRequest { Url = "https://ok.example.cn/cb", ResumeToken = token }, platform.As).ResponseAsync);
            Assert.Equal("RESUME_TOKEN_EXPIRED", expired.Info().Reason);
        }

        await AssertNoEndpointAsync(platform);
    }

    [DatabaseFact]
    public async Task SetCallbackEndpoint_WithAResumeToken_DeliversFromRightAfterIt()
    {
        var platform = await hub.NewPlatformAsync("cb-from-token");
        var first = (await platform.Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var second = (await platform.Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        // Both in the platform's feed; resume right after the first's submission.
        var page = await Probe.UntilAsync(
            () => hub.Feed.ReadAsync(platform.Recipient, 0, FeedFilter.None, 100, CancellationToken.None),
            p => p.Entries.Any(e => e.EventId == $"{second}/1"), CallbackHubFixture.Wait);
        var after = page.Entries.Single(e => e.EventId == $"{first}/1").Position;
        var expected = page.Entries.Where(e => e.Position > after).Select(e => e.EventId).ToList();
        Assert.Contains($"{second}/1", expected);
        Assert.DoesNotContain($"{first}/1", expected);

        await using var receiver = new CallbackReceiver().Start();
        var endpoint = await platform.Filing.SetCallbackEndpointAsync(
            new SetCallbackEndpointRequest { Url = receiver.Url, ResumeToken = (await hub.TokensAsync()).Encode(platform.Recipient, after) }, platform.As);
        Assert.Equal(expected.Count, endpoint.PendingUpdates);
        await Probe.UntilAsync(platform.EndpointAsync, e => e.PendingUpdates == 0, CallbackHubFixture.Wait);
        Assert.Equal(expected, receiver.Accepted.Select(r => r.EventId!).Distinct());
        // Each update carries the token the stream would continue from: its own position.
        var last = CallbackSignature.ParseUpdate(receiver.Accepted[^1].Body);
        Assert.Equal((await hub.TokensAsync()).Encode(platform.Recipient, page.Entries[^1].Position), last.ResumeToken);
    }

    [DatabaseTheory]
    [InlineData(-1, "")]
    [InlineData(1001, "")]
    [InlineData(0, "not*a*token")]
    public async Task ListDeliveries_APageSizeOutOfRangeOrAMalformedToken_IsInvalidArgument(int pageSize, string pageToken)
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => hub.Filing.ListDeliveriesAsync(
            new ListDeliveriesRequest { PageSize = pageSize, PageToken = pageToken }, hub.AsPlatformA).ResponseAsync);
        Assert.Equal([pageSize == 0 ? "page_token" : "page_size"], status.ViolatedFields());
    }

    [DatabaseFact]
    public async Task CallbackMethods_WithACourtsKey_ArePermissionDenied()
    {
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => hub.Filing.SetCallbackEndpointAsync(
            new SetCallbackEndpointRequest { Url = "https://ok.example.cn/cb" }, HubFixture.As(hub.CourtKey)).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => hub.Filing.ListDeliveriesAsync(new ListDeliveriesRequest(), HubFixture.As(hub.CourtKey)).ResponseAsync);
    }

    [DatabaseFact]
    public async Task Cli_CallbacksSetShowRotateLogDelete_AgainstTheHub()
    {
        var platform = await hub.NewPlatformAsync("cb-cli");
        var environment = new Dictionary<string, string> { ["EXCHANGE_ENDPOINT"] = $"http://127.0.0.1:{hub.GatewayPort}", ["EXCHANGE_API_KEY"] = platform.Key };
        await using var receiver = new CallbackReceiver().Start();

        var set = await CliRun.RunAsync(environment, "callbacks", "set", receiver.Url);
        Assert.True(set.Exit == 0, set.ToString());
        var secret = set.Out.Trim();
        Assert.Equal(43, secret.Length);
        Assert.Contains("not shown again", set.Error, StringComparison.Ordinal);

        var id = (await platform.Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        await receiver.WaitForAsync(r => r.Accepted.Count >= 1, CallbackHubFixture.Wait);
        Assert.Equal(CallbackVerification.Valid, new CallbackSignature([secret]).Verify(receiver.Accepted[0].Timestamp, receiver.Accepted[0].Signature, receiver.Accepted[0].Body));

        var show = await CliRun.RunAsync(environment, "callbacks", "show");
        Assert.True(show.Exit == 0, show.ToString());
        Assert.Contains(receiver.Url, show.Out, StringComparison.Ordinal);
        Assert.Contains("ACTIVE", show.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, show.Out, StringComparison.Ordinal);

        var log = await Probe.UntilAsync(() => CliRun.RunAsync(environment, "callbacks", "log"), r => r.Out.Contains($"{id}/1", StringComparison.Ordinal), CallbackHubFixture.Wait);
        Assert.Equal(0, log.Exit);

        var rotate = await CliRun.RunAsync(environment, "callbacks", "rotate-secret");
        Assert.True(rotate.Exit == 0, rotate.ToString());
        Assert.NotEqual(secret, rotate.Out.Trim());
        Assert.Equal(43, rotate.Out.Trim().Length);

        var delete = await CliRun.RunAsync(environment, "callbacks", "delete");
        Assert.True(delete.Exit == 0, delete.ToString());
        var gone = await CliRun.RunAsync(environment, "callbacks", "show");
        Assert.Equal(1, gone.Exit);
        Assert.Contains("NO_CALLBACK_ENDPOINT", gone.Error, StringComparison.Ordinal);

        var bad = await CliRun.RunAsync(environment, "callbacks", "set", "http://mediation.example.cn/cb");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("url", bad.Error, StringComparison.Ordinal);
    }

    private static async Task AssertNoEndpointAsync(CallbackPlatform platform)
    {
        var status = await RpcAssert.FailsWith(StatusCode.NotFound, platform.EndpointAsync);
        Assert.Equal("NO_CALLBACK_ENDPOINT", status.Info().Reason);
    }
}
