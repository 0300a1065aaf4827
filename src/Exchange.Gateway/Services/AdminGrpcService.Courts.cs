using Exchange.Gateway.Auth;
using Exchange.Gateway.Mapping;
using Exchange.Storage.Courts;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using D = Exchange.Domain;

namespace Exchange.Gateway.Services;

/// <summary>Courts and holiday calendars (admin.proto: ListCourts, PutCourt, ListHolidayYears, PutHolidayYear).</summary>
public sealed partial class AdminGrpcService
{
    public override async Task<ListCourtsResponse> ListCourts(ListCourtsRequest request, ServerCallContext context)
    {
        Principal.RequireAdmin(context);
        var response = new ListCourtsResponse();
        response.Courts.AddRange((await catalog.ListCourtsAsync(context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<Court> PutCourt(PutCourtRequest request, ServerCallContext context)
    {
        var admin = Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var requestId = RequestId(request.RequestId, violations);
        var given = request.Court ?? new Court();
        var court = new D.Court
        {
            Code = given.Code,
            Name = given.Name,
            Level = (D.CourtLevel)given.Level,
            DivisionCode = given.DivisionCode,
            AcceptedTypes = [.. given.AcceptedTypes.Select(t => (D.ApplicationType)t)],
            SpecialisedTrialCode = given.SpecialisedTrialCode,
            CaseNumbering = given.CaseNumbering == CaseNumbering.Unspecified ? D.CaseNumbering.Hub : (D.CaseNumbering)given.CaseNumbering,
            CaseTypeCodes = [.. given.CaseTypeCodes.Select(c => new D.CaseTypeCode((D.ApplicationType)c.Type, c.Code))],
            MaxAttachmentBytes = given.MaxAttachmentBytes == 0 ? D.Court.DefaultMaxAttachmentBytes : given.MaxAttachmentBytes,
        };
        violations.AddRange(D.CourtRules.Check(court).Select(v => ("court." + v.Field, v.Description)));
        ExpectedVersion(request.ExpectedVersion, violations);
        ThrowIfAny(violations);

        var answer = await ChangeAsync(admin, requestId, request, Court.Parser,
            async (change, ct) => ToProto(await change.PutCourtAsync(court, request.ExpectedVersion, ct)), context);
        await ReloadAsync(context);
        return answer;
    }

    public override async Task<ListHolidayYearsResponse> ListHolidayYears(ListHolidayYearsRequest request, ServerCallContext context)
    {
        Principal.RequireAdmin(context);
        var response = new ListHolidayYearsResponse();
        response.HolidayYears.AddRange((await catalog.ListHolidayYearsAsync(context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<HolidayYear> PutHolidayYear(PutHolidayYearRequest request, ServerCallContext context)
    {
        var admin = Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var requestId = RequestId(request.RequestId, violations);
        var given = request.HolidayYear ?? new HolidayYear();
        var dateViolations = new List<D.FieldViolation>();
        var holidays = given.Holidays.Select((h, i) => new D.Holiday(
            h.Name,
            Date(h.First, $"holidays[{i}].first", dateViolations),
            Date(h.Last, $"holidays[{i}].last", dateViolations))).ToList();
        var makeUp = given.MakeUpWorkingDays.Select((d, i) => Date(d, $"make_up_working_days[{i}]", dateViolations)).ToList();
        var year = new D.HolidayYear(given.Year, holidays, makeUp, given.Source);
        // A date that is missing or not a calendar date is reported alone, not also as outside the year.
        var rules = year.Check().Where(v => dateViolations.All(d => d.Field != v.Field));
        violations.AddRange(dateViolations.Concat(rules).OrderBy(v => v.Field, StringComparer.Ordinal).Select(v => ("holiday_year." + v.Field, v.Description)));
        ExpectedVersion(request.ExpectedVersion, violations);
        ThrowIfAny(violations);

        var answer = await ChangeAsync(admin, requestId, request, HolidayYear.Parser,
            async (change, ct) => ToProto(await change.PutHolidayYearAsync(year, request.ExpectedVersion, ct)), context);
        await ReloadAsync(context);
        return answer;
    }

    private const int MaxCalendarBytes = 1024 * 1024;

    public override async Task<HolidayYear> LoadHolidayCalendar(LoadHolidayCalendarRequest request, ServerCallContext context)
    {
        var admin = Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var requestId = RequestId(request.RequestId, violations);
        D.HolidayYear? year = null;
        try
        {
            if (System.Text.Encoding.UTF8.GetByteCount(request.CalendarJson) > MaxCalendarBytes)
            {
                throw new FormatException($"is longer than {MaxCalendarBytes} bytes: a year file is about 12 KB");
            }

            var file = D.CalendarYearFile.Parse(request.CalendarJson);
            var problems = file.Check();
            violations.AddRange(problems.Select(v => (v.Field, v.Description)));
            if (problems.Count == 0)
            {
                year = file.ToHolidayYear();
                // The stored schedule's own rules (source length and the like): the same as PutHolidayYear's.
                violations.AddRange(year.Check().Select(v => ("source." + v.Field, v.Description)));
            }
        }
        catch (FormatException ex)
        {
            violations.Add(("calendar_json", ex.Message));
        }

        ExpectedVersion(request.ExpectedVersion, violations);
        ThrowIfAny(violations);

        var answer = await ChangeAsync(admin, requestId, request, HolidayYear.Parser,
            async (change, ct) => ToProto(await change.PutHolidayYearAsync(year!, request.ExpectedVersion, ct)), context);
        await ReloadAsync(context);
        return answer;
    }

    /// <summary>
    /// This gateway sees its own change before it answers; the others hear of it from PostgreSQL.
    /// The change is committed: a failed reload is logged, not answered (the notification reloads it too).
    /// </summary>
    private Task ReloadAsync(ServerCallContext context) => directory.ReloadQuietlyAsync(context.CancellationToken);

    private static DateOnly Date(Google.Type.Date? date, string field, List<D.FieldViolation> violations)
    {
        if (date is null)
        {
            violations.Add(new D.FieldViolation(field, "is required"));
            return default;
        }

        return ApplicationMapper.ToDate(date, field, violations) ?? default;
    }

    private static void ExpectedVersion(long expected, List<(string, string)> violations)
    {
        if (expected < 0)
        {
            violations.Add(("expected_version", "must not be negative"));
        }
    }

    private static Court ToProto(CourtRecord record)
    {
        var proto = new Court
        {
            Code = record.Court.Code,
            Name = record.Court.Name,
            Level = (CourtLevel)record.Court.Level,
            DivisionCode = record.Court.DivisionCode,
            Version = record.Version,
            CreateTime = Timestamp.FromDateTimeOffset(record.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(record.UpdateTime),
        };
        proto.AcceptedTypes.AddRange(record.Court.AcceptedTypes.Select(t => (ApplicationType)t));
        proto.SpecialisedTrialCode = record.Court.SpecialisedTrialCode;
        proto.CaseNumbering = (CaseNumbering)record.Court.CaseNumbering;
        proto.MaxAttachmentBytes = record.Court.MaxAttachmentBytes;
        proto.CaseTypeCodes.AddRange(record.Court.CaseTypeCodes.Select(c => new CaseTypeCode { Type = (ApplicationType)c.Type, Code = c.Code }));
        return proto;
    }

    private static HolidayYear ToProto(HolidayYearRecord record)
    {
        var proto = new HolidayYear
        {
            Year = record.Year.Year,
            Source = record.Year.Source,
            Version = record.Version,
            UpdateTime = Timestamp.FromDateTimeOffset(record.UpdateTime),
        };
        proto.Holidays.AddRange(record.Year.Holidays.Select(h => new Holiday
        {
            Name = h.Name,
            First = ApplicationMapper.ToDate(h.First),
            Last = ApplicationMapper.ToDate(h.Last),
        }));
        proto.MakeUpWorkingDays.AddRange(record.Year.MakeUpWorkingDays.Order().Select(d => ApplicationMapper.ToDate(d)));
        return proto;
    }
}
