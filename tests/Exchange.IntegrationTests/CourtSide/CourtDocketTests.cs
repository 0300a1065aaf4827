using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Exchange.IntegrationTests.CourtSide;

/// <summary>ListDocket: filters, the deadline order, key paging and its errors. Each test files through a platform of its own.</summary>
[Collection(CourtCollection.Name)]
public sealed class CourtDocketTests(CourtHubFixture hub)
{
    private async Task<List<DocketEntry>> ListAllAsync(ListDocketRequest request, int pageSize = 500)
    {
        var all = new List<DocketEntry>();
        request.PageSize = pageSize;
        request.PageToken = "";
        do
        {
            var page = await hub.Courts.ListDocketAsync(request, hub.AsCourt);
            Assert.True(page.Entries.Count <= pageSize);
            all.AddRange(page.Entries);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "");

        return all;
    }

    /// <summary>The state a docket entry must show, from the application's own deadlines.</summary>
    private static DeadlineState ExpectedState(Application app, int horizonDays, DateTimeOffset now)
    {
        if (app.Deadlines.Count == 0)
        {
            return DeadlineState.NoDeadline;
        }

        var nearest = app.Deadlines.Min(d => d.CloseTime.ToDateTimeOffset());
        return nearest <= now ? DeadlineState.Overdue
            : nearest - now <= TimeSpan.FromDays(horizonDays) ? DeadlineState.DueSoon
            : DeadlineState.OnTime;
    }

    private static void AssertSortedByDeadlineThenId(IReadOnlyList<DocketEntry> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            var (a, b) = (entries[i - 1], entries[i]);
            var order = (a.NextDeadlineTime, b.NextDeadlineTime) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                var (x, y) => x.ToDateTimeOffset().CompareTo(y.ToDateTimeOffset()),
            };
            Assert.True(order < 0 || (order == 0 && string.CompareOrdinal(a.ApplicationId, b.ApplicationId) < 0),
                $"entries {i - 1} and {i} out of order: {a.NextDeadlineTime}/{a.ApplicationId} before {b.NextDeadlineTime}/{b.ApplicationId}");
        }
    }

    [DatabaseFact]
    public async Task ListDocket_EachFilter_SelectsExactlyTheMatchingApplications_SortedByNearestDeadlineWithNoneLast()
    {
        var (platform, flow) = await hub.NewPlatformFlowAsync("docket");
        var first = new List<Application>
        {
            await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Received),
            await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed),
            await flow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.Received),
        };
        var corrected = await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Received);
        // The second group starts with this one: received_after is inclusive, received_before exclusive,
        // so its own receipt time splits the two groups (no sleep needed: the calls are sequential).
        var middle = corrected.Receipt.ReceivedTime.ToDateTimeOffset();
        await flow.RequestCorrectionAsync(corrected.Receipt.ApplicationId, limitDays: 1);
        var second = new List<Application>
        {
            await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Received),
            await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted),
            await flow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.CaseRegistered),
            corrected,
        };
        var withdrawing = second[0].Receipt.ApplicationId;
        await flow.RequestWithdrawalAsync(withdrawing);
        var unrelated = await hub.Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Received);

        var now = DateTimeOffset.UtcNow;
        var apps = new List<Application>();
        foreach (var app in first.Concat(second))
        {
            apps.Add(await flow.GetAsync(app.Receipt.ApplicationId));
        }

        var byId = apps.ToDictionary(a => a.Receipt.ApplicationId);
        var mine = await ListAllAsync(new ListDocketRequest { PlatformId = platform });

        // Every field of every line agrees with the application.
        Assert.Equal(byId.Keys.Order(), mine.Select(e => e.ApplicationId).Order());
        AssertSortedByDeadlineThenId(mine);
        foreach (var entry in mine)
        {
            var app = byId[entry.ApplicationId];
            Assert.Equal(platform, entry.PlatformId);
            Assert.Equal(app.Receipt.PlatformCaseId, entry.PlatformCaseId);
            Assert.Equal(app.Receipt.Type, entry.Type);
            Assert.Equal(app.Status, entry.Status);
            Assert.Equal(app.Receipt.ReceivedTime, entry.ReceivedTime);
            Assert.Equal(app.UpdateTime, entry.UpdateTime);
            Assert.Equal(app.Version, entry.Version);
            Assert.Equal(app.CaseNumber, entry.CaseNumber);
            Assert.Equal(app.WithdrawalRequestedTime, entry.WithdrawalRequestedTime);
            Assert.Equal(app.Deadlines.FirstOrDefault()?.CloseTime, entry.NextDeadlineTime);
            Assert.Equal(app.Deadlines.FirstOrDefault()?.Kind ?? DeadlineKind.Unspecified, entry.NextDeadlineKind);
            Assert.Equal(ExpectedState(app, 3, now), entry.DeadlineState);
        }

        // The brief's anchors: a fresh JC has its acceptance decision due in 3 days (on time); a confirmed one has none.
        var fresh = mine.Single(e => e.ApplicationId == second[0].Receipt.ApplicationId);
        Assert.Equal(DeadlineKind.AcceptanceDecision, fresh.NextDeadlineKind);
        Assert.Equal(DeadlineState.OnTime, fresh.DeadlineState);
        Assert.Equal(DeadlineState.NoDeadline, mine.Single(e => e.ApplicationId == first[1].Receipt.ApplicationId).DeadlineState);
        Assert.Null(mine.Single(e => e.ApplicationId == first[1].Receipt.ApplicationId).NextDeadlineTime);
        Assert.NotNull(fresh.WithdrawalRequestedTime);

        async Task AssertSelects(ListDocketRequest request, Func<Application, bool> expected)
        {
            request.PlatformId = platform;
            var listed = await ListAllAsync(request);
            Assert.Equal(apps.Where(expected).Select(a => a.Receipt.ApplicationId).Order(), listed.Select(e => e.ApplicationId).Order());
            AssertSortedByDeadlineThenId(listed);
        }

        await AssertSelects(new ListDocketRequest { Statuses = { ApplicationStatus.Received } }, a => a.Status == ApplicationStatus.Received);
        await AssertSelects(new ListDocketRequest { Statuses = { ApplicationStatus.Received, ApplicationStatus.Confirmed } },
            a => a.Status is ApplicationStatus.Received or ApplicationStatus.Confirmed);
        await AssertSelects(new ListDocketRequest { Type = ApplicationType.MediationDocument }, a => a.Receipt.Type == ApplicationType.MediationDocument);
        await AssertSelects(new ListDocketRequest { Type = ApplicationType.JudicialConfirmation, Statuses = { ApplicationStatus.Accepted, ApplicationStatus.CorrectionRequested } },
            a => a.Receipt.Type == ApplicationType.JudicialConfirmation && a.Status is ApplicationStatus.Accepted or ApplicationStatus.CorrectionRequested);
        await AssertSelects(new ListDocketRequest { ReceivedAfter = Timestamp.FromDateTimeOffset(middle) }, a => second.Any(s => s.Receipt.ApplicationId == a.Receipt.ApplicationId));
        await AssertSelects(new ListDocketRequest { ReceivedBefore = Timestamp.FromDateTimeOffset(middle) }, a => first.Any(s => s.Receipt.ApplicationId == a.Receipt.ApplicationId));
        await AssertSelects(new ListDocketRequest { ReceivedAfter = first[1].Receipt.ReceivedTime, ReceivedBefore = second[0].Receipt.ReceivedTime },
            a => a.Receipt.ReceivedTime.ToDateTimeOffset() >= first[1].Receipt.ReceivedTime.ToDateTimeOffset() && a.Receipt.ReceivedTime.ToDateTimeOffset() < second[0].Receipt.ReceivedTime.ToDateTimeOffset());
        foreach (var state in new[] { DeadlineState.OnTime, DeadlineState.DueSoon, DeadlineState.NoDeadline })
        {
            await AssertSelects(new ListDocketRequest { DeadlineState = state }, a => ExpectedState(a, 3, now) == state);
        }

        // A wider horizon turns the 15-day review deadline of the accepted one due soon.
        var wide = await ListAllAsync(new ListDocketRequest { PlatformId = platform, DueWithinDays = 30 });
        foreach (var entry in wide)
        {
            Assert.Equal(ExpectedState(byId[entry.ApplicationId], 30, now), entry.DeadlineState);
        }

        Assert.Equal(DeadlineState.DueSoon, wide.Single(e => e.ApplicationId == second[1].Receipt.ApplicationId).DeadlineState);
        await AssertSelects(new ListDocketRequest { DeadlineState = DeadlineState.DueSoon, DueWithinDays = 30 }, a => ExpectedState(a, 30, now) == DeadlineState.DueSoon);

        // The platform filter: nothing of another platform, and that platform's own filter finds its own.
        var platformA = await ListAllAsync(new ListDocketRequest { PlatformId = HubFixture.PlatformA, ReceivedAfter = first[0].Receipt.ReceivedTime });
        Assert.Contains(platformA, e => e.ApplicationId == unrelated.Receipt.ApplicationId);
        Assert.DoesNotContain(platformA, e => byId.ContainsKey(e.ApplicationId));
        Assert.All(platformA, e => Assert.Equal(HubFixture.PlatformA, e.PlatformId));
    }

    [DatabaseFact]
    public async Task ListDocket_PagesOfThree_VisitEachApplicationExactlyOnce_WhileOthersAreAddedAndChanged()
    {
        var (platform, flow) = await hub.NewPlatformFlowAsync("paging");
        var filed = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            filed.Add((await flow.SubmitAsync(i % 3 == 2 ? ApplicationType.MediationDocument : ApplicationType.JudicialConfirmation)).ApplicationId);
        }

        var (_, bystander) = await hub.NewPlatformFlowAsync("paging-other");
        var request = new ListDocketRequest { PlatformId = platform, PageSize = 3 };
        var seen = new List<string>();
        var pages = 0;
        var added = new List<string>();
        do
        {
            var page = await hub.Courts.ListDocketAsync(request, hub.AsCourt);
            Assert.InRange(page.Entries.Count, 0, 3);
            seen.AddRange(page.Entries.Select(e => e.ApplicationId));
            request.PageToken = page.NextPageToken;
            pages++;

            // Between pages: unrelated filings and acts, a withdrawal request on one seen and one unseen
            // application (their deadlines stay), and a new filing of this platform.
            await bystander.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted);
            await hub.Flow.SubmitAsync(ApplicationType.MediationDocument);
            var unseen = filed.Except(seen).FirstOrDefault();
            if (unseen is not null && pages == 1)
            {
                await flow.RequestWithdrawalAsync(unseen);
                await flow.RequestWithdrawalAsync(seen[0]);
                added.Add((await flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId);
            }
        }
        while (request.PageToken != "" && pages < 20);

        Assert.Equal("", request.PageToken);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        foreach (var id in filed)
        {
            Assert.Equal(1, seen.Count(s => s == id));
        }

        Assert.Empty(seen.Except(filed).Except(added));
        Assert.InRange(pages, 4, 5);
    }

    [DatabaseTheory]
    [InlineData("token for other filters", "page_token")]
    [InlineData("token for another platform filter", "page_token")]
    [InlineData("malformed token", "page_token")]
    [InlineData("negative page size", "page_size")]
    [InlineData("negative horizon", "due_within_days")]
    [InlineData("after not before before", "received_after")]
    public async Task ListDocket_InvalidRequest_IsInvalidArgumentNamingTheField(string variant, string field)
    {
        var request = new ListDocketRequest();
        switch (variant)
        {
            case "token for other filters":
            case "token for another platform filter":
                await hub.Flow.SubmitAsync(ApplicationType.JudicialConfirmation);
                await hub.Flow.SubmitAsync(ApplicationType.JudicialConfirmation);
                var page = await hub.Courts.ListDocketAsync(new ListDocketRequest { PageSize = 1, PlatformId = HubFixture.PlatformA }, hub.AsCourt);
                Assert.NotEqual("", page.NextPageToken);
                request.PageToken = page.NextPageToken;
                request.PageSize = 1;
                if (variant == "token for other filters")
                {
                    request.PlatformId = HubFixture.PlatformA;
                    request.Statuses.Add(ApplicationStatus.Received);
                }
                else
                {
                    request.PlatformId = HubFixture.PlatformB;
                }

                break;
            case "malformed token": request.PageToken = "!!not-a-token"; break;
            case "negative page size": request.PageSize = -1; break;
            case "negative horizon": request.DueWithinDays = -1; break;
            case "after not before before":
                request.ReceivedAfter = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
                request.ReceivedBefore = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1));
                break;
        }

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => hub.Courts.ListDocketAsync(request, hub.AsCourt).ResponseAsync);

        Assert.Contains(field, status.ViolatedFields());
    }
}
