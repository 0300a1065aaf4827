using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>
/// A hub for the court side: the base fixture's two platforms and court 新0102, plus keys for a
/// second court (新0103, to prove isolation) and a third (新0104, whose statistics only one test
/// feeds).
/// </summary>
public class CourtHubFixture : HubFixture
{
    public const string SecondCourt = "新0103";
    public const string StatisticsCourt = "新0104";

    public string SecondCourtKey { get; private set; } = "";

    public string StatisticsCourtKey { get; private set; } = "";

    protected override async Task StartAsync()
    {
        await base.StartAsync();
        SecondCourtKey = await RegisterAsync("court", SecondCourt, "沙依巴克区人民法院 立案庭");
        StatisticsCourtKey = await RegisterAsync("court", StatisticsCourt, "新市区人民法院 立案庭");
    }

    public CourtService.CourtServiceClient Courts => new(Channel);

    public CallOptions AsCourt => As(CourtKey);

    public CallOptions AsSecondCourt => As(SecondCourtKey);

    /// <summary>Platform A filing with and court 新0102 answering: the usual pair.</summary>
    public CourtFlow Flow => new(Channel, PlatformAKey, CourtKey, Court);

    /// <summary>Platform A filing with and court 新0103 answering.</summary>
    public CourtFlow SecondCourtFlow => new(Channel, PlatformAKey, SecondCourtKey, SecondCourt);

    /// <summary>A flow for a platform of its own (registered now), so that a test can filter by it.</summary>
    public async Task<(string PlatformId, CourtFlow Flow)> NewPlatformFlowAsync(string prefix, string? courtKey = null, string court = HubFixture.Court)
    {
        var platform = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        var key = await RegisterAsync("platform", platform, "Platform " + platform);
        return (platform, new CourtFlow(Channel, key, courtKey ?? CourtKey, court));
    }
}

/// <summary>The court-side tests that share one hub (sequentially, as one collection).</summary>
[CollectionDefinition(Name)]
public sealed class CourtCollection : ICollectionFixture<CourtHubFixture>
{
    public const string Name = "court";
}
