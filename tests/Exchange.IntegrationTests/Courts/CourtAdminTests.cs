using System.Diagnostics;
using Exchange.IntegrationTests.Admin;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Xunit.Abstractions;
using D = Exchange.Domain;

namespace Exchange.IntegrationTests.Courts;

/// <summary>
/// Courts and holiday calendars are data in the database, changed through the admin service and
/// taken up by every silo and gateway without a restart. The hub has two gateways: a change made
/// through the first is watched arriving at the second.
/// </summary>
public sealed class CourtAdminTests(AdminHubFixture hub, ITestOutputHelper output) : IClassFixture<AdminHubFixture>
{
    public static TheoryData<string> Methods => ["ListCourts", "PutCourt", "ListHolidayYears", "PutHolidayYear"];

    private AdminService.AdminServiceClient Admin => hub.Admin;

    [Fact]
    public async Task NewHub_CourtsAndHolidayYears_AreTheSampleSet()
    {
        var courts = (await Admin.ListCourtsAsync(new ListCourtsRequest(), hub.AsAdmin)).Courts;
        var sample = D.CourtRegistry.LoadSample().Courts;
        Assert.Equal(sample.Select(Text), courts.Select(Text));
        Assert.All(courts, c => Assert.True(c.Version >= 1));

        var years = (await Admin.ListHolidayYearsAsync(new ListHolidayYearsRequest(), hub.AsAdmin)).HolidayYears;
        Assert.Equal(D.HolidayCalendar.EmbeddedYears().Select(Text), years.Select(Text));
    }

    [Fact]
    public async Task PutCourt_NewCourt_TakesFilingsOnEveryGatewayWithoutRestart()
    {
        const string code = "新0108";
        var request = Requests.JudicialConfirmation("court-new-1", code);
        var second = new FilingService.FilingServiceClient(hub.SecondChannel);
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => second.SubmitApplicationAsync(request, hub.AsPlatformA).ResponseAsync);
        // A first filing through that gateway, so that the clock below measures the change arriving, not a cold start.
        await second.SubmitApplicationAsync(Requests.JudicialConfirmation("court-new-warm"), hub.AsPlatformA);

        var put = await Admin.PutCourtAsync(new PutCourtRequest { Court = NewCourt(code, "测试区人民法院", ApplicationType.JudicialConfirmation) }, hub.AsAdmin);
        Assert.Equal(1, put.Version);
        var clock = Stopwatch.StartNew();
        Receipt? receipt = null;
        var refusals = 0;
        var sent = TimeSpan.Zero; // when the call that succeeded was sent: the change had arrived by then
        while (receipt is null && clock.Elapsed < TimeSpan.FromSeconds(40))
        {
            try
            {
                sent = clock.Elapsed;
                receipt = await second.SubmitApplicationAsync(request, hub.AsPlatformA);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
            {
                refusals++;
                await Task.Delay(TimeSpan.FromMilliseconds(10)); // the measurement's resolution, not a barrier
            }
        }

        output.WriteLine($"the new court took a filing on the other gateway sent {sent.TotalMilliseconds:F0} ms after PutCourt answered ({refusals} refusals before)");
        Assert.NotNull(receipt);
        Assert.True(sent < TimeSpan.FromSeconds(2), $"the new court refused filings for {sent.TotalMilliseconds:F0} ms");

        // Its clerk office can have a key at once, on either gateway.
        await hub.SecondAdmin.RegisterCourtAsync(new RegisterCourtRequest { CourtCode = code }, hub.AsAdmin);
        Assert.Equal(["court.registered", "key.issued"], await AuditAsync("court", code));
    }

    [Fact]
    public async Task PutCourt_DroppingAType_RefusesThatTypeAfterwards_AndKeepsTheOther()
    {
        const string code = "新0103";
        await hub.Filing.SubmitApplicationAsync(Requests.MediationDocument("court-drop-before", code), hub.AsPlatformA);
        var stored = (await Admin.ListCourtsAsync(new ListCourtsRequest(), hub.AsAdmin)).Courts.Single(c => c.Code == code);
        var narrowed = stored.Clone();
        narrowed.AcceptedTypes.Remove(ApplicationType.MediationDocument);

        var put = await Admin.PutCourtAsync(new PutCourtRequest { Court = narrowed, ExpectedVersion = stored.Version }, hub.AsAdmin);

        Assert.Equal(stored.Version + 1, put.Version);
        Assert.Equal([ApplicationType.JudicialConfirmation], put.AcceptedTypes);
        var clock = Stopwatch.StartNew();
        Google.Rpc.Status? refusal = null;
        var sent = TimeSpan.Zero;
        for (var i = 0; refusal is null && clock.Elapsed < TimeSpan.FromSeconds(40); i++)
        {
            try
            {
                sent = clock.Elapsed;
                await hub.Filing.SubmitApplicationAsync(Requests.MediationDocument($"court-drop-after-{i}", code), hub.AsPlatformA);
                await Task.Delay(TimeSpan.FromMilliseconds(10)); // the measurement's resolution, not a barrier
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                refusal = ex.GetRpcStatus();
            }
        }

        output.WriteLine($"the dropped type was refused in a call sent {sent.TotalMilliseconds:F0} ms after PutCourt answered");
        Assert.Equal("COURT_DOES_NOT_ACCEPT_TYPE", refusal?.Info().Reason);
        Assert.True(sent < TimeSpan.FromSeconds(2), $"the dropped type was taken for {sent.TotalMilliseconds:F0} ms");
        await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("court-drop-jc", code), hub.AsPlatformA);
        Assert.Equal(["court.changed"], await AuditAsync("court", code));
    }

    [Fact]
    public async Task PutHolidayYear_AHolidayOnTheDueDate_MovesTheDeadlineOfALaterFiling_AndTheRecountMovesAnEarlierOnes()
    {
        var courts = new CourtService.CourtServiceClient(hub.Channel);
        var asCourt = HubFixture.As(hub.CourtKey);
        var before = await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("calendar-before"), hub.AsPlatformA);
        var due = AcceptanceDue(await courts.GetApplicationAsync(new GetApplicationRequest { ApplicationId = before.ApplicationId }, asCourt));

        // The same year with one more rest day: the day the acceptance decision is due.
        var stored = (await Admin.ListHolidayYearsAsync(new ListHolidayYearsRequest(), hub.AsAdmin)).HolidayYears.SingleOrDefault(y => y.Year == due.Year)
            ?? new HolidayYear { Year = due.Year };
        var changed = stored.Clone();
        changed.Holidays.Add(new Holiday { Name = "Court closure", First = ToDate(due), Last = ToDate(due) });
        await Admin.PutHolidayYearAsync(new PutHolidayYearRequest { HolidayYear = changed, ExpectedVersion = stored.Version }, hub.AsAdmin);
        var calendar = D.HolidayCalendar.FromYears([ToDomain(changed)]);

        // The silo hears of it from PostgreSQL: file until a receipt's deadline moved (or 40 s).
        var clock = Stopwatch.StartNew();
        DateOnly after;
        Application later;
        var i = 0;
        var sent = TimeSpan.Zero;
        do
        {
            sent = clock.Elapsed;
            var receipt = await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation($"calendar-after-{i++}"), hub.AsPlatformA);
            later = await courts.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, asCourt);
            after = AcceptanceDue(later);
        }
        while (after == due && clock.Elapsed < TimeSpan.FromSeconds(40));

        output.WriteLine($"the new holiday moved the deadline of filing {i}, sent {sent.TotalMilliseconds:F0} ms after PutHolidayYear answered: {due} -> {after}");
        var expected = D.Deadlines.Count(later.Receipt.ReceivedTime.ToDateTimeOffset(), D.Deadlines.AcceptanceDays, calendar).Day;
        Assert.Equal(expected, after);
        Assert.True(after > due);
        Assert.True(sent < TimeSpan.FromSeconds(2), $"the old calendar was used for {sent.TotalMilliseconds:F0} ms");

        // Computed before the change: the year's recount (CalendarRecountGrain, issue 13) counts it
        // again on the new calendar, in the background — polled until it has (or 40 s).
        var expectedBefore = D.Deadlines.Count(before.ReceivedTime.ToDateTimeOffset(), D.Deadlines.AcceptanceDays, calendar).Day;
        Assert.NotEqual(due, expectedBefore);
        var recounted = due;
        for (var wait = Stopwatch.StartNew(); recounted != expectedBefore && wait.Elapsed < TimeSpan.FromSeconds(40);)
        {
            recounted = AcceptanceDue(await courts.GetApplicationAsync(new GetApplicationRequest { ApplicationId = before.ApplicationId }, asCourt));
        }

        Assert.Equal(expectedBefore, recounted);
        Assert.Equal(["holiday_year.replaced"], await AuditAsync("holiday_year", due.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task PutCourt_BadFields_IsInvalidArgumentListingEachAndChangesNothing()
    {
        var before = await SnapshotAsync();
        var court = NewCourt("新01", "", ApplicationType.MediationDocument, ApplicationType.Unspecified, ApplicationType.MediationDocument);
        court.Level = CourtLevel.Basic;
        court.DivisionCode = "65x";

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Admin.PutCourtAsync(
            new PutCourtRequest { RequestId = "not-a-uuid", Court = court, ExpectedVersion = -1 }, hub.AsAdmin).ResponseAsync);

        Assert.Equal("INVALID_ARGUMENT", status.Info().Reason);
        Assert.Equal(
            ["request_id", "court.level", "court.name", "court.division_code", "court.accepted_types[1]", "court.accepted_types[2]", "expected_version"],
            status.ViolatedFields());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("0102", "court.code")]
    [InlineData("", "court.code")]
    public async Task PutCourt_MalformedCode_IsInvalidArgumentAndChangesNothing(string code, string field)
    {
        var before = await SnapshotAsync();
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Admin.PutCourtAsync(
            new PutCourtRequest { Court = NewCourt(code, "某法院") }, hub.AsAdmin).ResponseAsync);

        Assert.Contains(field, status.ViolatedFields());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task PutHolidayYear_BadFields_IsInvalidArgumentListingEachAndChangesNothing()
    {
        var before = await SnapshotAsync();
        var year = new HolidayYear { Year = 2027, Source = new string('s', 501) };
        year.Holidays.Add(new Holiday { Name = "", First = Date(2027, 2, 5), Last = Date(2027, 2, 3) });
        year.Holidays.Add(new Holiday { Name = "Qingming", First = Date(2027, 2, 30), Last = Date(2028, 1, 1) });
        year.Holidays.Add(new Holiday { Name = "Missing" });
        year.MakeUpWorkingDays.Add(Date(2027, 1, 6)); // a Wednesday
        year.MakeUpWorkingDays.Add(Date(2026, 12, 26));

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Admin.PutHolidayYearAsync(
            new PutHolidayYearRequest { HolidayYear = year }, hub.AsAdmin).ResponseAsync);

        Assert.Equal(
            [
                "holiday_year.holidays[0].last", "holiday_year.holidays[0].name", "holiday_year.holidays[1].first", "holiday_year.holidays[1].last",
                "holiday_year.holidays[2].first", "holiday_year.holidays[2].last", "holiday_year.make_up_working_days[0]",
                "holiday_year.make_up_working_days[1]", "holiday_year.source",
            ],
            status.ViolatedFields());
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Admin.PutHolidayYearAsync(
            new PutHolidayYearRequest { HolidayYear = new HolidayYear { Year = 10000 } }, hub.AsAdmin).ResponseAsync);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task PutCourtAndPutHolidayYear_StaleExpectedVersion_AreAbortedVersionMismatchAndChangeNothing()
    {
        var stored = (await Admin.ListCourtsAsync(new ListCourtsRequest(), hub.AsAdmin)).Courts.Single(c => c.Code == "新0104");
        var year = (await Admin.ListHolidayYearsAsync(new ListHolidayYearsRequest(), hub.AsAdmin)).HolidayYears.Single(y => y.Year == 2026);
        var before = await SnapshotAsync();
        var renamed = stored.Clone();
        renamed.Name = "新市区人民法院（改）";

        var court = await RpcAssert.FailsWith(StatusCode.Aborted, () => Admin.PutCourtAsync(
            new PutCourtRequest { Court = renamed, ExpectedVersion = stored.Version + 1 }, hub.AsAdmin).ResponseAsync);
        var unregistered = await RpcAssert.FailsWith(StatusCode.Aborted, () => Admin.PutCourtAsync(
            new PutCourtRequest { Court = NewCourt("新0199", "未登记法院"), ExpectedVersion = 1 }, hub.AsAdmin).ResponseAsync);
        var calendar = await RpcAssert.FailsWith(StatusCode.Aborted, () => Admin.PutHolidayYearAsync(
            new PutHolidayYearRequest { HolidayYear = year, ExpectedVersion = year.Version + 1 }, hub.AsAdmin).ResponseAsync);

        Assert.All(new[] { court, unregistered, calendar }, s => Assert.Equal("VERSION_MISMATCH", s.Info().Reason));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task PutCourt_WhatIsStored_ChangesNothing()
    {
        var stored = (await Admin.ListCourtsAsync(new ListCourtsRequest(), hub.AsAdmin)).Courts.Single(c => c.Code == "新0105");
        var before = await SnapshotAsync();

        var put = await Admin.PutCourtAsync(new PutCourtRequest { Court = stored }, hub.AsAdmin);

        Assert.Equal(stored, put);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task PutCourt_RepeatedRequestId_ReturnsTheFirstAnswer_AndWithAnotherRequestIsRequestIdReused()
    {
        var requestId = Guid.NewGuid().ToString();
        var request = new PutCourtRequest { RequestId = requestId, Court = NewCourt("新0110", "重试区人民法院", ApplicationType.MediationDocument) };
        var first = await Admin.PutCourtAsync(request, hub.AsAdmin);
        var before = await SnapshotAsync();

        var again = await hub.SecondAdmin.PutCourtAsync(request, hub.AsAdmin);
        var changed = request.Clone();
        changed.Court.Name = "另一个名字";
        var status = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => Admin.PutCourtAsync(changed, hub.AsAdmin).ResponseAsync);

        Assert.Equal(first, again);
        Assert.Equal("REQUEST_ID_REUSED", status.Info().Reason);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task EveryCourtMethod_WithoutKeyOrWithAPlatformsKey_IsRefused(string method)
    {
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(method, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30))));
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Call(method, hub.AsPlatformA));
    }

    private Task Call(string method, CallOptions options) => method switch
    {
        "ListCourts" => Admin.ListCourtsAsync(new ListCourtsRequest(), options).ResponseAsync,
        "PutCourt" => Admin.PutCourtAsync(new PutCourtRequest { Court = NewCourt("新0111", "无权区人民法院") }, options).ResponseAsync,
        "ListHolidayYears" => Admin.ListHolidayYearsAsync(new ListHolidayYearsRequest(), options).ResponseAsync,
        _ => Admin.PutHolidayYearAsync(new PutHolidayYearRequest { HolidayYear = new HolidayYear { Year = 2030 } }, options).ResponseAsync,
    };

    private static Court NewCourt(string code, string name, params ApplicationType[] types)
    {
        var court = new Court { Code = code, Name = name, Level = code.Length == 3 ? CourtLevel.Intermediate : CourtLevel.Basic };
        court.AcceptedTypes.AddRange(types);
        return court;
    }

    private static DateOnly AcceptanceDue(Application response)
    {
        var date = response.Deadlines.Single(d => d.Kind == DeadlineKind.AcceptanceDecision).DueDate;
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    private static Google.Type.Date Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    private static Google.Type.Date ToDate(DateOnly day) => Date(day.Year, day.Month, day.Day);

    private static DateOnly ToDomain(Google.Type.Date date) => new(date.Year, date.Month, date.Day);

    private static D.HolidayYear ToDomain(HolidayYear year) => new(
        year.Year,
        [.. year.Holidays.Select(h => new D.Holiday(h.Name, ToDomain(h.First), ToDomain(h.Last)))],
        [.. year.MakeUpWorkingDays.Select(ToDomain)],
        year.Source);

    private static string Text(D.Court c) => $"{c.Code} {c.Name} {(int)c.Level} {c.DivisionCode} {string.Join(",", c.AcceptedTypes.Select(t => (int)t))}";

    private static string Text(Court c) => $"{c.Code} {c.Name} {(int)c.Level} {c.DivisionCode} {string.Join(",", c.AcceptedTypes.Select(t => (int)t))}";

    private static string Text(D.HolidayYear y) =>
        $"{y.Year} {y.Source} {string.Join(";", y.Holidays.Select(h => $"{h.Name} {h.First:yyyy-MM-dd} {h.Last:yyyy-MM-dd}"))} {string.Join(",", y.MakeUpWorkingDays.Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}";

    private static string Text(HolidayYear y) => Text(ToDomain(y));

    /// <summary>Every row of the tables a court or calendar change writes, as text: "changes nothing" compares contents.</summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var table in new[] { "exchange_courts", "exchange_holiday_years", "exchange_admin_events", "exchange_admin_requests" })
        {
            await using var command = hub.Database.DataSource.CreateCommand($"SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM {table} t");
            parts.Add(table + ":\n" + (string)(await command.ExecuteScalarAsync())!);
        }

        return string.Join("\n", parts);
    }

    private async Task<List<string>> AuditAsync(string subjectKind, string subjectId)
    {
        await using var command = hub.Database.DataSource.CreateCommand(
            "SELECT action FROM exchange_admin_events WHERE subject_kind = $1 AND subject_id = $2 ORDER BY event_id");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = subjectKind });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = subjectId });
        var actions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            actions.Add(reader.GetString(0));
        }

        return actions;
    }
}
