using Exchange.V1;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Client.Tests;

public sealed class FilingClientTests
{
    [Fact]
    public async Task EveryCall_CarriesTheBearerKey_AndKeepsTheCallersOtherHeaders()
    {
        var invoker = new FakeCallInvoker(call => Task.FromResult<object>(call.Request switch
        {
            SubmitApplicationRequest => new Receipt(),
            ListApplicationsRequest => new ListApplicationsResponse(),
            _ => new Application(),
        }));
        var client = new ExchangeClient(invoker, "exk_secret", new ExchangeClientOptions());

        await client.Filing.SubmitAsync(new SubmitApplicationRequest());
        await client.Filing.GetAsync("id");
        await client.Filing.ListAsync(new ListApplicationsRequest());
        await client.Filing.WithdrawAsync("id", "settled");
        var headers = new Metadata { { "x-request-source", "test" }, { "authorization", "Bearer stale" } };
        await new FilingService.FilingServiceClient(client.CallInvoker).GetApplicationAsync(new GetApplicationRequest(), headers);

        Assert.Equal(5, invoker.Calls.Count);
        Assert.All(invoker.Calls, call =>
            Assert.Equal("Bearer exk_secret", Assert.Single(call.Options.Headers!, h => h.Key == "authorization").Value));
        Assert.Equal("test", invoker.Calls[4].Options.Headers!.GetValue("x-request-source"));
        Assert.Equal("Bearer stale", headers.GetValue("authorization")); // the caller's metadata is not mutated
    }

    [Fact]
    public async Task WithdrawAsync_SendsIdAndReason()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application()));
        var client = new ExchangeClient(invoker, "exk_k", new ExchangeClientOptions());

        await client.Filing.WithdrawAsync("0193a1b2-0000-7000-8000-000000000001", "双方已自行和解");

        var request = Assert.IsType<WithdrawApplicationRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal("0193a1b2-0000-7000-8000-000000000001", request.ApplicationId);
        Assert.Equal("双方已自行和解", request.Reason);
    }

    [Fact]
    public async Task ListAllAsync_FollowsNextPageTokenUntilEmpty_KeepingTheFilters()
    {
        var pages = new Dictionary<string, ListApplicationsResponse>
        {
            [""] = Page("p2", "a1", "a2"),
            ["p2"] = Page("p3", "a3"),
            ["p3"] = Page("", "a4"),
        };
        var invoker = new FakeCallInvoker(call => Task.FromResult<object>(pages[((ListApplicationsRequest)call.Request).PageToken]));
        var client = new ExchangeClient(invoker, "exk_k", new ExchangeClientOptions());
        var request = new ListApplicationsRequest { PageSize = 2, CourtCode = "新0102", Statuses = { ApplicationStatus.Received } };

        var ids = new List<string>();
        await foreach (var summary in client.Filing.ListAllAsync(request))
        {
            ids.Add(summary.ApplicationId);
        }

        Assert.Equal(["a1", "a2", "a3", "a4"], ids);
        Assert.Equal(3, invoker.Calls.Count);
        Assert.All(invoker.Calls.Select(c => (ListApplicationsRequest)c.Request), sent =>
        {
            Assert.Equal(2, sent.PageSize);
            Assert.Equal("新0102", sent.CourtCode);
            Assert.Equal([ApplicationStatus.Received], sent.Statuses);
        });
        Assert.Equal("", request.PageToken); // the caller's request is left as it was
    }

    [Fact]
    public async Task CallsCarryTheDeadline_AndTheDefaultTimeoutWhenNoneIsGiven()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var invoker = FakeCallInvoker.FailingThen(0, StatusCode.OK, new Application());
        var client = new ExchangeClient(invoker, "exk_test", new ExchangeClientOptions { DefaultTimeout = TimeSpan.FromSeconds(30), TimeProvider = clock });
        var explicitDeadline = new DateTime(2026, 11, 28, 12, 0, 5, DateTimeKind.Utc);

        await client.Filing.GetAsync("x", explicitDeadline);
        await client.Filing.GetAsync("x");

        Assert.Equal(explicitDeadline, invoker.Calls[0].Options.Deadline);
        Assert.Equal(new DateTime(2026, 11, 28, 12, 0, 30, DateTimeKind.Utc), invoker.Calls[1].Options.Deadline);
    }

    [Fact]
    public async Task ListAllAsync_ARepeatedPageToken_FailsInsteadOfLoopingForever()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(Page("same", "a")));
        var client = new ExchangeClient(invoker, "exk_k", new ExchangeClientOptions());

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in client.Filing.ListAllAsync(new ListApplicationsRequest()))
            {
            }
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("exk_with space")]
    [InlineData("exk_密钥")]
    public void ABadKey_IsRefusedBeforeAnyCall(string key) =>
        Assert.ThrowsAny<ArgumentException>(() => new ExchangeClient(new FakeCallInvoker(_ => throw new InvalidOperationException()), key));

    [Theory]
    [InlineData("ftp://127.0.0.1:5180")]
    [InlineData("/relative")]
    public void Create_RejectsEndpointsThatAreNotHttpOrHttps(string endpoint) =>
        Assert.Throws<ArgumentException>(() => ExchangeClient.Create(new Uri(endpoint, UriKind.RelativeOrAbsolute), "exk_k"));

    private static ListApplicationsResponse Page(string next, params string[] ids)
    {
        var page = new ListApplicationsResponse { NextPageToken = next };
        page.Applications.AddRange(ids.Select(id => new ApplicationSummary { ApplicationId = id }));
        return page;
    }
}
