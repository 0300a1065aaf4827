using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Exchange.BrowserTests;

/// <summary>
/// A court hub (CourtHubFixture: real PostgreSQL, silo and gateway processes) whose gateway serves
/// the console, a judge and a clerk of court 新0102, and one headless chromium driven through
/// chromium-driver (Debian's, both from scripts/install-browser.sh; no driver is downloaded).
/// </summary>
public sealed class ConsoleHubFixture : CourtHubFixture
{
    public const string Judge = "王法官";
    public const string Clerk = "李书记员";
    public const string Password = "console-test-password-1";

    public int ConsolePort { get; } = HubProcess.FreePort();

    public string ConsoleAddress => $"http://127.0.0.1:{ConsolePort}";

    public ChromeDriver Browser { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment => new Dictionary<string, string> { ["Exchange__ConsolePort"] = ConsolePort.ToString() };

    protected override async Task StartAsync()
    {
        await base.StartAsync();
        foreach (var (name, role) in new[] { (Judge, OfficerRole.Judge), (Clerk, OfficerRole.Clerk) })
        {
            await Admin.AddOfficerAsync(new AddOfficerRequest { CourtCode = Court, Name = name, Role = role, Password = Password }, AsAdmin);
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Executable("chromedriver"))!, "chromedriver");
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Executable("chromium") };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=zh-CN", "--window-size=1360,1000");
        Browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Browser.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(120);
        Browser.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(120);
        // Finding waits this long for an element to appear (a page still loading); an absent one costs it once.
        Browser.Manage().Timeouts().ImplicitWait = TimeSpan.FromSeconds(5);
    }

    public override async Task DisposeAsync()
    {
        Browser?.Quit();
        Browser?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>
    /// Another gateway of this hub with a console of its own, as on another machine: its own home
    /// folder (where Data Protection would keep a key ring of its own), so that the only key ring it
    /// can share with the first gateway is the database's. Deletes its home when disposed of.
    /// </summary>
    public async Task<OtherGateway> StartOtherGatewayAsync()
    {
        var home = Directory.CreateTempSubdirectory("exchange-gateway-home-");
        var consolePort = HubProcess.FreePort();
        var process = await StartGatewayProcessAsync(HubProcess.FreePort(), new Dictionary<string, string>
        {
            ["Exchange__ConsolePort"] = consolePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HOME"] = home.FullName,
        });
        return new OtherGateway(process, $"http://127.0.0.1:{consolePort}", home);
    }

    public sealed record OtherGateway(HubProcess Process, string ConsoleAddress, DirectoryInfo Home) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Process.DisposeAsync();
            Home.Delete(recursive: true);
        }
    }

    /// <summary>Opens a console page (a path such as "/console").</summary>
    public void Open(string path) => Browser.Navigate().GoToUrl(ConsoleAddress + path);

    public IWebElement Find(string cssSelector) => Browser.FindElement(By.CssSelector(cssSelector));

    /// <summary>The element once a navigation the page started itself (a script's form.submit()) has shown it.</summary>
    public IWebElement WaitFor(string cssSelector, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(60);
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            if (Browser.FindElements(By.CssSelector(cssSelector)) is [var found, ..])
            {
                return found;
            }

            if (DateTime.UtcNow > until)
            {
                throw new NoSuchElementException($"{cssSelector} did not appear within {limit.TotalSeconds:0} s on {Browser.Url}");
            }
        }
    }

    /// <summary>The page's address once a navigation a click started has reached one containing <paramref name="fragment"/> (or 60 s).</summary>
    public string WaitForUrl(string fragment)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!Browser.Url.Contains(fragment, StringComparison.Ordinal) && DateTime.UtcNow < until)
        {
            Thread.Sleep(20);
        }

        return Browser.Url;
    }

    /// <summary>Signs in through the form (signing out whoever was signed in first).</summary>
    public void SignIn(string name, string password = Password)
    {
        Browser.Manage().Cookies.DeleteAllCookies();
        Open("/console/sign-in");
        Find("#court").SendKeys(Court);
        Find("#name").SendKeys(name);
        Find("#password").SendKeys(password);
        Find("#sign-in").Click();
        // Signed in once the console names the officer: the next page is opened with the session cookie.
        WaitFor("#officer");
    }

    /// <summary>Where the tests leave their screenshots: $EXCHANGE_TEST_SCREENSHOTS, or none.</summary>
    public void Screenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("EXCHANGE_TEST_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            // The whole page, not only the window: widen the window to the document's height first.
            var height = Convert.ToInt32(Browser.ExecuteScript("return document.documentElement.scrollHeight"), System.Globalization.CultureInfo.InvariantCulture);
            Browser.Manage().Window.Size = new System.Drawing.Size(1360, Math.Min(Math.Max(height, 1000), 4000));
            Browser.GetScreenshot().SaveAsFile(Path.Combine(folder, $"console-{name}.png"));
            Browser.Manage().Window.Size = new System.Drawing.Size(1360, 1000);
        }
    }

    private static string Executable(string name) =>
        new[] { "/usr/bin", "/usr/local/bin", "/usr/lib/chromium" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed: run scripts/install-browser.sh (test.sh does)");
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleHubFixture>
{
    public const string Name = "console";
}
