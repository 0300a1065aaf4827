using Exchange.Gateway.Auth;
using Exchange.Gateway.Errors;
using Exchange.V1;
using Grpc.Core;
using D = Exchange.Domain;

namespace Exchange.Gateway.Services;

/// <summary>
/// The court directory (directory.proto): every court's policy, read from the snapshot of courts and
/// calendar this gateway validates with — never a second copy.
/// </summary>
public sealed class DirectoryGrpcService(
    D.ICourtDirectory directory,
    [FromKeyedServices(Exchange.Abstractions.ShiftedClock.LegalClock)] TimeProvider clock) : DirectoryService.DirectoryServiceBase
{
    public override Task<ListCourtPoliciesResponse> ListCourts(ListCourtPoliciesRequest request, ServerCallContext context)
    {
        Principal.Of(context);
        var snapshot = directory.Current;
        var response = new ListCourtPoliciesResponse();
        response.Courts.AddRange(snapshot.Courts.Courts.Select(c => ToProto(c, snapshot.Calendar, Year())));
        return Task.FromResult(response);
    }

    public override Task<CourtPolicy> GetCourtPolicy(GetCourtPolicyRequest request, ServerCallContext context)
    {
        Principal.Of(context);
        if (D.CourtCode.CheckFormat(request.CourtCode) is { } problem)
        {
            GrpcErrors.ThrowInvalidArgument("court_code", problem);
        }

        var snapshot = directory.Current;
        var court = snapshot.Courts.Find(request.CourtCode)
            ?? throw GrpcErrors.Create(StatusCode.NotFound, D.ErrorReason.CourtNotFound, $"the hub serves no court {request.CourtCode}",
                new Dictionary<string, string> { ["court_code"] = request.CourtCode });
        return Task.FromResult(ToProto(court, snapshot.Calendar, Year()));
    }

    private int Year() => D.CaseNumbers.YearOf(clock.GetUtcNow());

    private static CourtPolicy ToProto(D.Court court, D.HolidayCalendar calendar, int year)
    {
        var policy = new CourtPolicy
        {
            CourtCode = court.Code,
            Name = court.Name,
            Level = (CourtLevel)court.Level,
            DivisionCode = court.DivisionCode,
            SpecialisedTrialCode = court.SpecialisedTrialCode,
            CaseNumbering = (CaseNumbering)court.CaseNumbering,
            // The court's own limit, the one UploadAttachment checks (exchange_courts.max_attachment_bytes).
            MaxAttachmentBytes = court.MaxAttachmentBytes,
            MaxInlineAttachmentBytes = D.AttachmentRules.MaxInlineBytes,
        };
        foreach (var type in court.AcceptedTypes.Order())
        {
            var typePolicy = new TypePolicy
            {
                Type = (ApplicationType)type,
                CaseTypeCode = court.TypeCodeOf(type),
                RequiredPerAgent = (AttachmentKind)D.RequiredMaterials.PerAgent,
                CaseNumberExample = D.CaseNumbers.Format(year, court.Code, court.CaseCodesOf(type), 1),
            };
            typePolicy.RequiredMaterials.AddRange(D.RequiredMaterials.Always(type).Select(k => (AttachmentKind)k));
            policy.TypePolicies.Add(typePolicy);
        }

        policy.CalendarYears.AddRange(calendar.LoadedYears.Select(y => new CalendarYearVersion { Year = y.Year, Version = y.Version, Source = y.Source }));
        return policy;
    }
}
