using System.Globalization;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Npgsql;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.Faults;

/// <summary>A hub started with its clock (Exchange:ClockFile) a day ahead.</summary>
public sealed class DayAheadHubFixture : HubFixture
{
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(1);

    public string ClockFile { get; } = Path.Combine(Path.GetTempPath(), "exchange-clock-" + Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment => new Dictionary<string, string> { ["Exchange__ClockFile"] = ClockFile };

    protected override async Task StartAsync()
    {
        Shift(Ahead);
        await base.StartAsync();
    }

    /// <summary>Moves the hub's clock to real time plus <paramref name="offset"/>.</summary>
    public void Shift(TimeSpan offset) => File.WriteAllText(ClockFile, offset.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(ClockFile);
    }
}

/// <summary>
/// The shifted clock moves the hub's legal time only: Orleans' membership keeps the system clock (a
/// silo started a day ahead was declared dead), and a clock moved backwards under recorded acts is
/// answered as the contract says, never INTERNAL.
/// </summary>
public sealed class ShiftedClockTests(DayAheadHubFixture hub, ITestOutputHelper output) : IClassFixture<DayAheadHubFixture>
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(10);

    [DatabaseFact]
    public async Task StartedADayAhead_ReceiptsAreADayAhead_ButMembershipKeepsTheSystemClock()
    {
        var receipt = await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("clock-ahead-1"), hub.AsPlatformA);

        // The legal clock is shifted: the receipt is a day ahead.
        Assert.InRange(receipt.ReceivedTime.ToDateTimeOffset() - DateTimeOffset.UtcNow, DayAheadHubFixture.Ahead - Tolerance, DayAheadHubFixture.Ahead + Tolerance);

        // Orleans is not: the silo's row says when it really started and that it is alive (status 3, Active).
        await using var connection = new NpgsqlConnection(hub.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, start_time, iamalive_time FROM orleans_membership WHERE deployment_id = $1", connection)
        {
            Parameters = { new() { Value = hub.ClusterId } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (status, started, alive) = (reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2));
        output.WriteLine($"membership: status {status}, start {started:O}, I-am-alive {alive:O}");
        Assert.Equal(3, status);
        Assert.InRange(started - DateTimeOffset.UtcNow, -Tolerance, Tolerance);
        Assert.InRange(alive - DateTimeOffset.UtcNow, -Tolerance, Tolerance);
        Assert.False(await reader.ReadAsync());
        Assert.False(hub.Silo.HasExited);
    }

    [DatabaseFact]
    public async Task MovedBackwardsUnderRecordedActs_AnswersAsDocumented_NeverInternal()
    {
        var courts = new CourtService.CourtServiceClient(hub.Channel);
        var asCourt = HubFixture.As(hub.CourtKey);
        var id = (await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("clock-back-1"), hub.AsPlatformA)).ApplicationId;
        await courts.AcceptApplicationAsync(new CourtActRequest { ApplicationId = id }, asCourt);

        // Back to real time: a day before the application's receipt and acceptance.
        hub.Shift(TimeSpan.Zero);
        try
        {
            var answers = new List<(string Call, StatusCode Code, string Detail)>();
            async Task CallAsync(string name, Func<Task> call)
            {
                try
                {
                    await call();
                    answers.Add((name, StatusCode.OK, ""));
                }
                catch (RpcException ex)
                {
                    answers.Add((name, ex.StatusCode, ex.Status.Detail));
                }
            }

            await CallAsync("get", () => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, hub.AsPlatformA).ResponseAsync);
            await CallAsync("start-review", () => courts.StartReviewAsync(new CourtActRequest { ApplicationId = id }, asCourt).ResponseAsync);
            await CallAsync("docket", () => courts.ListDocketAsync(new ListDocketRequest(), asCourt).ResponseAsync);
            await CallAsync("submit", () => hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("clock-back-2"), hub.AsPlatformA).ResponseAsync);
            await CallAsync("withdraw", () => hub.Filing.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = id, Reason = "双方和解" }, hub.AsPlatformA).ResponseAsync);
            foreach (var (call, code, detail) in answers)
            {
                output.WriteLine($"{call}: {code} {detail}");
            }

            Assert.DoesNotContain(answers, a => a.Code is StatusCode.Internal or StatusCode.Unknown);
            Assert.False(hub.Silo.HasExited);
        }
        finally
        {
            hub.Shift(DayAheadHubFixture.Ahead);
        }
    }
}
