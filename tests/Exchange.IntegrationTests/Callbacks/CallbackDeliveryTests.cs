using System.Text;
using Exchange.Client;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage.Feed;
using Exchange.V1;

namespace Exchange.IntegrationTests.Callbacks;

/// <summary>
/// Signed callbacks end to end (issue 11, "Must show"): a real hub POSTs to a receiver on a
/// loopback port in this process; the receiver's requests are checked with the client library's
/// verifier, exactly as a platform would check them.
/// </summary>
[Collection(CallbackHubCollection.Name)]
public sealed class CallbackDeliveryTests(CallbackHubFixture hub)
{
    private static readonly TimeSpan Wait = CallbackHubFixture.Wait;

    [DatabaseFact]
    public async Task Callbacks_ThroughFailuresASlowAnswerAndARestart_DeliverEveryUpdate_SignedAndInOrderPerApplication()
    {
        var platform = await hub.NewPlatformAsync("cb-must-show");
        var slow = CallbackHubFixture.DeliveryTimeout + TimeSpan.FromSeconds(2);
        // Requests 1–3 fail, request 5 is answered 200 only after the hub's timeout.
        await using var receiver = new CallbackReceiver
        {
            Answer = n => n switch
            {
                <= 3 => (TimeSpan.Zero, 500),
                5 => (slow, 200),
                _ => (TimeSpan.Zero, 200),
            },
        }.Start();
        var endpoint = await platform.Filing.SetCallbackEndpointAsync(new SetCallbackEndpointRequest { Url = receiver.Url }, platform.As);
        Assert.NotEmpty(endpoint.Secret);

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await platform.Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId);
        }

        foreach (var id in ids)
        {
            await platform.Flow.AcceptAsync(id);
        }

        // Every update so far delivered; then the receiver goes away, more updates come, and once
        // the hub has failed to connect the receiver comes back on the same port.
        await receiver.WaitForAsync(r => r.Accepted.Select(a => a.EventId).Distinct().Count() == 8, Wait);
        await receiver.StopAsync();
        await platform.Flow.StartReviewAsync(ids[0]);
        await platform.Flow.StartReviewAsync(ids[1]);
        await Probe.UntilAsync(platform.DeliveriesAsync, d => d.Any(x => x.HttpStatus == 0 && !x.Error.StartsWith("no answer", StringComparison.Ordinal)), Wait);
        receiver.Start();

        var expected = new HashSet<string>();
        foreach (var id in ids)
        {
            var version = (await platform.Flow.GetAsPlatformAsync(id)).Version;
            for (var v = 1; v <= version; v++)
            {
                expected.Add($"{id}/{v}");
            }
        }

        Assert.Equal(10, expected.Count);
        await receiver.WaitForAsync(r => expected.IsSubsetOf(r.Accepted.Select(a => a.EventId!)), Wait);
        await Probe.UntilAsync(platform.EndpointAsync, e => e.PendingUpdates == 0, Wait);

        var received = receiver.Received;
        // Every request is signed with the platform's secret over exactly the bytes received.
        Assert.All(receiver.Verify(new CallbackSignature([endpoint.Secret])), v => Assert.Equal(CallbackVerification.Valid, v));
        Assert.All(received, r => Assert.Equal("application/json", r.ContentType));
        // The idempotency header names the update in the body; a request sent twice is the same
        // update (only the case number may have come meanwhile: it is the application's as of sending).
        Assert.All(received, r => Assert.Equal(r.EventId, CallbackSignature.ParseUpdate(r.Body).EventId));
        Assert.All(received.GroupBy(r => r.EventId), g => Assert.Single(g.Select(r => CallbackSignature.ParseUpdate(r.Body)).Select(u =>
        {
            u.CaseNumber = "";
            return u;
        }).Distinct()));
        Assert.True(received.Count > expected.Count, "the failures and the timeout must have caused redeliveries");
        // Every update of the platform, nothing else.
        Assert.Equal(expected.Order(), receiver.Accepted.Select(a => a.EventId!).Distinct().Order());

        // In version order per application, as accepted (a duplicate repeats the version just seen).
        foreach (var perApplication in receiver.Accepted.Select(a => CallbackSignature.ParseUpdate(a.Body)).GroupBy(u => u.ApplicationId))
        {
            var versions = perApplication.Select(u => u.Version).ToList();
            Assert.Equal(versions.Order(), versions);
            Assert.Equal(Enumerable.Range(1, versions.Distinct().Count()).Select(v => (long)v), versions.Distinct());
        }

        // A body changed in transit fails the client library's verifier, and so does another timestamp.
        var sample = receiver.Accepted[0];
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(sample.Body).Replace(sample.EventId!, sample.EventId![..^1] + "9", StringComparison.Ordinal));
        Assert.NotEqual(sample.Body, tampered);
        var verifier = new CallbackSignature([endpoint.Secret]);
        Assert.Equal(CallbackVerification.SignatureMismatch, verifier.Verify(sample.Timestamp, sample.Signature, tampered));
        Assert.Equal(CallbackVerification.SignatureMismatch, verifier.Verify((long.Parse(sample.Timestamp!) + 1).ToString(), sample.Signature, sample.Body));
        Assert.Equal(CallbackVerification.SignatureMismatch, new CallbackSignature(["another secret"]).Verify(sample.Timestamp, sample.Signature, sample.Body));

        // The delivery log has every attempt: three 500s then the success (attempts 1–4 of one
        // update), the timeout, the refused connections, and a success for every update.
        var log = await platform.DeliveriesAsync();
        Assert.Equal(3, log.Count(d => d.HttpStatus == 500));
        var first = log.Where(d => d.EventId == received[0].EventId).OrderBy(d => d.Attempt).ToList();
        Assert.Equal([500, 500, 500, 200], first.Select(d => d.HttpStatus));
        Assert.Equal([1, 2, 3, 4], first.Select(d => d.Attempt));
        Assert.Contains(log, d => !d.Delivered && d.HttpStatus == 0 && d.Error.StartsWith("no answer within", StringComparison.Ordinal));
        Assert.Equal(expected.Order(), log.Where(d => d.Delivered).Select(d => d.EventId).Distinct().Order());
        Assert.All(log, d => Assert.Equal(receiver.Url, d.Url));
        Assert.Equal(log.OrderByDescending(d => d.AttemptTime).Select(d => d.AttemptTime), log.Select(d => d.AttemptTime));

        // Paged, the log is the same, newest first.
        var paged = new List<Delivery>();
        var token = "";
        do
        {
            var page = await platform.Filing.ListDeliveriesAsync(new ListDeliveriesRequest { PageSize = 7, PageToken = token }, platform.As);
            Assert.True(page.Deliveries.Count <= 7);
            paged.AddRange(page.Deliveries);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(log, paged);
    }

    [DatabaseFact]
    public async Task RotateCallbackSecret_BothSecretsSignForTheGracePeriod_ThenOnlyTheNewOne()
    {
        var platform = await hub.NewPlatformAsync("cb-rotation");
        await using var receiver = new CallbackReceiver().Start();
        var oldSecret = (await platform.Filing.SetCallbackEndpointAsync(new SetCallbackEndpointRequest { Url = receiver.Url }, platform.As)).Secret;
        var id = (await platform.Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var before = await ReceivedAsync(receiver, $"{id}/1");
        Assert.Single(before.Signature!.Split(','));

        var rotated = await platform.Filing.RotateCallbackSecretAsync(new RotateCallbackSecretRequest(), platform.As);
        var rotatedAt = DateTimeOffset.UtcNow;
        Assert.NotEmpty(rotated.Secret);
        Assert.NotEqual(oldSecret, rotated.Secret);
        Assert.Empty((await platform.EndpointAsync()).Secret);

        await platform.Flow.AcceptAsync(id);
        var during = await ReceivedAsync(receiver, $"{id}/2");
        Assert.Equal(2, during.Signature!.Split(',').Length);
        Assert.Equal(CallbackVerification.Valid, new CallbackSignature([oldSecret]).Verify(during.Timestamp, during.Signature, during.Body));
        Assert.Equal(CallbackVerification.Valid, new CallbackSignature([rotated.Secret]).Verify(during.Timestamp, during.Signature, during.Body));

        // The grace period is the rule under test: let it pass (plus a second for the clocks' rounding).
        var left = rotatedAt + CallbackHubFixture.SecretGrace + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }

        await platform.Flow.StartReviewAsync(id);
        var after = await ReceivedAsync(receiver, $"{id}/3");
        Assert.Single(after.Signature!.Split(','));
        Assert.Equal(CallbackVerification.SignatureMismatch, new CallbackSignature([oldSecret]).Verify(after.Timestamp, after.Signature, after.Body));
        Assert.Equal(CallbackVerification.Valid, new CallbackSignature([rotated.Secret, oldSecret]).Verify(after.Timestamp, after.Signature, after.Body));
    }

    [DatabaseFact]
    public async Task AnEndpointFailingForThePausePeriod_IsPaused_WithANoticeInTheFeed_AndSettingItAgainResumesWhereItStopped()
    {
        var platform = await hub.NewPlatformAsync("cb-pause");
        // Nothing ever listens on this port.
        var deadUrl = $"http://127.0.0.1:{HubProcess.FreePort()}/gone";
        var secret = (await platform.Filing.SetCallbackEndpointAsync(new SetCallbackEndpointRequest { Url = deadUrl }, platform.As)).Secret;
        var id = (await platform.Flow.SubmitAsync(ApplicationType.MediationDocument)).ApplicationId;

        var paused = await Probe.UntilAsync(platform.EndpointAsync, e => e.State == CallbackEndpoint.Types.State.Paused,
            CallbackHubFixture.PauseAfter + Wait);
        Assert.NotEmpty(paused.LastError);
        Assert.True(paused.PendingUpdates >= 1, paused.ToString());

        var log = await platform.DeliveriesAsync();
        Assert.All(log, d => Assert.False(d.Delivered));
        Assert.All(log, d => Assert.Equal($"{id}/1", d.EventId));
        Assert.Equal(Enumerable.Range(1, log.Count).Reverse(), log.Select(d => d.Attempt));
        Assert.True(log[0].AttemptTime.ToDateTimeOffset() - log[^1].AttemptTime.ToDateTimeOffset() >= CallbackHubFixture.PauseAfter - TimeSpan.FromSeconds(1));

        // The notice (put in the feed right after the pause), read from the feed store: ListUpdates
        // is being built on another branch.
        var feed = await Probe.UntilAsync(
            () => hub.Feed.ReadAsync(platform.Recipient, 0, FeedFilter.None, 100, CancellationToken.None),
            p => p.Entries.Any(e => e.Notice is not null), Wait);
        var notice = Assert.Single(feed.Entries, e => e.Notice is not null).Notice!;
        Assert.Equal("CALLBACKS_PAUSED", notice.Kind);
        Assert.Equal(deadUrl, notice.EndpointUrl);

        // Set again (another URL): the stuck update comes first, then the notice, signed with the same secret.
        await using var receiver = new CallbackReceiver().Start();
        var resumed = await platform.Filing.SetCallbackEndpointAsync(new SetCallbackEndpointRequest { Url = receiver.Url }, platform.As);
        Assert.Equal(CallbackEndpoint.Types.State.Active, resumed.State);
        Assert.Empty(resumed.Secret);
        await receiver.WaitForAsync(r => r.Accepted.Count >= 2, Wait);
        var updates = receiver.Accepted.Select(a => CallbackSignature.ParseUpdate(a.Body)).ToList();
        Assert.Equal($"{id}/1", updates[0].EventId);
        Assert.Equal(PlatformNotice.Types.Kind.CallbacksPaused, updates[1].Notice.Kind);
        Assert.Equal(deadUrl, updates[1].Notice.EndpointUrl);
        Assert.All(receiver.Verify(new CallbackSignature([secret])), v => Assert.Equal(CallbackVerification.Valid, v));
    }

    private static async Task<ReceivedCallback> ReceivedAsync(CallbackReceiver receiver, string eventId)
    {
        await receiver.WaitForAsync(r => r.Accepted.Any(a => a.EventId == eventId), Wait);
        return receiver.Accepted.First(a => a.EventId == eventId);
    }
}
