using System.Buffers;
using System.Security.Cryptography;
using Exchange.Domain;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ApplicationStatus = Exchange.V1.ApplicationStatus;
using ApplicationType = Exchange.V1.ApplicationType;

namespace Exchange.Peer;

/// <summary>
/// SubmitApplication and GetApplication of exchange.v1 FilingService, stateless: the key check,
/// cheap validation (the case id's form, a known court that accepts the type, the required parts
/// present), one prepared batch per submission, every read from PostgreSQL. The other methods
/// answer UNIMPLEMENTED (the generated base). Errors carry a status and a message only: the hub's
/// ErrorInfo and BadRequest details are a product's, not a baseline's.
/// </summary>
public sealed class PeerFilingService(PeerStore store, PeerKeys keys, CourtRegistry courts) : FilingService.FilingServiceBase
{
    private const int MaxCaseIdLength = 64;
    private static readonly SearchValues<char> CaseIdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_:/");

    /// <inheritdoc/>
    public override async Task<Receipt> SubmitApplication(SubmitApplicationRequest request, ServerCallContext context)
    {
        var platform = await AuthenticateAsync(context);
        var type = request.ApplicationCase switch
        {
            SubmitApplicationRequest.ApplicationOneofCase.JudicialConfirmation => ApplicationType.JudicialConfirmation,
            SubmitApplicationRequest.ApplicationOneofCase.MediationDocument => ApplicationType.MediationDocument,
            _ => throw Invalid("judicial_confirmation or mediation_document is required"),
        };
        if (request.PlatformCaseId.Length is 0 or > MaxCaseIdLength || request.PlatformCaseId.AsSpan().ContainsAnyExcept(CaseIdCharacters))
        {
            throw Invalid("platform_case_id must be 1–64 characters from A–Z, a–z, 0–9 and \".-_:/\"");
        }

        if (request.Consent is null)
        {
            throw Invalid("consent is required");
        }

        var court = courts.Find(request.CourtCode) ?? throw Invalid($"court_code '{request.CourtCode}' names no registered court");
        if (!court.Accepts(type == ApplicationType.JudicialConfirmation ? Domain.ApplicationType.JudicialConfirmation : Domain.ApplicationType.MediationDocument))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"court {court.Code} does not accept {type} applications"));
        }

        var bytes = request.ToByteArray();
        // The request's bytes are the fingerprint (the hub hashes a canonical form without
        // attachment contents; the load tests send none).
        var sha256 = SHA256.HashData(bytes);
        // PostgreSQL keeps microseconds: the first receipt must say what a repeat will read back.
        var now = DateTime.UtcNow;
        now = now.AddTicks(-(now.Ticks % 10));
        var (created, stored) = await store.InsertAsync(
            new StoredApplication(Guid.CreateVersion7(now), platform, request.PlatformCaseId, (short)type, court.Code,
                (short)ApplicationStatus.Received, 1, now, now, sha256, bytes),
            context.CancellationToken);
        if (!created && !stored.PayloadSha256.AsSpan().SequenceEqual(sha256))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists,
                $"platform_case_id {request.PlatformCaseId} was filed with another payload as application {stored.ApplicationId}"));
        }

        return ReceiptOf(stored, court.Name);
    }

    /// <inheritdoc/>
    public override async Task<Application> GetApplication(GetApplicationRequest request, ServerCallContext context)
    {
        var platform = await AuthenticateAsync(context);
        if (!Guid.TryParseExact(request.ApplicationId, "D", out var id))
        {
            throw Invalid("application_id must be a UUID");
        }

        var stored = await store.FindAsync(id, context.CancellationToken);
        if (stored is null || stored.PlatformId != platform)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no application {request.ApplicationId}"));
        }

        var filed = SubmitApplicationRequest.Parser.ParseFrom(stored.Request);
        var application = new Application
        {
            Receipt = ReceiptOf(stored, courts.Find(stored.CourtCode)?.Name ?? ""),
            Status = (ApplicationStatus)stored.Status,
            UpdateTime = Timestamp.FromDateTime(stored.UpdateTime),
            Version = stored.Version,
            Consent = filed.Consent,
        };
        if (filed.ApplicationCase == SubmitApplicationRequest.ApplicationOneofCase.JudicialConfirmation)
        {
            application.JudicialConfirmation = filed.JudicialConfirmation;
        }
        else
        {
            application.MediationDocument = filed.MediationDocument;
        }

        return application;
    }

    private async ValueTask<string> AuthenticateAsync(ServerCallContext context) =>
        await keys.PlatformOfAsync(context.RequestHeaders.GetValue("authorization"), context.CancellationToken)
        ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "missing, malformed or unknown API key"));

    private static Receipt ReceiptOf(StoredApplication stored, string courtName) => new()
    {
        ApplicationId = stored.ApplicationId.ToString("D"),
        Status = ApplicationStatus.Received,
        ReceivedTime = Timestamp.FromDateTime(stored.ReceivedTime),
        CourtCode = stored.CourtCode,
        CourtName = courtName,
        Type = (ApplicationType)stored.Type,
        PlatformCaseId = stored.PlatformCaseId,
        PayloadSha256 = Convert.ToHexStringLower(stored.PayloadSha256),
    };

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
