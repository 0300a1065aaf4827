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
        // The click's navigation may still be on its way (seen once: the old address read back).
        Assert.Contains("status=1", hub.WaitForUrl("status=1"));
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
        Assert.EndsWith("/console/sign-in", hub.WaitForUrl("/console/sign-in"));
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
        // The page shows the items as they are ruled, then posts itself for the final results
        // (as long as the post alone waited before: the page load timeout, 120 s, for 1,000 on a busy machine).
        hub.WaitFor("#results", TimeSpan.FromSeconds(120));
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
    public async Task BatchWithScript_ShowsEachItemAsItIsRuled_ThenTheFinalResults()
    {
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await UnderReviewAsync());
        }

        hub.SignIn(ConsoleHubFixture.Judge);
        hub.Open("/console/batch?scope=review");
        var chosen = int.Parse(hub.Find("#chosen-count").Text, System.Globalization.CultureInfo.InvariantCulture);
        // The live rows are gone once the final page loads: the page's own tab remembers what it showed.
        hub.Browser.ExecuteScript(
            """
            sessionStorage.removeItem('rows');
            new MutationObserver(function () {
                sessionStorage.setItem('rows', String(document.querySelectorAll('#progress-items tbody tr.ruled').length));
            }).observe(document.querySelector('#progress-items tbody'), { childList: true });
            """);
        hub.Find("#rule").Click();

        hub.WaitFor("#results");
        Assert.Equal(chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), hub.Find("#succeeded").Text);
        var shown = Convert.ToString(hub.Browser.ExecuteScript("return sessionStorage.getItem('rows');"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), shown);
        foreach (var id in ids)
        {
            Assert.Single(await Flow.HistoryAsync(id), e => e.StatusAfter == ApplicationStatus.Confirmed);
        }
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
        // The click's navigation may still be on its way: a script run on the leaving page never answers.
        hub.WaitFor("form.confirm");

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
    public async Task Material_DownloadsWithItsNameAndContent_OnlyForTheCourtsOfficer()
    {
        var request = Requests.JudicialConfirmation(CourtFlow.NewCaseId("dl"), HubFixture.Court);
        var named = Requests.File(AttachmentKind.OtherMaterial, "调解笔录 第1页.pdf", "调解笔录 " + request.PlatformCaseId);
        request.JudicialConfirmation.Attachments.Add(named);
        var kept = Requests.File(AttachmentKind.OtherMaterial, "kept.pdf", "平台保存 " + request.PlatformCaseId);
        kept.Content = Google.Protobuf.ByteString.Empty;
        request.JudicialConfirmation.Attachments.Add(kept);
        var id = (await Flow.Filing.SubmitApplicationAsync(request, Flow.AsPlatform)).ApplicationId;
        var theirs = await hub.SecondCourtFlow.SubmitAsync(ApplicationType.JudicialConfirmation);
        var index = request.JudicialConfirmation.Attachments.Count - 2;

        hub.SignIn(ConsoleHubFixture.Clerk);
        hub.Open($"/console/applications/{id}");
        var link = hub.Find($"#material-{index}");
        Assert.Equal("调解笔录 第1页.pdf", link.Text);
        Assert.Contains(Convert.ToHexStringLower(named.Sha256.Span), hub.Find("#materials").Text);

        var href = link.GetDomAttribute("href") ?? "";
        var answer = Fetch(href);
        Assert.Equal("200", answer[0]);
        Assert.Equal("application/pdf", answer[1]);
        // RFC 5987: the Chinese name as UTF-8, percent-encoded.
        Assert.Contains("attachment", answer[2]);
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString("调解笔录 第1页.pdf"), answer[2]);
        Assert.Equal("调解笔录 " + request.PlatformCaseId, answer[3]);

        Assert.Equal("404", Fetch($"/console/applications/{id}/materials/{index + 1}")[0]);
        Assert.Equal("404", Fetch($"/console/applications/{theirs.ApplicationId}/materials/0")[0]);

        // Without the officer's session: sent to the sign-in, nothing served.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var signedOut = await anonymous.GetAsync(new Uri(hub.ConsoleAddress + href));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/console/sign-in", signedOut.Headers.Location?.ToString());
    }

    /// <summary>A GET from the signed-in page: status, content type, content disposition, body.</summary>
    private string[] Fetch(string path) =>
        (hub.Browser.ExecuteAsyncScript(
            """
            var done = arguments[arguments.length - 1];
            fetch(arguments[0]).then(function (r) { return r.text().then(function (t) { done([String(r.status), r.headers.get('content-type') || '', r.headers.get('content-disposition') || '', t]); }); });
            """, path) as IReadOnlyCollection<object> ?? []).Select(o => o?.ToString() ?? "").ToArray();

    [DatabaseFact]
    public void Language_SwitchedToEnglish_StaysEnglishAcrossPages_UntilSwitchedBack()
    {
        hub.SignIn(ConsoleHubFixture.Clerk);
        Assert.Equal("待办案件（按最近期限排序）", hub.Find("#docket-heading").Text);
        Assert.Equal("zh-CN", hub.Find("html").GetAttribute("lang"));

        hub.Find("#language").Click();
        Assert.Equal("Docket (nearest deadline first)", hub.Find("#docket-heading").Text);
        Assert.Equal("en", hub.Find("html").GetAttribute("lang"));
        hub.Open("/console/statistics");
        Assert.Equal("This court's statistics", hub.Find("h1").Text);

        hub.Find("#language").Click();
        Assert.EndsWith("/console/statistics", hub.Browser.Url);
        Assert.Equal("本院统计", hub.Find("h1").Text);
    }

    [DatabaseFact]
    public async Task Session_SignedInOnOneGateway_WorksOnAnotherWithAHomeOfItsOwn_FormsIncluded()
    {
        var receipt = await Flow.SubmitAsync(ApplicationType.JudicialConfirmation);
        await using var other = await hub.StartOtherGatewayAsync();
        hub.SignIn(ConsoleHubFixture.Clerk);

        // The same cookies (a browser sends them to every port of the host), read by the other gateway.
        hub.Browser.Navigate().GoToUrl($"{other.ConsoleAddress}/console/applications/{receipt.ApplicationId}");
        Assert.Contains(ConsoleHubFixture.Clerk, hub.Find("#officer").Text);
        // Its forms too: their tokens pair with the antiforgery cookie the first gateway's sign-in page set.
        hub.Find("#act-Accept").Click();
        hub.Find("#confirm").Click();
        Assert.Contains("已办理：受理", hub.Find("#notice").Text);
        Assert.Equal(ApplicationStatus.Accepted, (await Flow.GetAsync(receipt.ApplicationId)).Status);
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
        // The median beside the mean and the 90th percentile.
        Assert.NotEmpty(hub.Browser.FindElements(By.CssSelector("svg#chart-durations rect.p50")));
        Assert.Contains("P50", hub.Find("svg#chart-durations").Text);
        Assert.True(int.Parse(hub.Find("#total").Text, System.Globalization.CultureInfo.InvariantCulture) > 0);
        hub.Screenshot("statistics");
    }

    [GeneratedRegex("id=\"succeeded\">(\\d+)<")]
    private static partial Regex Succeeded();

    [GeneratedRegex("id=\"failed\">(\\d+)<")]
    private static partial Regex Failed();
}
