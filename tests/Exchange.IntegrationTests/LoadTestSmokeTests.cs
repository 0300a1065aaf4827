using Exchange.Client;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.LoadTests.Generators;
using Exchange.LoadTests.Hub;
using Exchange.LoadTests.Scenarios;
using Exchange.V1;
using Grpc.Core;
using Xunit;

namespace Exchange.IntegrationTests;

/// <summary>
/// The load-test scenarios against a real hub, in-process and briefly: they must execute calls and
/// none may fail. Not a measurement — a guard that the generator still produces requests the hub's
/// own rules accept and that the scenarios still run, so a benchmark run does not find out first.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class LoadTestSmokeTests(HubFixture hub)
{
    private LoadKeys Keys => new(
        [new PlatformKey(HubFixture.PlatformA, hub.PlatformAKey), new PlatformKey(HubFixture.PlatformB, hub.PlatformBKey)],
        [new CourtKey(HubFixture.Court, hub.CourtKey)]);

    private Uri Endpoint => new($"http://127.0.0.1:{hub.GatewayPort}");

    [Theory]
    [InlineData(AttachmentMode.Metadata)]
    [InlineData(AttachmentMode.Inline)]
    public async Task Generator_EveryCourtAndType_IsAcceptedByTheHubWithoutWarnings(AttachmentMode attachments)
    {
        var generator = new ApplicationGenerator(attachments);
        var caseIds = new CaseIds();
        using var connection = new HubConnection(Endpoint, Keys, channelCount: 1);
        for (var seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed);
            foreach (var mediationDocument in new[] { false, true })
            {
                foreach (var court in SampleCourts.Accepting(mediationDocument))
                {
                    var request = generator.Create(mediationDocument, court, caseIds.Next("gen"), random, DateTimeOffset.UtcNow);
                    Receipt receipt;
                    try
                    {
                        receipt = await connection.For(seed % 2).SubmitAsync(request, DateTime.UtcNow.AddSeconds(30));
                    }
                    catch (RpcException ex)
                    {
                        Assert.Fail($"refused {(mediationDocument ? "MD" : "JC")} for {court.Code} (seed {seed}): {ExchangeError.FromException(ex)}\n{request}");
                        throw;
                    }

                    Assert.Equal(ApplicationStatus.Received, receipt.Status);
                    Assert.Equal(court.Code, receipt.CourtCode);
                    Assert.Empty(receipt.Warnings);
                }
            }
        }
    }

    [Fact]
    public async Task Scenarios_SubmitUniqueGetHotPlatformDayAndSeedReplay_ExecuteCallsWithoutFailures()
    {
        using var connection = new HubConnection(Endpoint, Keys, channelCount: 2);
        var settings = new ScenarioSettings
        {
            Concurrency = 4,
            WarmUp = TimeSpan.FromSeconds(0.5),
            Duration = TimeSpan.FromSeconds(1.5),
            SnapshotInterval = TimeSpan.FromSeconds(1),
            HotSetSize = 20,
            PlatformDayPreload = 3,

            // Well below the calibrated capacity: on a busy CI machine a stall must not drop calls.
            PlatformDayLoad = 0.3,
            SeedSize = 40,
            SeedMaxDuration = TimeSpan.FromSeconds(20),
        };
        var output = new StringWriter();
        var context = new LoadContext(settings, connection, EchoEndpoint: null, hub.Database.ConnectionString, output);

        var summary = await ScenarioRunner.RunAsync(
            ["submit-unique", "get-hot", "platform-day", "seed-replay", "court-day"], context, new ReportOptions(Folder: null, Progress: false), CancellationToken.None);

        var log = output.ToString();
        Assert.True(summary.ExitCode == 0, log);
        Assert.Equal(
            ["submit-unique", "get-hot", "platform-day.submit", "platform-day.get", "platform-day.list", "platform-day.withdraw", "seed-replay", "court-day"],
            summary.Scenarios.Select(s => s.Name));
        foreach (var scenario in summary.Scenarios.Where(s => s.Available))
        {
            Assert.True(scenario.Error is null, $"{scenario.Name}: {scenario.Error}\n{log}");
            Assert.True(scenario.Ok > 0, $"{scenario.Name} executed no successful call\n{log}");
            Assert.True(scenario.Errors == 0, $"{scenario.Name} had {scenario.Errors} failed calls: {string.Join(", ", scenario.ErrorsByStatus ?? new Dictionary<string, long>())}\n{log}");
        }

        var seed = summary.Scenarios.Single(s => s.Name == "seed-replay");
        var verify = seed.Phases!.Single(p => p.Name == "verify");
        Assert.Equal(40, seed.Phases!.Single(p => p.Name == "submit").Acknowledged);
        Assert.True(verify.Passed, log);
        Assert.Equal(0, verify.Lost);
        Assert.Equal(40, verify.StoredInRun);
        Assert.All(seed.Phases!.Where(p => p.Name is "accept" or "batch-confirm"), p => Assert.False(p.Available));
        Assert.False(summary.Scenarios.Single(s => s.Name == "court-day").Available);
    }
}
