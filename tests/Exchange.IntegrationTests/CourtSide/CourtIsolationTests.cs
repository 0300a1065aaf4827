using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Exchange.IntegrationTests.CourtSide;

/// <summary>A court sees and acts on what was filed with it only; CourtService is for courts' keys only.</summary>
[Collection(CourtCollection.Name)]
public sealed class CourtIsolationTests(CourtHubFixture hub)
{
    private async Task<List<Application>> FileWithTheSecondCourtAsync()
    {
        var other = hub.SecondCourtFlow;
        return
        [
            await other.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Received),
            await other.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview),
            await other.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.Received),
            await other.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued),
        ];
    }

    [DatabaseFact]
    public async Task AnotherCourtsApplication_IsNotFoundForGetHistoryAndEveryAct_AndNothingChanges()
    {
        var theirs = await FileWithTheSecondCourtAsync();
        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);
        var problems = new List<string>();

        foreach (var app in theirs)
        {
            var id = app.Receipt.ApplicationId;
            async Task ExpectNotFound(string what, Func<Task> call)
            {
                try
                {
                    await call();
                    problems.Add($"{what} on a {app.Status} {app.Receipt.Type} of 新0103 succeeded");
                }
                catch (RpcException ex) when (ex.StatusCode != StatusCode.NotFound)
                {
                    problems.Add($"{what} on a {app.Status} {app.Receipt.Type} of 新0103: {ex.StatusCode} {ex.Status.Detail}");
                }
                catch (RpcException)
                {
                }
            }

            await ExpectNotFound("GetApplication", () => hub.Flow.GetAsync(id));
            await ExpectNotFound("GetHistory", () => hub.Flow.HistoryAsync(id));
            foreach (var act in LifecycleTable.CourtActs)
            {
                await ExpectNotFound(act.Name, () => act.Invoke(hub.Flow, id, null));
                await ExpectNotFound(act.Name + " with a request id", () => act.Invoke(hub.Flow, id, CourtFlow.NewRequestId()));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
        foreach (var app in theirs)
        {
            Assert.Equal(app, await hub.SecondCourtFlow.GetAsync(app.Receipt.ApplicationId));
        }
    }

    [DatabaseFact]
    public async Task AnotherCourtsApplication_IsNotFoundForTheFirstCourt_ExactlyAsAnUnknownId()
    {
        var theirs = (await hub.SecondCourtFlow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;

        var otherCourts = await RpcAssert.FailsWith(StatusCode.NotFound, () => hub.Flow.AcceptAsync(theirs));
        var unknown = await RpcAssert.FailsWith(StatusCode.NotFound, () => hub.Flow.AcceptAsync(Guid.NewGuid().ToString()));

        Assert.Equal(unknown.Info().Reason, otherCourts.Info().Reason);
    }

    [DatabaseFact]
    public async Task TheFirstCourtsDocketAndStatistics_NeverShowTheSecondCourtsApplications()
    {
        var since = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var theirs = await FileWithTheSecondCourtAsync();
        var ours = await hub.Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Received);

        var docket = await ListAllAsync(hub.AsCourt, new ListDocketRequest { ReceivedAfter = since });
        var theirDocket = await ListAllAsync(hub.AsSecondCourt, new ListDocketRequest { ReceivedAfter = since });
        var stats = await hub.Courts.GetCourtStatisticsAsync(new GetCourtStatisticsRequest { ReceivedAfter = since }, hub.AsCourt);
        var theirStats = await hub.Courts.GetCourtStatisticsAsync(new GetCourtStatisticsRequest { ReceivedAfter = since }, hub.AsSecondCourt);

        Assert.Equal([ours.Receipt.ApplicationId], docket.Select(e => e.ApplicationId));
        Assert.Equal(theirs.Select(a => a.Receipt.ApplicationId).Order(), theirDocket.Select(e => e.ApplicationId).Order());
        Assert.Equal(HubFixture.Court, stats.CourtCode);
        Assert.Equal(1, stats.Total);
        Assert.Equal(CourtHubFixture.SecondCourt, theirStats.CourtCode);
        Assert.Equal(theirs.Count, theirStats.Total);

        // Without any filter, none of theirs either.
        var everything = await ListAllAsync(hub.AsCourt, new ListDocketRequest());
        Assert.DoesNotContain(everything, e => theirs.Any(a => a.Receipt.ApplicationId == e.ApplicationId));
    }

    [DatabaseFact]
    public async Task GetApplication_MalformedId_IsInvalidArgument_UnknownId_IsNotFound()
    {
        var malformed = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => hub.Courts.GetApplicationAsync(new GetApplicationRequest { ApplicationId = "42" }, hub.AsCourt).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => hub.Courts.GetApplicationAsync(new GetApplicationRequest { ApplicationId = Guid.NewGuid().ToString() }, hub.AsCourt).ResponseAsync);

        Assert.Equal(["application_id"], malformed.ViolatedFields());
    }

    [DatabaseFact]
    public async Task TheSecondCourt_NumbersItsOwnCasesWithItsOwnCode()
    {
        var accepted = await hub.SecondCourtFlow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Accepted);
        var registered = await hub.SecondCourtFlow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.CaseRegistered);

        Assert.Matches(@"^（\d{4}）新0103民特[1-9]\d*号$", accepted.CaseNumber);
        Assert.Matches(@"^（\d{4}）新0103民初[1-9]\d*号$", registered.CaseNumber);
    }

    private async Task<List<DocketEntry>> ListAllAsync(CallOptions options, ListDocketRequest request)
    {
        var all = new List<DocketEntry>();
        request.PageSize = 500;
        do
        {
            var page = await hub.Courts.ListDocketAsync(request, options);
            all.AddRange(page.Entries);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "");

        return all;
    }

    public static TheoryData<string> CourtMethods =>
    [
        "ListDocket", "GetApplication", "GetHistory", "RequestCorrection", "AcceptApplication", "RefuseAcceptance", "StartReview",
        "RequestSupplement", "ExtendReview", "ConfirmAgreement", "RejectApplication", "PermitWithdrawal", "TreatAsWithdrawn",
        "RegisterCase", "IssueMediationDocument", "RefuseMediationDocument", "RecordRepudiation", "BatchRule", "GetCourtStatistics",
    ];

    [DatabaseTheory]
    [MemberData(nameof(CourtMethods))]
    public async Task EveryCourtMethod_WithAPlatformsKey_IsPermissionDenied_WithoutOrWithAnUnknownKey_IsUnauthenticated(string method)
    {
        // The platform's own application: even that is no reason to let a platform act as a court.
        var id = (await hub.Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);

        var denied = await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Call(method, id, hub.AsPlatformA));
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(method, id, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30))));
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(method, id, HubFixture.As("exk_no_such_key")));

        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
        Assert.Equal(1, (await hub.Flow.GetAsync(id)).Version);
        Assert.NotEmpty(denied.Info().Reason);
    }

    private Task Call(string method, string id, CallOptions options)
    {
        var courts = hub.Courts;
        var act = CourtFlow.Act(id, reason: "理由");
        act.DocumentSha256 = CourtFlow.Sha256Of("doc");
        return method switch
        {
            "ListDocket" => courts.ListDocketAsync(new ListDocketRequest(), options).ResponseAsync,
            "GetApplication" => courts.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, options).ResponseAsync,
            "GetHistory" => courts.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, options).ResponseAsync,
            "RequestCorrection" => courts.RequestCorrectionAsync(new RequestCorrectionRequest { Act = act, Items = { "x" }, LimitDays = 5 }, options).ResponseAsync,
            "AcceptApplication" => courts.AcceptApplicationAsync(act, options).ResponseAsync,
            "RefuseAcceptance" => courts.RefuseAcceptanceAsync(new RefuseAcceptanceRequest { Act = act, Ground = NonAcceptanceGround.OutsideJurisdiction }, options).ResponseAsync,
            "StartReview" => courts.StartReviewAsync(act, options).ResponseAsync,
            "RequestSupplement" => courts.RequestSupplementAsync(new RequestSupplementRequest { Act = act, Items = { "x" }, LimitDays = 5 }, options).ResponseAsync,
            "ExtendReview" => courts.ExtendReviewAsync(new ExtendReviewRequest { Act = act, ApprovedBy = "院长" }, options).ResponseAsync,
            "ConfirmAgreement" => courts.ConfirmAgreementAsync(act, options).ResponseAsync,
            "RejectApplication" => courts.RejectApplicationAsync(new RejectApplicationRequest { Act = act, Ground = RejectionGround.ContentUnclear }, options).ResponseAsync,
            "PermitWithdrawal" => courts.PermitWithdrawalAsync(act, options).ResponseAsync,
            "TreatAsWithdrawn" => courts.TreatAsWithdrawnAsync(act, options).ResponseAsync,
            "RegisterCase" => courts.RegisterCaseAsync(act, options).ResponseAsync,
            "IssueMediationDocument" => courts.IssueMediationDocumentAsync(act, options).ResponseAsync,
            "RefuseMediationDocument" => courts.RefuseMediationDocumentAsync(new RefuseMediationDocumentRequest { Act = act, Ground = DocumentRefusalGround.NotIssuableMatter }, options).ResponseAsync,
            "RecordRepudiation" => courts.RecordRepudiationAsync(act, options).ResponseAsync,
            "BatchRule" => courts.BatchRuleAsync(new BatchRuleRequest { RequestId = CourtFlow.NewRequestId(), Ruling = BatchRuling.Confirm, ApplicationIds = { id } }, options).ResponseAsync,
            _ => courts.GetCourtStatisticsAsync(new GetCourtStatisticsRequest(), options).ResponseAsync,
        };
    }
}
