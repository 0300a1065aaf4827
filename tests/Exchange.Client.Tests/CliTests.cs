using Exchange.Cli;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Client.Tests;

/// <summary>The command line end to end, against a fake hub.</summary>
public sealed class CliTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 4, 0, 0, TimeSpan.Zero);

    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();
    private readonly Dictionary<string, string> _env = new() { ["EXCHANGE_API_KEY"] = "exk_fromenv" };
    private (Uri Endpoint, string Key)? _connectedTo;

    [Fact]
    public async Task Submit_WithRefreshDates_SendsTheSampleWithTodaysDates_AndPrintsTheReceipt()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Receipt
        {
            ApplicationId = "0193a1b2-0000-7000-8000-000000000001",
            Status = ApplicationStatus.Received,
            ReceivedTime = Timestamp.FromDateTimeOffset(Now),
            CourtCode = "新0102",
            CourtName = "天山区人民法院",
            Type = ApplicationType.JudicialConfirmation,
            PlatformCaseId = "TSXF-2026-JC-0018",
            PayloadSha256 = "ab12",
            Warnings = { new Warning { Code = "CREDIT_CODE_CHECKSUM", Field = "x", Message = "check character differs" } },
        }));

        var exit = await Run(invoker, "submit", Samples.PathOf(Samples.JudicialConfirmation), "--refresh-dates");

        Assert.Equal(0, exit);
        var sent = Assert.IsType<SubmitApplicationRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal(new Google.Type.Date { Year = 2026, Month = 11, Day = 28 }, sent.JudicialConfirmation.Agreement.SignedDate);
        Assert.Equal(("http://127.0.0.1:5180/", "exk_fromenv"), (_connectedTo!.Value.Endpoint.ToString(), _connectedTo.Value.Key));
        var output = _out.ToString();
        Assert.Contains("Application 0193a1b2-0000-7000-8000-000000000001: RECEIVED", output, StringComparison.Ordinal);
        Assert.Contains("新0102 天山区人民法院", output, StringComparison.Ordinal);
        Assert.Contains("2026-11-28 12:00:00 (+08:00)", output, StringComparison.Ordinal);
        Assert.Contains("sha256 ab12", output, StringComparison.Ordinal);
        Assert.Contains("CREDIT_CODE_CHECKSUM", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Refused_PrintsTheDecodedStatusToStderr_AndExits1()
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "the application is invalid",
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = "INVALID_APPLICATION", Domain = "exchange.court.cn" }),
                Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "court_code", Description = "unknown court" } } }),
            },
        };
        var invoker = new FakeCallInvoker(_ => Task.FromException<object>(status.ToRpcException()));

        var exit = await Run(invoker, "submit", Samples.PathOf(Samples.MediationDocument), "--key", "exk_flag", "--endpoint", "http://localhost:9");

        Assert.Equal(1, exit);
        Assert.Equal("", _out.ToString());
        Assert.Contains("INVALID_ARGUMENT (INVALID_APPLICATION): the application is invalid", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("court_code: unknown court", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal("exk_flag", _connectedTo!.Value.Key);
    }

    [Fact]
    public async Task Get_Json_PrintsProto3Json()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application
        {
            Status = ApplicationStatus.CorrectionRequested,
            Receipt = new Receipt { ApplicationId = "id-1" },
        }));

        var exit = await Run(invoker, "get", "id-1", "--json");

        Assert.Equal(0, exit);
        var printed = ProtoJson.Parse<Application>(_out.ToString());
        Assert.Equal(ApplicationStatus.CorrectionRequested, printed.Status);
        Assert.Contains("\"CORRECTION_REQUESTED\"", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_SendsTheFilters_AndPrintsATable()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new ListApplicationsResponse
        {
            Applications =
            {
                new ApplicationSummary
                {
                    ApplicationId = "0193a1b2-0000-7000-8000-000000000001",
                    PlatformCaseId = "TSXF-2026-JC-0018",
                    Type = ApplicationType.JudicialConfirmation,
                    CourtCode = "新0102",
                    Status = ApplicationStatus.Received,
                    ReceivedTime = Timestamp.FromDateTimeOffset(Now),
                },
            },
            NextPageToken = "tok",
        }));

        var exit = await Run(invoker, "list", "--status", "received", "accepted", "--status", "under-review,CONFIRMED", "--type", "jc", "--court", "新0102", "--page-size", "20");

        Assert.Equal(0, exit);
        var sent = Assert.IsType<ListApplicationsRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal([ApplicationStatus.Received, ApplicationStatus.Accepted, ApplicationStatus.UnderReview, ApplicationStatus.Confirmed], sent.Statuses);
        Assert.Equal(ApplicationType.JudicialConfirmation, sent.Type);
        Assert.Equal("新0102", sent.CourtCode);
        Assert.Equal(20, sent.PageSize);
        var output = _out.ToString();
        Assert.Contains("TSXF-2026-JC-0018", output, StringComparison.Ordinal);
        Assert.Contains("RECEIVED", output, StringComparison.Ordinal);
        Assert.Contains("2026-11-28 12:00:00", output, StringComparison.Ordinal);
        Assert.Contains("--page-token tok", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_All_FetchesEveryPage()
    {
        var invoker = new FakeCallInvoker(call => Task.FromResult<object>(((ListApplicationsRequest)call.Request).PageToken == ""
            ? new ListApplicationsResponse { Applications = { new ApplicationSummary { ApplicationId = "a1" } }, NextPageToken = "p2" }
            : new ListApplicationsResponse { Applications = { new ApplicationSummary { ApplicationId = "a2" } } }));

        var exit = await Run(invoker, "list", "--all", "--json");

        Assert.Equal(0, exit);
        var printed = ProtoJson.Parse<ListApplicationsResponse>(_out.ToString());
        Assert.Equal(["a1", "a2"], printed.Applications.Select(a => a.ApplicationId));
    }

    [Fact]
    public async Task Withdraw_SendsTheReason()
    {
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application { Status = ApplicationStatus.UnderReview }));

        var exit = await Run(invoker, "withdraw", "id-1", "--reason", "双方已自行和解");

        Assert.Equal(0, exit);
        Assert.Equal("双方已自行和解", Assert.IsType<WithdrawApplicationRequest>(Assert.Single(invoker.Calls).Request).Reason);
        Assert.Contains("Withdrawal requested", _out.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list", "--status", "PENDING")]
    [InlineData("list", "--type", "divorce")]
    [InlineData("list", "--page-size", "-1")]
    [InlineData("get")]
    [InlineData("frobnicate")]
    [InlineData("admin", "register-platform", "--id", "p1")]
    [InlineData("admin", "issue-key", "--kind", "judge", "--principal", "x")]
    [InlineData("admin", "list-keys", "--page-size", "x")]
    [InlineData("admin", "put-court", "--court", "新0108", "--name", "x", "--level", "basic", "--accepts", "jc,xx")]
    [InlineData("admin", "put-court", "--court", "新0108", "--name", "x", "--level", "basic")]
    [InlineData("admin", "put-court", "--court", "新0108", "--name", "x", "--level", "county", "--accepts", "jc")]
    [InlineData("admin", "put-court", "--court", "新0108", "--name", "x", "--level", "basic", "--accepts", "jc", "--expected-version", "-1")]
    [InlineData("admin", "put-holiday-year")]
    public async Task UsageErrors_Exit2_WithoutCallingTheHub(params string[] args)
    {
        var invoker = new FakeCallInvoker(_ => throw new InvalidOperationException("no call expected"));

        var exit = await Run(invoker, args);

        Assert.Equal(2, exit);
        Assert.Empty(invoker.Calls);
        Assert.StartsWith("error: ", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKey_Exits2()
    {
        _env.Clear();
        var exit = await Run(new FakeCallInvoker(_ => throw new InvalidOperationException()), "get", "id-1");

        Assert.Equal(2, exit);
        Assert.Contains("no API key", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_UnknownFieldInTheFile_Exits2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"exchange-cli-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "platformCaseId": "x", "courtcode": "新0102" }""");
        try
        {
            var exit = await Run(new FakeCallInvoker(_ => throw new InvalidOperationException()), "submit", path);

            Assert.Equal(2, exit);
            Assert.Contains("courtcode", _err.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task EndpointFromEnvironment_IsUsed_AndCleartextToARemoteHostWarns()
    {
        _env["EXCHANGE_ENDPOINT"] = "http://hub.example.cn:5180";
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new Application()));

        var exit = await Run(invoker, "get", "id-1");

        Assert.Equal(0, exit);
        Assert.Equal("http://hub.example.cn:5180/", _connectedTo!.Value.Endpoint.ToString());
        Assert.Contains("unencrypted", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_WithoutAnAdminKey_Exits2_NamingWhereToGetOne()
    {
        var invoker = new FakeCallInvoker(_ => throw new InvalidOperationException("no call expected"));

        var exit = await Run(invoker, "admin", "list-keys");

        Assert.Equal(2, exit);
        Assert.Empty(invoker.Calls);
        Assert.Contains("EXCHANGE_ADMIN_KEY", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_TakesTheAdminKeyFromTheEnvironment_NotThePlatformsKey_AndSendsARequestId()
    {
        _env["EXCHANGE_ADMIN_KEY"] = "exk_admin";
        var invoker = new FakeCallInvoker(_ => Task.FromResult<object>(new IssuedKey
        {
            ApiKey = "exk_court",
            Key = new ApiKey { KeyPrefix = "exk_court", PrincipalKind = PrincipalKind.Court, PrincipalId = "新0102", DisplayName = "clerk office" },
        }));

        var exit = await Run(invoker, "admin", "issue-key", "--kind", "court", "--principal", "新0102");

        Assert.Equal(0, exit);
        Assert.Equal("exk_admin", _connectedTo!.Value.Key);
        var sent = Assert.IsType<IssueKeyRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal(PrincipalKind.Court, sent.PrincipalKind);
        Assert.True(Guid.TryParse(sent.RequestId, out _), sent.RequestId);
        Assert.Equal("exk_court" + Environment.NewLine, _out.ToString());
    }

    [Theory]
    [InlineData("jc,md", new[] { ApplicationType.JudicialConfirmation, ApplicationType.MediationDocument })]
    [InlineData("MEDIATION_DOCUMENT", new[] { ApplicationType.MediationDocument })]
    [InlineData("none", new ApplicationType[0])]
    public async Task PutCourt_SendsTheWholeCourt_WithTheTypesByTheirShortNames(string accepts, ApplicationType[] types)
    {
        _env["EXCHANGE_ADMIN_KEY"] = "exk_admin";
        var invoker = new FakeCallInvoker(call => Task.FromResult<object>(((PutCourtRequest)call.Request).Court.Clone()));

        var exit = await Run(invoker, "admin", "put-court", "--court", "新0108", "--name", "测试区人民法院", "--level", "basic", "--division", "650108",
            "--accepts", accepts, "--expected-version", "3");

        Assert.True(exit == 0, _err.ToString());
        var sent = Assert.IsType<PutCourtRequest>(Assert.Single(invoker.Calls).Request);
        Assert.Equal(("新0108", "测试区人民法院", CourtLevel.Basic, "650108", 3L), (sent.Court.Code, sent.Court.Name, sent.Court.Level, sent.Court.DivisionCode, sent.ExpectedVersion));
        Assert.Equal(types, sent.Court.AcceptedTypes);
        Assert.True(Guid.TryParse(sent.RequestId, out _), sent.RequestId);
    }

    [Fact]
    public async Task PutHolidayYear_ReadsTheHubsOwnYearFile()
    {
        _env["EXCHANGE_ADMIN_KEY"] = "exk_admin";
        var invoker = new FakeCallInvoker(call => Task.FromResult<object>(((PutHolidayYearRequest)call.Request).HolidayYear.Clone()));

        var exit = await Run(invoker, "admin", "put-holiday-year", "--file", Path.Combine(AppContext.BaseDirectory, "calendar", "2026.json"));

        Assert.True(exit == 0, _err.ToString());
        var year = Assert.IsType<PutHolidayYearRequest>(Assert.Single(invoker.Calls).Request).HolidayYear;
        Assert.Equal(2026, year.Year);
        Assert.StartsWith("State Council General Office notice", year.Source, StringComparison.Ordinal);
        Assert.Equal(7, year.Holidays.Count);
        Assert.Equal(
            ("Spring Festival", new Google.Type.Date { Year = 2026, Month = 2, Day = 15 }, new Google.Type.Date { Year = 2026, Month = 2, Day = 23 }),
            (year.Holidays[1].Name, year.Holidays[1].First, year.Holidays[1].Last));
        Assert.Equal(new Google.Type.Date { Year = 2026, Month = 1, Day = 4 }, year.MakeUpWorkingDays[0]);
        Assert.Equal(6, year.MakeUpWorkingDays.Count);
        Assert.Contains("Holiday year 2026: 7 holiday(s), 33 rest day(s), 6 make-up working day(s)", _out.ToString(), StringComparison.Ordinal);
    }

    private Task<int> Run(FakeCallInvoker invoker, params string[] args)
    {
        var context = new CliContext(
            _out,
            _err,
            name => _env.GetValueOrDefault(name),
            new FakeTimeProvider(Now),
            (endpoint, key, options) =>
            {
                _connectedTo = (endpoint, key);
                return new ExchangeClient(invoker, key, options);
            },
            (_, _) => new UnauthenticatedHub(invoker),
            OutIsTerminal: false);
        return ExchangeCli.RunAsync(args, context);
    }
}
