using System.Globalization;
using System.Text.Json;
using Exchange.IntegrationTests.Admin;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.Policy;

/// <summary>
/// A hub of its own: its tests load a holiday year (made-up test data for 2027) and make a court
/// number its own cases, which no other test may see.
/// </summary>
public sealed class PolicyHubFixture : CourtHubFixture
{
    public string Endpoint => $"http://127.0.0.1:{GatewayPort}";

    public DirectoryService.DirectoryServiceClient Directory => new(Channel);

    /// <summary>Runs `exchange ARGS` against this hub with its admin key, the CLI's own code in this process.</summary>
    public Task<CliRun> Exchange(params string[] args) =>
        CliRun.RunAsync(new() { ["EXCHANGE_ENDPOINT"] = Endpoint, ["EXCHANGE_ADMIN_KEY"] = AdminKey }, args);
}

/// <summary>
/// Court policy, one source of truth (issue 13 items 3 and 5): the directory platforms and courts
/// read, the calendar load that makes provisional deadlines final, and case numbers the court gives.
/// </summary>
public sealed class CourtPolicyTests(PolicyHubFixture hub) : IClassFixture<PolicyHubFixture>
{
    private const int TestYear = 2027;

    // ---- DirectoryService, through a real gRPC channel ----

    [Fact]
    public async Task ListCourts_AnyKeyOfTheHub_ListsEveryCourtWithItsPolicy()
    {
        foreach (var caller in new[] { hub.AsPlatformA, hub.AsCourt, hub.AsAdmin })
        {
            var courts = (await hub.Directory.ListCourtsAsync(new ListCourtPoliciesRequest(), caller)).Courts;
            var admin = (await hub.Admin.ListCourtsAsync(new ListCourtsRequest(), hub.AsAdmin)).Courts;
            Assert.Equal(admin.Select(c => c.Code), courts.Select(c => c.CourtCode));
            Assert.Equal(admin.Select(c => string.Join(",", c.AcceptedTypes)), courts.Select(c => string.Join(",", c.TypePolicies.Select(t => t.Type))));
        }
    }

    [Fact]
    public async Task GetCourtPolicy_ASampleCourt_ReportsWhatValidationUses()
    {
        var policy = await hub.Directory.GetCourtPolicyAsync(new GetCourtPolicyRequest { CourtCode = "新0102" }, hub.AsPlatformA);
        Assert.Equal("天山区人民法院", policy.Name);
        Assert.Equal(CaseNumbering.Hub, policy.CaseNumbering);
        var jc = policy.TypePolicies.Single(t => t.Type == ApplicationType.JudicialConfirmation);
        Assert.Equal("民特", jc.CaseTypeCode);
        Assert.Equal([AttachmentKind.MediationAgreement, AttachmentKind.MediationProof], jc.RequiredMaterials);
        Assert.Equal(AttachmentKind.PowerOfAttorney, jc.RequiredPerAgent);
        Assert.Equal([AttachmentKind.MediationAgreement], policy.TypePolicies.Single(t => t.Type == ApplicationType.MediationDocument).RequiredMaterials);
        Assert.Equal(100L * 1024 * 1024, policy.MaxAttachmentBytes); // the court's limit (migration 0085's default)

        // The calendar years are those loaded, with the versions the admin service lists.
        var years = (await hub.Admin.ListHolidayYearsAsync(new ListHolidayYearsRequest(), hub.AsAdmin)).HolidayYears;
        Assert.Superset(
            years.Where(y => y.Year != TestYear).Select(y => $"{y.Year} v{y.Version} {y.Source}").ToHashSet(),
            policy.CalendarYears.Select(y => $"{y.Year} v{y.Version} {y.Source}").ToHashSet());
        Assert.Contains(policy.CalendarYears, y => y.Year == 2026 && y.Version >= 1);
    }

    [Fact]
    public async Task GetCourtPolicy_AfterPutCourt_ReportsTheNewPolicyWithoutRestart()
    {
        const string code = "新0107";
        var stored = (await hub.Admin.ListCourtsAsync(new ListCourtsRequest(), hub.AsAdmin)).Courts.Single(c => c.Code == code);
        var changed = stored.Clone();
        changed.CaseTypeCodes.Add(new CaseTypeCode { Type = ApplicationType.MediationDocument, Code = "民诉前调" });
        await hub.Admin.PutCourtAsync(new PutCourtRequest { Court = changed }, hub.AsAdmin);

        var policy = await hub.Directory.GetCourtPolicyAsync(new GetCourtPolicyRequest { CourtCode = code }, hub.AsCourt);
        var md = policy.TypePolicies.Single(t => t.Type == ApplicationType.MediationDocument);
        Assert.Equal("民诉前调", md.CaseTypeCode);
        Assert.EndsWith("新0107民诉前调1号", md.CaseNumberExample, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task AttachmentLimit_PutByTheOperator_IsWhatTheDirectoryReports_AndWhatUploadsAreHeldTo()
    {
        const string code = "新0106";
        var stored = (await hub.Admin.ListCourtsAsync(new ListCourtsRequest(), hub.AsAdmin)).Courts.Single(c => c.Code == code);
        Assert.Equal(100L * 1024 * 1024, stored.MaxAttachmentBytes);

        // Over 2 GiB: refused, naming the field, nothing changed.
        var tooLarge = stored.Clone();
        tooLarge.MaxAttachmentBytes = 3L * 1024 * 1024 * 1024;
        var refused = await Assert.ThrowsAsync<RpcException>(() => hub.Admin.PutCourtAsync(new PutCourtRequest { Court = tooLarge }, hub.AsAdmin).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("court.max_attachment_bytes", refused.GetRpcStatus()!.ViolatedFields());
        Assert.Equal(stored.Version, (await hub.Admin.ListCourtsAsync(new ListCourtsRequest(), hub.AsAdmin)).Courts.Single(c => c.Code == code).Version);

        var smaller = stored.Clone();
        smaller.MaxAttachmentBytes = 1024;
        var put = await hub.Admin.PutCourtAsync(new PutCourtRequest { Court = smaller }, hub.AsAdmin);
        Assert.Equal(1024, put.MaxAttachmentBytes);
        Assert.Equal(1024, (await hub.Directory.GetCourtPolicyAsync(new GetCourtPolicyRequest { CourtCode = code }, hub.AsPlatformA)).MaxAttachmentBytes);

        // An upload of 1,025 bytes to that court is refused before any chunk, for the limit just put.
        var content = new byte[1025];
        using var call = hub.Filing.UploadAttachment(hub.AsPlatformA);
        try
        {
            await call.RequestStream.WriteAsync(new UploadAttachmentRequest
            {
                Header = new UploadAttachmentHeader
                {
                    Sha256 = Google.Protobuf.ByteString.CopyFrom(System.Security.Cryptography.SHA256.HashData(content)),
                    SizeBytes = content.Length, FileName = "scan.pdf", MediaType = "application/pdf", CourtCode = code,
                },
            });
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The hub refused early and ended the call: its answer says why.
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var info = error.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal("ATTACHMENT_TOO_LARGE", info.Reason);
        Assert.Equal("1024", info.Metadata["max_bytes"]);
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("新102", "is not a court code")]
    public async Task GetCourtPolicy_MalformedCode_IsInvalidArgumentNamingTheField(string code, string problem)
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => hub.Directory.GetCourtPolicyAsync(new GetCourtPolicyRequest { CourtCode = code }, hub.AsPlatformA).ResponseAsync);
        Assert.Equal(["court_code"], status.ViolatedFields());
        Assert.Contains(problem, status.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCourtPolicy_UnknownCourt_IsNotFound_CourtNotFound()
    {
        var status = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => hub.Directory.GetCourtPolicyAsync(new GetCourtPolicyRequest { CourtCode = "新0199" }, hub.AsPlatformA).ResponseAsync);
        Assert.Equal("COURT_NOT_FOUND", status.Info().Reason);
        Assert.Equal("新0199", status.Info().Metadata["court_code"]);
    }

    [Fact]
    public async Task Directory_WithoutAKey_IsUnauthenticated()
    {
        await RpcAssert.FailsWith(StatusCode.Unauthenticated,
            () => hub.Directory.ListCourtsAsync(new ListCourtPoliciesRequest(), deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.Unauthenticated,
            () => hub.Directory.GetCourtPolicyAsync(new GetCourtPolicyRequest { CourtCode = "新0102" }, HubFixture.As("exk_" + new string('A', 43))).ResponseAsync);
    }

    // ---- exchange admin calendar load ----

    [DatabaseFact]
    public async Task CalendarLoad_BadFileIsRefusedChangingNothing_GoodFileMakesTheDeadlinesInThatYearFinal()
    {
        // Accepted today (December 2026): the 30-day ceiling closes in January 2027, whose calendar is not loaded.
        var accepted = await hub.Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted);
        var id = accepted.Receipt.ApplicationId;
        Assert.Contains(accepted.Deadlines, d => d.Provisional && d.CloseTime.ToDateTimeOffset().ToOffset(ArticleEightyFive.Cst).Year == TestYear);
        var rows = await HolidayRowsAsync();
        var store = await StoreSnapshot.TakeAsync(hub.Database);

        var missing = TestCalendar();
        Days(missing).Remove("2027-03-14");
        Days(missing).Remove("2027-11-30");
        var run = await LoadAsync(missing);
        Assert.NotEqual(0, run.Exit);
        Assert.Contains("days: 2 date(s) of 2027 are not classified: 2027-03-14, 2027-11-30", run.Error, StringComparison.Ordinal);

        var makeUpOnHoliday = TestCalendar();
        ((List<string>)Holidays(makeUpOnHoliday)[0]["make_up_working_days"]).Add("2027-01-02");
        Days(makeUpOnHoliday)["2027-01-02"] = "MAKE_UP_WORKING_DAY";
        run = await LoadAsync(makeUpOnHoliday);
        Assert.NotEqual(0, run.Exit);
        Assert.Contains("holidays[0].make_up_working_days[0]: 2027-01-02 is a day of New Year, not a working day", run.Error, StringComparison.Ordinal);

        var uncited = TestCalendar();
        ((Dictionary<string, string>)uncited["source"])["notice"] = "";
        run = await LoadAsync(uncited);
        Assert.Contains("source.notice", run.Error, StringComparison.Ordinal);

        Assert.Equal(rows, await HolidayRowsAsync());
        Assert.Equal(store, await StoreSnapshot.TakeAsync(hub.Database));
        Assert.DoesNotContain((await hub.Directory.GetCourtPolicyAsync(new GetCourtPolicyRequest { CourtCode = "新0102" }, hub.AsPlatformA)).CalendarYears, y => y.Year == TestYear);

        run = await LoadAsync(TestCalendar());
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("Holiday calendar 2027 loaded (version 1)", run.Out, StringComparison.Ordinal);

        // The silos hear of the load and count the deadlines again (within seconds).
        var recounted = await Probe.UntilAsync(() => hub.Flow.GetAsync(id), a => a.Deadlines.All(d => !d.Provisional), TimeSpan.FromSeconds(60));
        Assert.All(recounted.Deadlines, d => Assert.False(d.Provisional));
        var history = await hub.Flow.HistoryAsync(id);
        var last = history[^1];
        Assert.Equal(HistoryEvent.Types.EventKind.DeadlinesRecounted, last.EventKind);
        Assert.Equal(Actor.Types.Kind.Hub, last.Actor.Kind);
        Assert.Contains("2027 v1", last.Details["calendar_years"], StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Accepted, last.StatusAfter);
        Assert.Contains((await hub.Directory.GetCourtPolicyAsync(new GetCourtPolicyRequest { CourtCode = "新0102" }, hub.AsPlatformA)).CalendarYears,
            y => y.Year == TestYear && y.Version == 1 && y.Source.StartsWith("测试数据〔2027〕1号", StringComparison.Ordinal));
    }

    private Task<CliRun> LoadAsync(Dictionary<string, object> file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"calendar-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(file));
        return hub.Exchange("admin", "calendar", "load", path);
    }

    private async Task<string> HolidayRowsAsync()
    {
        await using var command = hub.Database.DataSource.CreateCommand(
            "SELECT coalesce(string_agg(y::text, E'\\n' ORDER BY year), '') FROM exchange_holiday_years y");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A made-up 2027 for tests only — NOT the State Council's schedule, which was not published when
    /// this was written (DOMAIN.md §7a): two holidays, one make-up day, every other date by its weekday.
    /// </summary>
    private static Dictionary<string, object> TestCalendar()
    {
        var holidays = new[] { ("New Year", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3), Array.Empty<DateOnly>()),
                               ("Spring Festival", new DateOnly(2027, 2, 5), new DateOnly(2027, 2, 13), new[] { new DateOnly(2027, 2, 14) }) };
        var days = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var day = new DateOnly(TestYear, 1, 1); day.Year == TestYear; day = day.AddDays(1))
        {
            days[Iso(day)] = holidays.Any(h => h.Item2 <= day && day <= h.Item3) ? "HOLIDAY"
                : holidays.Any(h => h.Item4.Contains(day)) ? "MAKE_UP_WORKING_DAY"
                : day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "REST_DAY"
                : "WORKING_DAY";
        }

        return new()
        {
            ["year"] = TestYear,
            ["source"] = new Dictionary<string, string> { ["notice"] = "测试数据〔2027〕1号 (test data, not a State Council notice)", ["issued"] = "2026-11-20" },
            ["holidays"] = holidays.Select(h => new Dictionary<string, object>
            {
                ["name"] = h.Item1, ["first"] = Iso(h.Item2), ["last"] = Iso(h.Item3), ["make_up_working_days"] = h.Item4.Select(Iso).ToList(),
            }).ToList(),
            ["days"] = days,
        };
    }

    private static SortedDictionary<string, string> Days(Dictionary<string, object> file) => (SortedDictionary<string, string>)file["days"];

    private static List<Dictionary<string, object>> Holidays(Dictionary<string, object> file) => (List<Dictionary<string, object>>)file["holidays"];

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- case numbers the court gives ----

    [DatabaseFact]
    public async Task CaseNumber_GivenByTheCourt_IsStoredWithItsSpecialisedTrialCode_AndRefusedWhenItRepeatsOne()
    {
        const string code = CourtHubFixture.StatisticsCourt; // 新0104
        var stored = (await hub.Admin.ListCourtsAsync(new ListCourtsRequest(), hub.AsAdmin)).Courts.Single(c => c.Code == code);
        var courtNumbered = stored.Clone();
        courtNumbered.CaseNumbering = CaseNumbering.Court;
        courtNumbered.SpecialisedTrialCode = "知";
        await hub.Admin.PutCourtAsync(new PutCourtRequest { Court = courtNumbered }, hub.AsAdmin);
        var policy = await hub.Directory.GetCourtPolicyAsync(new GetCourtPolicyRequest { CourtCode = code }, hub.AsPlatformA);
        Assert.Equal(CaseNumbering.Court, policy.CaseNumbering);
        Assert.Equal("知", policy.SpecialisedTrialCode);

        var flow = new CourtFlow(hub.Channel, hub.PlatformAKey, hub.StatisticsCourtKey, code);
        var first = (await flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var second = (await flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var year = DateTimeOffset.UtcNow.ToOffset(ArticleEightyFive.Cst).Year;
        var number = $"（{year}）新0104知民特{Random.Shared.Next(1000, 999_999)}号";

        // Without a number, or with one that is not this court's: INVALID_ARGUMENT naming case_number, nothing changed.
        var before = await StoreSnapshot.TakeAsync(hub.Database);
        var missing = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => flow.Court.AcceptApplicationAsync(CourtFlow.Act(first), flow.AsCourt).ResponseAsync);
        Assert.Equal(["case_number"], missing.ViolatedFields());
        var withoutSpecialisedCode = CourtFlow.Act(first);
        withoutSpecialisedCode.CaseNumber = number.Replace("知", "", StringComparison.Ordinal);
        Assert.Equal(["case_number"], (await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => flow.Court.AcceptApplicationAsync(withoutSpecialisedCode, flow.AsCourt).ResponseAsync)).ViolatedFields());
        Assert.Equal(before, await StoreSnapshot.TakeAsync(hub.Database));

        var act = CourtFlow.Act(first);
        act.CaseNumber = number.Replace('（', '(').Replace('）', ')');
        var accepted = await flow.Court.AcceptApplicationAsync(act, flow.AsCourt);
        Assert.Equal(number, accepted.CaseNumber);
        Assert.Equal(number, (await flow.GetAsPlatformAsync(first)).CaseNumber);
        Assert.Equal(number, (await flow.HistoryAsync(first))[^1].Details["case_number"]);

        // The same number again, for another application of that court: ALREADY_EXISTS, nothing changed.
        before = await StoreSnapshot.TakeAsync(hub.Database);
        var again = CourtFlow.Act(second);
        again.CaseNumber = number;
        var taken = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => flow.Court.AcceptApplicationAsync(again, flow.AsCourt).ResponseAsync);
        Assert.Equal("CASE_NUMBER_TAKEN", taken.Info().Reason);
        Assert.Equal(number, taken.Info().Metadata["case_number"]);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(hub.Database));
        Assert.Equal(ApplicationStatus.Received, (await flow.GetAsync(second)).Status);

        // Another number is taken.
        again.CaseNumber = number.Replace("号", "0号", StringComparison.Ordinal);
        Assert.Equal(again.CaseNumber, (await flow.Court.AcceptApplicationAsync(again, flow.AsCourt)).CaseNumber);

        // The ruling the hub issues prints the number the court gave.
        await flow.StartReviewAsync(first);
        var ruling = Assert.Single((await flow.ConfirmAsync(first)).Documents);
        using var call = flow.Filing.GetDocument(new GetDocumentRequest { ApplicationId = first, Sha256 = ruling.Sha256 }, flow.AsPlatform);
        using var bytes = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            chunk.Data.WriteTo(bytes);
        }

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes.ToArray());
        Assert.Contains(number, string.Concat(pdf.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task CaseNumber_GivenToAHubNumberedCourt_IsRefused()
    {
        var id = (await hub.Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var act = CourtFlow.Act(id);
        act.CaseNumber = "（2026）新0102民特99999号";
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => hub.Flow.Court.AcceptApplicationAsync(act, hub.Flow.AsCourt).ResponseAsync);
        Assert.Equal(["case_number"], status.ViolatedFields());
        Assert.Matches(@"^（\d{4}）新0102民特[1-9]\d*号$", (await hub.Flow.AcceptAsync(id)).CaseNumber);
    }
}
