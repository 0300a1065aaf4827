using System.Diagnostics;
using System.Text.RegularExpressions;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Exchange.BrowserTests;

/// <summary>
/// The court console in headless chromium against a real hub: what a clerk and a judge do in it,
/// and what it refuses. The applications are filed and walked through gRPC (CourtFlow); the
/// console's acts are checked through gRPC too (status, history), not only on the page.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleTests(ConsoleHubFixture hub, ITestOutputHelper output)
{
    private CourtFlow Flow => hub.Flow;

    private async Task<string> UnderReviewAsync()
    {
        var id = (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        await Flow.AcceptAsync(id);
        await Flow.StartReviewAsync(id);
        return id;
    }

    [DatabaseFact]
    public async Task Clerk_SignsIn_FiltersTheDocket_OpensAnApplication_AcceptsIt_SeesTheHistory_SignsOut()
    {
        var receipt = await Flow.SubmitAsync(ApplicationType.JudicialConfirmation);
        var other = await UnderReviewAsync();

        hub.SignIn(ConsoleHubFixture.Clerk);
        Assert.Contains(ConsoleHubFixture.Clerk, hub.Find("#officer").Text);
        // Filter: only RECEIVED (已收到) — the application under review drops out.
        hub.Find($"input[name=status][value='{(int)ApplicationStatus.Received}']").Click();
        hub.Find("#filter").Click();
        Assert.Contains("status=1", hub.Browser.Url);
        var rows = hub.Browser.FindElements(By.CssSelector("#docket tbody tr")).Select(r => r.GetAttribute("data-id")).ToList();
        Assert.Contains(receipt.ApplicationId, rows);
        Assert.DoesNotContain(other, rows);
        hub.Screenshot("docket");

        hub.Browser.FindElement(By.LinkText(receipt.PlatformCaseId)).Click();
        Assert.Equal("已收到", hub.Find("#status").Text);
        Assert.Contains("¥", hub.Find("#total").Text);
        // A clerk is offered acceptance, not a ruling.
        Assert.Empty(hub.Browser.FindElements(By.CssSelector("#act-Confirm")));
        hub.Screenshot("application");
        hub.Find("#act-Accept").Click();
        Assert.Contains("请确认：受理", hub.Find("#confirm-title").Text);
        hub.Find("#confirm").Click();

        Assert.Contains("已办理：受理", hub.Find("#notice").Text);
        Assert.Equal("已受理", hub.Find("#status").Text);
        var application = await Flow.GetAsync(receipt.ApplicationId);
        Assert.Equal(ApplicationStatus.Accepted, application.Status);
        var accepted = (await Flow.HistoryAsync(receipt.ApplicationId)).Single(e => e.StatusAfter == ApplicationStatus.Accepted);
        Assert.Equal(ConsoleHubFixture.Clerk, accepted.Actor.Name);
        Assert.Contains(hub.Browser.FindElements(By.CssSelector("#history tbody tr")), r => r.Text.Contains(ConsoleHubFixture.Clerk) && r.Text.Contains("已受理"));

        hub.Find("#sign-out").Click();
        Assert.EndsWith("/console/sign-in", hub.Browser.Url);
        hub.Open("/console");
        Assert.Contains("/console/sign-in", hub.Browser.Url);
    }

    [DatabaseFact]
    public async Task Judge_BatchConfirmsTwoHundredUnderReview_SeesEachResult_AndEachHistoryNamesTheJudge()
    {
        // EXCHANGE_CONSOLE_BATCH: how many (200 unless set; the batch of 1,000 is this test with 1000).
        var count = int.TryParse(Environment.GetEnvironmentVariable("EXCHANGE_CONSOLE_BATCH"), out var n) ? n : 200;
        var ids = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
        {
            var id = await UnderReviewAsync();
            lock (ids)
            {
                ids.Add(id);
            }
        });

        hub.SignIn(ConsoleHubFixture.Judge);
        hub.Open("/console/batch");
        hub.Find("#scope-review").Click();
        var chosen = int.Parse(hub.Find("#chosen-count").Text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(chosen >= count, $"{chosen} chosen");
        output.WriteLine($"{count} applications walked to UNDER_REVIEW through gRPC");
        var clock = Stopwatch.StartNew();
        hub.Find("#rule").Click();
        output.WriteLine($"batch of {chosen} ruled and shown in {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), hub.Find("#succeeded").Text);
        Assert.Equal("0", hub.Find("#failed").Text);
        var resultIds = hub.Browser.FindElements(By.CssSelector("#results tbody tr a")).Select(a => a.Text).ToHashSet();
        Assert.Superset(ids.ToHashSet(), resultIds);
        foreach (var id in ids.Take(20))
        {
            var confirmed = (await Flow.HistoryAsync(id)).Single(e => e.StatusAfter == ApplicationStatus.Confirmed);
            Assert.Equal(ConsoleHubFixture.Judge, confirmed.Actor.Name);
        }

        hub.Browser.FindElement(By.LinkText(ids[0])).Click();
        Assert.Equal("裁定调解协议有效", hub.Find("#status").Text);
        Assert.Contains(hub.Browser.FindElements(By.CssSelector("#history tbody tr")), r => r.Text.Contains(ConsoleHubFixture.Judge));
    }

    [DatabaseFact]
    public async Task BatchForm_PostedTwice_RulesEachApplicationOnce_AndBothPostsShowTheSameResults()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await UnderReviewAsync());
        }

        hub.SignIn(ConsoleHubFixture.Judge);
        hub.Open("/console/batch?scope=review");
        // The same form sent twice at once (a double click; a retry after a lost answer), with its request id.
        var answers = hub.Browser.ExecuteAsyncScript(
            """
            var done = arguments[arguments.length - 1];
            var form = document.getElementById('batch-form');
            var body = new URLSearchParams(new FormData(form));
            var post = function () { return fetch(form.action, { method: 'POST', body: body }).then(function (r) { return r.text().then(function (t) { return r.status + '|' + t; }); }); };
            Promise.all([post(), post()]).then(function (all) { done(all.join('@@next@@')); });
            """) as string ?? "";
        var (first, second) = (answers.Split("@@next@@")[0], answers.Split("@@next@@")[^1]);
        Assert.StartsWith("200|", first);
        Assert.StartsWith("200|", second);
        Assert.Equal(Succeeded().Match(first).Groups[1].Value, Succeeded().Match(second).Groups[1].Value);
        Assert.Equal("0", Failed().Match(second).Groups[1].Value);
        foreach (var id in ids)
        {
            Assert.Single(await Flow.HistoryAsync(id), e => e.StatusAfter == ApplicationStatus.Confirmed);
        }
    }

    [DatabaseFact]
    public async Task Clerk_CannotRule_NeitherByTheBatchPageNorByAForgedActForm()
    {
        var id = await UnderReviewAsync();
        hub.SignIn(ConsoleHubFixture.Clerk);

        hub.Open("/console/batch?scope=review");
        Assert.NotNull(hub.Find("#denied"));

        hub.Open($"/console/applications/{id}");
        Assert.Empty(hub.Browser.FindElements(By.CssSelector("#act-Confirm")));
        // The clerk's own form (token and all) turned into a ruling: the act is refused for the role.
        hub.Browser.ExecuteScript(
            $"var f = document.querySelector('form.act-form'); f.querySelector('input[name=Act]').value = '{(int)Exchange.Domain.Act.Confirm}'; f.action = f.action.replace('Prepare', 'Perform'); f.submit();");
        Assert.NotNull(hub.WaitFor("#denied"));
        Assert.Equal(ApplicationStatus.UnderReview, (await Flow.GetAsync(id)).Status);
        Assert.DoesNotContain(await Flow.HistoryAsync(id), e => e.StatusAfter == ApplicationStatus.Confirmed);
    }

    [DatabaseFact]
    public async Task ActForm_WithoutItsAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var receipt = await Flow.SubmitAsync(ApplicationType.JudicialConfirmation);
        hub.SignIn(ConsoleHubFixture.Judge);
        hub.Open($"/console/applications/{receipt.ApplicationId}");
        hub.Find("#act-Accept").Click();

        // What a forged cross-site form would send: the confirmation's fields without the token.
        var status = Convert.ToInt32(hub.Browser.ExecuteAsyncScript(
            """
            var done = arguments[arguments.length - 1];
            var form = document.querySelector('form.confirm');
            var data = new FormData(form);
            data.delete('__RequestVerificationToken');
            fetch(form.action, { method: 'POST', body: new URLSearchParams(data) }).then(function (r) { done(r.status); });
            """), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(400, status);
        Assert.Equal(ApplicationStatus.Received, (await Flow.GetAsync(receipt.ApplicationId)).Status);
        Assert.Single(await Flow.HistoryAsync(receipt.ApplicationId));
    }

    [DatabaseFact]
    public async Task AnotherCourtsApplication_IsNotFound()
    {
        var theirs = await hub.SecondCourtFlow.SubmitAsync(ApplicationType.JudicialConfirmation);
        hub.SignIn(ConsoleHubFixture.Judge);

        hub.Open($"/console/applications/{theirs.ApplicationId}");

        Assert.Contains("404", hub.Find("#not-found").Text);
        var status = Convert.ToInt32(hub.Browser.ExecuteAsyncScript(
            "var done = arguments[arguments.length - 1]; fetch(location.href).then(function (r) { done(r.status); });"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(404, status);
        Assert.DoesNotContain(theirs.PlatformCaseId, hub.Browser.PageSource);
    }

    [DatabaseFact]
    public async Task Statistics_DrawsTheMonthsAsSvg()
    {
        await Flow.SubmitAsync(ApplicationType.MediationDocument);
        hub.SignIn(ConsoleHubFixture.Judge);
        hub.Open("/console/statistics");
        Assert.NotNull(hub.Find("svg#chart-jc rect"));
        Assert.NotNull(hub.Find("svg#chart-md rect"));
        Assert.NotNull(hub.Find("svg#chart-durations"));
        Assert.True(int.Parse(hub.Find("#total").Text, System.Globalization.CultureInfo.InvariantCulture) > 0);
        hub.Screenshot("statistics");
    }

    [GeneratedRegex("id=\"succeeded\">(\\d+)<")]
    private static partial Regex Succeeded();

    [GeneratedRegex("id=\"failed\">(\\d+)<")]
    private static partial Regex Failed();
}
