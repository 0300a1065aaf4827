using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Exchange.IntegrationTests.CourtSide;

/// <summary>
/// The court's acts with invalid arguments, each on an application in the status where the act is
/// allowed (so that only the argument is wrong): INVALID_ARGUMENT naming the field, nothing changed.
/// </summary>
[Collection(CourtCollection.Name)]
public sealed class CourtActArgumentTests(CourtHubFixture hub)
{
    /// <summary>(act, what is wrong, the field the error must name).</summary>
    public static TheoryData<string, string, string> Cases => new()
    {
        { "RequestCorrection", "no items", "items" },
        { "RequestCorrection", "51 items", "items" },
        { "RequestCorrection", "an empty item", "items[0]" },
        { "RequestCorrection", "an item of 501 characters", "items[0]" },
        { "RequestCorrection", "limit of 0 days", "limit_days" },
        { "RequestCorrection", "limit of 31 days", "limit_days" },
        { "RequestSupplement", "no items", "items" },
        { "RequestSupplement", "limit of 0 days", "limit_days" },
        { "RequestSupplement", "limit of 31 days", "limit_days" },
        { "RefuseAcceptance", "no ground", "ground" },
        { "ExtendReview", "no approver", "approved_by" },
        { "ExtendReview", "approver of 101 characters", "approved_by" },
        { "RejectApplication", "no ground", "ground" },
        { "RejectApplication", "other ground without reason", "reason" },
        { "TreatAsWithdrawn", "no reason", "reason" },
        { "IssueMediationDocument", "no document hash", "document_sha256" },
        { "IssueMediationDocument", "document hash of 31 bytes", "document_sha256" },
        { "RefuseMediationDocument", "no ground", "ground" },
        { "RefuseMediationDocument", "other ground without reason", "reason" },
        { "RecordRepudiation", "no reason", "reason" },
        { "AcceptApplication", "malformed application id", "application_id" },
        { "AcceptApplication", "no application id", "application_id" },
        { "AcceptApplication", "malformed request id", "request_id" },
        { "AcceptApplication", "request id of 65 characters", "request_id" },
        { "AcceptApplication", "officer name of 101 characters", "officer_name" },
        { "AcceptApplication", "reason of 2,001 characters", "reason" },
        { "AcceptApplication", "document hash of 5 bytes", "document_sha256" },
        { "RequestCorrection", "malformed application id", "application_id" },
    };

    [DatabaseTheory]
    [MemberData(nameof(Cases))]
    public async Task ACourtAct_WithAnInvalidArgument_IsInvalidArgumentNamingTheFieldAndChangesNothing(string act, string variant, string field)
    {
        var flow = hub.Flow;
        var (type, status) = act switch
        {
            "RequestSupplement" or "ExtendReview" or "RejectApplication" => (ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview),
            "IssueMediationDocument" or "RefuseMediationDocument" => (ApplicationType.MediationDocument, ApplicationStatus.UnderReview),
            "RecordRepudiation" => (ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued),
            _ => (ApplicationType.JudicialConfirmation, ApplicationStatus.Received),
        };
        var app = await flow.WalkAsync(type, status);
        var common = CourtFlow.Act(app.Receipt.ApplicationId);
        var items = new List<string>(CourtFlow.CorrectionItems);
        var limit = 5;
        var approver = "院长 钱七";
        switch (variant)
        {
            case "no items": items.Clear(); break;
            case "51 items": items = Enumerable.Range(0, 51).Select(i => $"材料 {i}").ToList(); break;
            case "an empty item": items[0] = ""; break;
            case "an item of 501 characters": items[0] = new string('材', 501); break;
            case "limit of 0 days": limit = 0; break;
            case "limit of 31 days": limit = 31; break;
            case "no approver": approver = ""; break;
            case "approver of 101 characters": approver = new string('钱', 101); break;
            case "other ground without reason": common.Reason = ""; break;
            case "document hash of 31 bytes": common.DocumentSha256 = ByteString.CopyFrom(new byte[31]); break;
            case "document hash of 5 bytes": common.DocumentSha256 = ByteString.CopyFrom(new byte[5]); break;
            case "malformed application id": common.ApplicationId = "not-a-uuid"; break;
            case "no application id": common.ApplicationId = ""; break;
            case "malformed request id": common.RequestId = "not a request id!"; break;
            case "request id of 65 characters": common.RequestId = new string('r', 65); break;
            case "officer name of 101 characters": common.OfficerName = new string('赵', 101); break;
            case "reason of 2,001 characters": common.Reason = new string('理', 2001); break;
        }

        var courts = hub.Courts;
        var options = hub.AsCourt;
        Task Call() => act switch
        {
            "RequestCorrection" => courts.RequestCorrectionAsync(new RequestCorrectionRequest { Act = common, Items = { items }, LimitDays = limit }, options).ResponseAsync,
            "RequestSupplement" => courts.RequestSupplementAsync(new RequestSupplementRequest { Act = common, Items = { items }, LimitDays = limit }, options).ResponseAsync,
            "RefuseAcceptance" => courts.RefuseAcceptanceAsync(new RefuseAcceptanceRequest { Act = common }, options).ResponseAsync,
            "ExtendReview" => courts.ExtendReviewAsync(new ExtendReviewRequest { Act = common, ApprovedBy = approver }, options).ResponseAsync,
            "RejectApplication" => courts.RejectApplicationAsync(new RejectApplicationRequest
            {
                Act = common,
                Ground = variant == "no ground" ? RejectionGround.Unspecified : RejectionGround.OtherRejectionGround,
            }, options).ResponseAsync,
            "TreatAsWithdrawn" => courts.TreatAsWithdrawnAsync(common, options).ResponseAsync,
            "IssueMediationDocument" => courts.IssueMediationDocumentAsync(common, options).ResponseAsync,
            "RefuseMediationDocument" => courts.RefuseMediationDocumentAsync(new RefuseMediationDocumentRequest
            {
                Act = common,
                Ground = variant == "no ground" ? DocumentRefusalGround.Unspecified : DocumentRefusalGround.OtherGround,
            }, options).ResponseAsync,
            "RecordRepudiation" => courts.RecordRepudiationAsync(common, options).ResponseAsync,
            _ => courts.AcceptApplicationAsync(common, options).ResponseAsync,
        };
        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);

        var error = await RpcAssert.FailsWith(StatusCode.InvalidArgument, Call);

        // A field of the act's common part may be named with or without its "act." prefix.
        Assert.True(
            error.ViolatedFields().Any(f => f == field || f == "act." + field),
            $"expected a violation of {field}, got [{string.Join(", ", error.ViolatedFields())}]");
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
        Assert.Equal(app, await flow.GetAsync(app.Receipt.ApplicationId));
    }
}
