using Exchange.Gateway.Auth;
using Exchange.Gateway.Errors;
using Exchange.Storage.Officers;
using OfficerRole = Exchange.V1.OfficerRole;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ErrorReason = Exchange.Domain.ErrorReason;

namespace Exchange.Gateway.Services;

/// <summary>Officer accounts of the court console (admin.proto: AddOfficer, ListOfficers, DisableOfficer, ResetOfficerPassword).</summary>
public sealed partial class AdminGrpcService
{
    public const int MaxOfficerName = 50;
    public const int MinPassword = 10;
    public const int MaxPassword = 128;

    public override async Task<Officer> AddOfficer(AddOfficerRequest request, ServerCallContext context)
    {
        var admin = Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var requestId = RequestId(request.RequestId, violations);
        var unknownCourt = CheckCourt(request.CourtCode, violations);
        CheckOfficerName(request.Name, violations);
        if (request.Role is not (OfficerRole.Clerk or OfficerRole.Judge))
        {
            violations.Add(("role", "is required: OFFICER_ROLE_CLERK or OFFICER_ROLE_JUDGE"));
        }

        CheckPassword(request.Password, violations);
        ThrowIfAny(violations, unknownCourt);
        var role = request.Role == OfficerRole.Judge ? OfficerRole.Judge : OfficerRole.Clerk;
        return await ChangeAsync(admin, requestId, WithoutPassword(request), Officer.Parser, async (change, ct) =>
            ToProto(await change.AddOfficerAsync(request.CourtCode, request.Name, ToStorage(role), request.Password, ct)), context);
    }

    public override async Task<ListOfficersResponse> ListOfficers(ListOfficersRequest request, ServerCallContext context)
    {
        Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var unknownCourt = request.CourtCode.Length > 0 && CheckCourt(request.CourtCode, violations);
        ThrowIfAny(violations, unknownCourt);
        var response = new ListOfficersResponse();
        response.Officers.AddRange((await officers.ListAsync(request.CourtCode.Length > 0 ? request.CourtCode : null, request.IncludeDisabled,
            context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<Officer> DisableOfficer(DisableOfficerRequest request, ServerCallContext context)
    {
        var admin = Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var requestId = RequestId(request.RequestId, violations);
        Required(request.CourtCode, request.Name, violations);
        ThrowIfAny(violations);
        return await ChangeAsync(admin, requestId, request, Officer.Parser, async (change, ct) =>
            ToProto(await change.DisableOfficerAsync(request.CourtCode, request.Name, ct)), context);
    }

    public override async Task<Officer> ResetOfficerPassword(ResetOfficerPasswordRequest request, ServerCallContext context)
    {
        var admin = Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var requestId = RequestId(request.RequestId, violations);
        Required(request.CourtCode, request.Name, violations);
        CheckPassword(request.Password, violations);
        ThrowIfAny(violations);
        var fingerprinted = request.Clone();
        fingerprinted.Password = "";
        return await ChangeAsync(admin, requestId, fingerprinted, Officer.Parser, async (change, ct) =>
            ToProto(await change.ResetOfficerPasswordAsync(request.CourtCode, request.Name, request.Password, ct)), context);
    }

    /// <summary>The request as fingerprinted for its request id: without the password, of which the hub keeps only a salted hash.</summary>
    private static AddOfficerRequest WithoutPassword(AddOfficerRequest request)
    {
        var copy = request.Clone();
        copy.Password = "";
        return copy;
    }

    /// <summary>True when the court is not in the registry (the call's reason is then UNKNOWN_COURT).</summary>
    private bool CheckCourt(string courtCode, List<(string, string)> violations)
    {
        if (directory.Current.Courts.Contains(courtCode))
        {
            return false;
        }

        violations.Add(("court_code", $"'{courtCode}' is not a court of the hub's court registry"));
        return true;
    }

    private static void CheckOfficerName(string name, List<(string, string)> violations)
    {
        if (name.Length is 0 or > MaxOfficerName || name.Trim().Length != name.Length || name.Any(char.IsControl))
        {
            violations.Add(("name", $"must be 1–{MaxOfficerName} characters, without control characters or surrounding blanks"));
        }
    }

    private static void CheckPassword(string password, List<(string, string)> violations)
    {
        if (password.Length is < MinPassword or > MaxPassword)
        {
            violations.Add(("password", $"must be {MinPassword}–{MaxPassword} characters"));
        }
    }

    private static void Required(string courtCode, string name, List<(string, string)> violations)
    {
        if (courtCode.Length == 0)
        {
            violations.Add(("court_code", "required"));
        }

        if (name.Length == 0)
        {
            violations.Add(("name", "required"));
        }
    }

    private static void ThrowIfAny(List<(string, string)> violations, bool unknownCourt)
    {
        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations, unknownCourt && violations.Count == 1 ? ErrorReason.UnknownCourt : ErrorReason.InvalidArgument);
        }
    }

    private static Domain.OfficerRole ToStorage(OfficerRole role) =>
        role == OfficerRole.Judge ? Domain.OfficerRole.Judge : Domain.OfficerRole.Clerk;

    private static Officer ToProto(OfficerInfo officer)
    {
        var proto = new Officer
        {
            CourtCode = officer.CourtCode,
            Name = officer.Name,
            Role = officer.Role == Domain.OfficerRole.Judge ? OfficerRole.Judge : OfficerRole.Clerk,
            CreateTime = Timestamp.FromDateTimeOffset(officer.CreatedAt),
        };
        if (officer.DisabledAt is { } disabled)
        {
            proto.DisableTime = Timestamp.FromDateTimeOffset(disabled);
        }

        if (officer.LockedUntil is { } locked && locked > DateTimeOffset.UtcNow)
        {
            proto.LockEndTime = Timestamp.FromDateTimeOffset(locked);
        }

        return proto;
    }
}
