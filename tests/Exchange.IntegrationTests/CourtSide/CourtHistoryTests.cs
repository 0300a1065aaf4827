using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.CourtSide;

/// <summary>GetHistory on both services: the audit trail of DOMAIN.md §4, who, when, what and why.</summary>
[Collection(CourtCollection.Name)]
public sealed class CourtHistoryTests(CourtHubFixture hub)
{
    private CourtFlow Flow => hub.Flow;

    private const string CourtKeyName = "天山区人民法院 立案庭";

    [DatabaseFact]
    public async Task GetHistory_OfAFullJudicialConfirmation_IsTheSameForCourtAndPlatform_OldestFirstWithActorKindAndStatus()
    {
        var start = DateTimeOffset.UtcNow;
        var id = (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        await Flow.RequestCorrectionAsync(id);
        await Flow.SubmitCorrectionAsync(id);
        var accepted = await Flow.AcceptAsync(id);
        await Flow.StartReviewAsync(id);
        await Flow.RequestSupplementAsync(id);
        await Flow.SubmitSupplementAsync(id);
        await Flow.ExtendReviewAsync(id);
        await Flow.ConfirmAsync(id);
        var served = await Flow.RecordServiceAsync(id);
        var end = DateTimeOffset.UtcNow;

        var court = await Flow.HistoryAsync(id);
        var platform = await Flow.PlatformHistoryAsync(id);

        Assert.Equal(court, platform);
        Assert.Equal(Enumerable.Range(1, (int)served.Version).Select(i => (long)i), court.Select(e => e.Sequence));
        Assert.Equal(
            [
                "SUBMITTED", "CORRECTION_REQUESTED", "CORRECTION_SUBMITTED", "ACCEPTED", "REVIEW_STARTED",
                "SUPPLEMENT_REQUESTED", "SUPPLEMENT_SUBMITTED", "REVIEW_EXTENDED", "CONFIRMED", "SERVED",
            ],
            court.Select(e => e.Kind).ToArray());
        Assert.Equal(
            [
                ApplicationStatus.Received, ApplicationStatus.CorrectionRequested, ApplicationStatus.Received, ApplicationStatus.Accepted,
                ApplicationStatus.UnderReview, ApplicationStatus.SupplementRequested, ApplicationStatus.UnderReview, ApplicationStatus.UnderReview,
                ApplicationStatus.Confirmed, ApplicationStatus.Served,
            ],
            court.Select(e => e.StatusAfter).ToArray());

        var platformKinds = new[] { "SUBMITTED", "CORRECTION_SUBMITTED", "SUPPLEMENT_SUBMITTED", "SERVED" };
        foreach (var e in court)
        {
            Assert.NotNull(e.Actor);
            if (platformKinds.Contains(e.Kind))
            {
                Assert.Equal(Actor.Types.Kind.Platform, e.Actor.Kind);
                Assert.Equal(HubFixture.PlatformA, e.Actor.Id);
            }
            else
            {
                Assert.Equal(Actor.Types.Kind.Court, e.Actor.Kind);
                Assert.Equal(HubFixture.Court, e.Actor.Id);
                Assert.Equal(CourtFlow.Officer, e.Actor.Name);
            }

            Assert.InRange(e.OccurTime.ToDateTimeOffset(), start.AddSeconds(-5), end.AddSeconds(5));
        }

        Assert.True(court.Zip(court.Skip(1)).All(p => p.First.OccurTime.ToDateTimeOffset() <= p.Second.OccurTime.ToDateTimeOffset()), "not oldest first");
        var acceptance = court.Single(e => e.Kind == "ACCEPTED");
        Assert.Equal(accepted.CaseNumber, acceptance.Details["case_number"]);
        Assert.InRange((acceptance.OccurTime.ToDateTimeOffset() - accepted.AcceptanceTime.ToDateTimeOffset()).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.Equal("案情复杂", court.Single(e => e.Kind == "REVIEW_EXTENDED").Reason);
    }

    [DatabaseFact]
    public async Task GetHistory_RecordsTheReasonsOfRejectionAndWithdrawal()
    {
        var rejected = (await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Rejected)).Receipt.ApplicationId;
        var withdrawn = (await Flow.SubmitAsync(ApplicationType.MediationDocument)).ApplicationId;
        await Flow.RequestWithdrawalAsync(withdrawn, "当事人已履行完毕");
        await Flow.PermitWithdrawalAsync(withdrawn);

        var rejection = (await Flow.HistoryAsync(rejected))[^1];
        var withdrawal = await Flow.HistoryAsync(withdrawn);

        Assert.Equal("REJECTED", rejection.Kind);
        Assert.Equal("协议内容违反法律强制性规定", rejection.Reason);
        Assert.Equal(ApplicationStatus.Rejected, rejection.StatusAfter);
        Assert.Equal(3, withdrawal.Count);
        Assert.Equal(Actor.Types.Kind.Platform, withdrawal[1].Actor.Kind);
        Assert.Equal("当事人已履行完毕", withdrawal[1].Reason);
        Assert.Equal(ApplicationStatus.Received, withdrawal[1].StatusAfter);
        Assert.Equal(Actor.Types.Kind.Court, withdrawal[2].Actor.Kind);
        Assert.Equal(ApplicationStatus.Withdrawn, withdrawal[2].StatusAfter);
    }

    [DatabaseFact]
    public async Task TheHashesOfSuppliedFiles_AreKeptInTheHistoryEventsDetails()
    {
        var id = (await Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.CorrectionRequested)).Receipt.ApplicationId;
        var file = Requests.File(AttachmentKind.OtherMaterial, "fix.pdf", "补正文件 " + id);
        var other = Requests.File(AttachmentKind.OtherMaterial, "fix-2.pdf", "补正文件二 " + id);
        other.Content = Google.Protobuf.ByteString.Empty; // only the hash: the platform keeps the file

        await hub.Filing.SubmitCorrectionAsync(new SubmitCorrectionRequest
        {
            ApplicationId = id,
            Supplement = new Supplement { Statement = "补正", Attachments = { file, other } },
        }, hub.AsPlatformA);

        var details = (await Flow.HistoryAsync(id))[^1].Details;
        foreach (var hash in new[] { file.Sha256, other.Sha256 })
        {
            var hex = Convert.ToHexString(hash.Span);
            var base64 = hash.ToBase64();
            Assert.True(
                details.Values.Any(v => v.Contains(hex, StringComparison.OrdinalIgnoreCase) || v.Contains(base64, StringComparison.Ordinal)),
                $"{hex} not in the details: {details}");
        }
    }

    [DatabaseFact]
    public async Task ACourtActWithoutOfficerName_IsRecordedUnderTheNameOfTheCourtsKey()
    {
        var id = (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;

        await hub.Courts.AcceptApplicationAsync(new CourtActRequest { ApplicationId = id }, hub.AsCourt);

        var acceptance = (await Flow.HistoryAsync(id))[^1];
        Assert.Equal(Actor.Types.Kind.Court, acceptance.Actor.Kind);
        Assert.Equal(HubFixture.Court, acceptance.Actor.Id);
        Assert.Equal(CourtKeyName, acceptance.Actor.Name);
    }

    [DatabaseFact]
    public async Task GetHistory_OfAFreshApplication_IsTheSubmission()
    {
        var receipt = await Flow.SubmitAsync(ApplicationType.MediationDocument);

        var history = await Flow.PlatformHistoryAsync(receipt.ApplicationId);

        var submitted = Assert.Single(history);
        Assert.Equal(1, submitted.Sequence);
        Assert.Equal("SUBMITTED", submitted.Kind);
        Assert.Equal(ApplicationStatus.Received, submitted.StatusAfter);
        Assert.Equal(Actor.Types.Kind.Platform, submitted.Actor.Kind);
        Assert.Equal(HubFixture.PlatformA, submitted.Actor.Id);
        Assert.InRange((submitted.OccurTime.ToDateTimeOffset() - receipt.ReceivedTime.ToDateTimeOffset()).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [DatabaseFact]
    public async Task GetHistory_OfAnotherPlatformsApplication_IsNotFound_AndOfAnotherCourtsApplication_IsNotFound()
    {
        var id = (await Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;

        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => hub.Filing.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, hub.AsPlatformB).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => hub.Courts.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, hub.AsSecondCourt).ResponseAsync);
    }

    [DatabaseTheory]
    [InlineData("court")]
    [InlineData("platform")]
    public async Task GetHistory_MalformedId_IsInvalidArgument_AndUnknownId_IsNotFound(string side)
    {
        Task Call(string id) => side == "court"
            ? hub.Courts.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, hub.AsCourt).ResponseAsync
            : hub.Filing.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, hub.AsPlatformA).ResponseAsync;

        var malformed = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Call("not-a-uuid"));
        await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Call(""));
        await RpcAssert.FailsWith(StatusCode.NotFound, () => Call(Guid.NewGuid().ToString()));

        Assert.Equal(["application_id"], malformed.ViolatedFields());
    }
}
