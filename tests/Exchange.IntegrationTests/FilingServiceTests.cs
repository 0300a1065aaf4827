using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Xunit;

namespace Exchange.IntegrationTests;

/// <summary>FilingService over a real gRPC channel, against a real silo and PostgreSQL.</summary>
[Collection(HubCollection.Name)]
public sealed class FilingServiceTests(HubFixture hub)
{
    private static string CaseId() => "case-" + Guid.NewGuid().ToString("N")[..12];

    [DatabaseFact]
    public async Task SubmitApplication_ValidJudicialConfirmation_ReturnsReceivedReceiptAndStoresStateEventAndReadModelTogether()
    {
        var request = Requests.JudicialConfirmation(CaseId());
        var before = DateTimeOffset.UtcNow;

        var receipt = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);

        Assert.True(Guid.TryParse(receipt.ApplicationId, out var id));
        Assert.Equal(7, (id.ToByteArray(bigEndian: true)[6] >> 4)); // UUIDv7
        Assert.Equal(ApplicationStatus.Received, receipt.Status);
        Assert.Equal(HubFixture.Court, receipt.CourtCode);
        Assert.Equal("天山区人民法院", receipt.CourtName);
        Assert.Equal(ApplicationType.JudicialConfirmation, receipt.Type);
        Assert.Equal(request.PlatformCaseId, receipt.PlatformCaseId);
        Assert.Matches("^[0-9a-f]{64}$", receipt.PayloadSha256);
        Assert.Empty(receipt.Warnings);
        Assert.InRange(receipt.ReceivedTime.ToDateTimeOffset(), before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));

        Assert.Equal(1, await hub.Database.ScalarAsync("SELECT version FROM exchange_applications WHERE application_id = $1", id));
        Assert.Equal(1, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_events WHERE application_id = $1 AND seq = 1 AND kind = 'SUBMITTED' AND actor_id = $2", id, HubFixture.PlatformA));
        Assert.Equal(2, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_attachment_contents WHERE sha256 = ANY($1)",
            [request.JudicialConfirmation.Attachments.Select(a => a.Sha256.ToByteArray()).ToArray()]));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task SubmitApplication_ValidMediationDocument_ReturnsReceipt()
    {
        var receipt = await hub.Filing.SubmitApplicationAsync(Requests.MediationDocument(CaseId()), hub.AsPlatformA);

        Assert.Equal(ApplicationType.MediationDocument, receipt.Type);
        Assert.Equal(ApplicationStatus.Received, receipt.Status);
    }

    [DatabaseFact]
    public async Task SubmitApplication_SameKeyAndPayloadAgain_ReturnsTheOriginalReceipt()
    {
        var request = Requests.JudicialConfirmation(CaseId());
        var first = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);

        var second = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);

        Assert.Equal(first, second);
        Assert.Equal(1, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_applications WHERE platform_case_id = $1", request.PlatformCaseId));
    }

    [DatabaseFact]
    public async Task SubmitApplication_SameCaseIdOtherType_IsAnotherApplication()
    {
        var caseId = CaseId();
        var jc = await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation(caseId), hub.AsPlatformA);
        var md = await hub.Filing.SubmitApplicationAsync(Requests.MediationDocument(caseId), hub.AsPlatformA);

        Assert.NotEqual(jc.ApplicationId, md.ApplicationId);
    }

    [DatabaseFact]
    public async Task SubmitApplication_SameKeyDifferentPayload_IsAlreadyExistsAndChangesNothing()
    {
        var request = Requests.JudicialConfirmation(CaseId());
        var original = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);
        var changed = request.Clone();
        changed.JudicialConfirmation.Agreement.Items[0].AmountFen += 1;
        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);

        var status = await RpcAssert.FailsWith(StatusCode.AlreadyExists,
            () => hub.Filing.SubmitApplicationAsync(changed, hub.AsPlatformA).ResponseAsync);

        Assert.Equal("DUPLICATE_CASE_ID_DIFFERENT_PAYLOAD", status.Info().Reason);
        Assert.Equal(original.ApplicationId, status.Info().Metadata["application_id"]);
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task SubmitApplication_FiftyIdenticalSubmitsAtTheSameInstant_CreateOneApplicationAndFiftyIdenticalReceipts()
    {
        var request = Requests.JudicialConfirmation(CaseId());
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 50).Select(async _ =>
        {
            await start.Task;
            return await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);
        }).ToList();

        start.SetResult();
        var receipts = await Task.WhenAll(calls);

        Assert.Single(receipts.Distinct());
        Assert.Equal(1, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_applications WHERE platform_case_id = $1", request.PlatformCaseId));
        Assert.Equal(1, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_events e JOIN exchange_applications a USING (application_id) WHERE a.platform_case_id = $1", request.PlatformCaseId));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task SubmitApplication_CreditCodeFailingItsChecksum_IsAcceptedWithAWarning()
    {
        var request = Requests.JudicialConfirmation(CaseId());
        request.JudicialConfirmation.Applicants[1].Organization.UnifiedSocialCreditCode = "91650102MA71111108";

        var receipt = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);

        var warning = Assert.Single(receipt.Warnings);
        Assert.Equal("CREDIT_CODE_CHECKSUM", warning.Code);
        Assert.Equal("judicial_confirmation.applicants[1].organization.unified_social_credit_code", warning.Field);
    }

    [DatabaseTheory]
    [InlineData("effective_60_days_ago", "FILING_WINDOW_EXPIRED")]
    [InlineData("marriage", "DISPUTE_TYPE_EXCLUDED")]
    [InlineData("property_ownership", "DISPUTE_TYPE_EXCLUDED")]
    [InlineData("intermediate_court_md", "COURT_DOES_NOT_ACCEPT_TYPE")]
    public async Task SubmitApplication_RefusedByARuleOfLaw_IsFailedPreconditionNamingTheRuleAndChangesNothing(string variant, string reason)
    {
        var request = variant switch
        {
            "intermediate_court_md" => Requests.MediationDocument(CaseId(), court: "新01"),
            _ => Requests.JudicialConfirmation(CaseId()),
        };
        switch (variant)
        {
            case "effective_60_days_ago":
                var effective = DateTimeOffset.UtcNow.AddDays(-60);
                request.JudicialConfirmation.Agreement.EffectiveTime = Timestamp.FromDateTimeOffset(effective);
                var cst = effective.ToOffset(TimeSpan.FromHours(8));
                request.JudicialConfirmation.Agreement.SignedDate = new Google.Type.Date { Year = cst.Year, Month = cst.Month, Day = cst.Day };
                request.JudicialConfirmation.Mediation.StartDate = request.JudicialConfirmation.Agreement.SignedDate;
                request.JudicialConfirmation.Mediation.EndDate = request.JudicialConfirmation.Agreement.SignedDate;
                break;
            case "marriage":
                request.JudicialConfirmation.Agreement.DisputeType = DisputeType.MarriageStatus;
                break;
            case "property_ownership":
                request.JudicialConfirmation.Agreement.DisputeType = DisputeType.PropertyRightOwnership;
                break;
        }

        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);

        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA).ResponseAsync);

        Assert.Equal(reason, status.Info().Reason);
        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task GetApplication_OwnApplication_ReturnsWhatWasFiled()
    {
        var request = Requests.JudicialConfirmation(CaseId());
        var receipt = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);

        var application = await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformA);

        Assert.Equal(receipt, application.Receipt);
        Assert.Equal(ApplicationStatus.Received, application.Status);
        Assert.Equal(1, application.Version);
        Assert.Null(application.WithdrawalRequestedTime);
        var expected = request.JudicialConfirmation.Clone();
        foreach (var attachment in expected.Attachments)
        {
            attachment.Content = Google.Protobuf.ByteString.Empty; // contents are not echoed
        }

        Assert.Equal(expected, application.JudicialConfirmation);
        Assert.Equal(request.Consent, application.Consent);
    }

    [DatabaseFact]
    public async Task GetApplication_Repeated_AnswersTheSameMessageUntilTheApplicationChanges()
    {
        // The second read is answered from the gateway's cache, sent as pre-encoded fields: it must
        // decode to the very message the first read built, and a change must replace it.
        var receipt = await hub.Filing.SubmitApplicationAsync(Requests.MediationDocument(CaseId()), hub.AsPlatformA);
        var get = new GetApplicationRequest { ApplicationId = receipt.ApplicationId };

        var first = await hub.Filing.GetApplicationAsync(get, hub.AsPlatformA);
        var second = await hub.Filing.GetApplicationAsync(get, hub.AsPlatformA);
        var third = await hub.Filing.GetApplicationAsync(get, hub.AsPlatformA);

        Assert.Equal(first, second);
        Assert.Equal(first, third);
        Assert.NotEmpty(second.MediationDocument.Parties);

        await hub.Filing.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = receipt.ApplicationId, Reason = "settled" }, hub.AsPlatformA);
        var afterWithdrawal = await hub.Filing.GetApplicationAsync(get, hub.AsPlatformA);
        var again = await hub.Filing.GetApplicationAsync(get, hub.AsPlatformA);

        Assert.Equal(first.Version + 1, afterWithdrawal.Version);
        Assert.NotNull(afterWithdrawal.WithdrawalRequestedTime);
        Assert.Equal(afterWithdrawal, again);
        Assert.Equal(first.MediationDocument, again.MediationDocument);
    }

    [DatabaseFact]
    public async Task ActsRightAfterFiling_KeepTheFiledApplicationInStorageAndInTheAnswers()
    {
        // The grain lets go of the filed draft once it is written and reads it back for the next
        // view or change: a change in the same activation must store the draft unchanged and
        // answer with it.
        var request = Requests.JudicialConfirmation(CaseId());
        var receipt = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);
        var filed = await StoredDraftAsync(receipt.ApplicationId);

        var withdrawn = await hub.Filing.WithdrawApplicationAsync(
            new WithdrawApplicationRequest { ApplicationId = receipt.ApplicationId, Reason = "settled" }, hub.AsPlatformA);
        var read = await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformA);

        Assert.Equal(filed, await StoredDraftAsync(receipt.ApplicationId));
        Assert.Equal(2, withdrawn.Version);
        Assert.Equal(request.JudicialConfirmation.Applicants, withdrawn.JudicialConfirmation.Applicants);
        Assert.Equal(request.JudicialConfirmation.Applicants, read.JudicialConfirmation.Applicants);
        Assert.Equal(request.JudicialConfirmation.Agreement, read.JudicialConfirmation.Agreement);
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));

        async Task<string> StoredDraftAsync(string applicationId)
        {
            await using var command = hub.Database.DataSource.CreateCommand(
                "SELECT (convert_from(state, 'UTF8')::jsonb -> 'draft')::text FROM exchange_applications WHERE application_id = $1");
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Guid.Parse(applicationId) });
            var draft = (string?)await command.ExecuteScalarAsync();
            Assert.NotNull(draft);
            Assert.Contains(request.PlatformCaseId, draft, StringComparison.Ordinal);
            return draft;
        }
    }

    [DatabaseFact]
    public async Task GetApplication_MalformedId_IsInvalidArgument()
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = "not-a-uuid" }, hub.AsPlatformA).ResponseAsync);

        Assert.Equal(["application_id"], status.ViolatedFields());
    }

    [DatabaseFact]
    public async Task GetApplication_UnknownId_IsNotFound()
    {
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = Guid.NewGuid().ToString() }, hub.AsPlatformA).ResponseAsync);
    }

    [DatabaseFact]
    public async Task ListApplications_PagesThroughTheCallersApplicationsNewestFirst()
    {
        var platform = "platform-list-" + Guid.NewGuid().ToString("N")[..6];
        var key = await hub.RegisterAsync("platform", platform, "Listing platform");
        var filed = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            filed.Add((await hub.Filing.SubmitApplicationAsync(
                i % 2 == 0 ? Requests.JudicialConfirmation(CaseId()) : Requests.MediationDocument(CaseId()), HubFixture.As(key))).ApplicationId);
        }

        var seen = new List<ApplicationSummary>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 3, PageToken = token }, HubFixture.As(key));
            seen.AddRange(page.Applications);
            token = page.NextPageToken;
            pages++;
        }
        while (token != "");

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(filed), seen.Select(s => s.ApplicationId));
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.ReceivedTime.ToDateTimeOffset() >= p.Second.ReceivedTime.ToDateTimeOffset()));

        var onlyMd = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest { Type = ApplicationType.MediationDocument }, HubFixture.As(key));
        Assert.Equal(3, onlyMd.Applications.Count);
        Assert.All(onlyMd.Applications, a => Assert.Equal(ApplicationType.MediationDocument, a.Type));

        var received = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest { Statuses = { ApplicationStatus.Received }, CourtCode = HubFixture.Court }, HubFixture.As(key));
        Assert.Equal(7, received.Applications.Count);
        var none = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest { Statuses = { ApplicationStatus.Confirmed } }, HubFixture.As(key));
        Assert.Empty(none.Applications);
        Assert.Equal("", none.NextPageToken);

        var future = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest { ReceivedAfter = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(5)) }, HubFixture.As(key));
        Assert.Empty(future.Applications);
    }

    [DatabaseTheory]
    [InlineData("negative_page_size", "page_size")]
    [InlineData("garbage_token", "page_token")]
    [InlineData("token_for_other_filter", "page_token")]
    [InlineData("after_not_before_before", "received_after")]
    [InlineData("malformed_court", "court_code")]
    [InlineData("unspecified_status", "statuses")]
    public async Task ListApplications_InvalidRequest_IsInvalidArgumentNamingTheField(string variant, string field)
    {
        var request = new ListApplicationsRequest();
        switch (variant)
        {
            case "negative_page_size": request.PageSize = -1; break;
            case "garbage_token": request.PageToken = "!!not-a-token"; break;
            case "token_for_other_filter":
                for (var i = 0; i < 2; i++)
                {
                    await hub.Filing.SubmitApplicationAsync(Requests.MediationDocument(CaseId()), hub.AsPlatformA);
                }

                var page = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 1 }, hub.AsPlatformA);
                request.PageToken = page.NextPageToken;
                request.Type = ApplicationType.JudicialConfirmation;
                break;
            case "after_not_before_before":
                request.ReceivedAfter = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
                request.ReceivedBefore = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1));
                break;
            case "malformed_court": request.CourtCode = "XX12"; break;
            case "unspecified_status": request.Statuses.Add(ApplicationStatus.Unspecified); break;
        }

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => hub.Filing.ListApplicationsAsync(request, hub.AsPlatformA).ResponseAsync);

        Assert.Contains(field, status.ViolatedFields());
    }

    [DatabaseFact]
    public async Task ListApplications_PageSizeAboveTheMaximum_IsClamped()
    {
        // More applications than the maximum page, so that a page of 100,000 could only be clamped.
        const int maximum = 500;
        var platform = "clamp-" + Guid.NewGuid().ToString("N")[..8];
        var key = HubFixture.As(await hub.RegisterAsync("platform", platform, "Platform " + platform));
        await Fan.OutAsync(maximum + 1, 16, _ => hub.Filing.SubmitApplicationAsync(Requests.MediationDocument(CaseId()), key).ResponseAsync);

        var page = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 100_000 }, key);
        var rest = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 100_000, PageToken = page.NextPageToken }, key);

        Assert.Equal(maximum, page.Applications.Count);
        Assert.NotEmpty(page.NextPageToken);
        Assert.Single(rest.Applications);
        Assert.Empty(rest.NextPageToken);
    }

    [DatabaseFact]
    public async Task WithdrawApplication_RecordsTheRequestAndKeepsTheStatusForTheCourtToRule()
    {
        var receipt = await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation(CaseId()), hub.AsPlatformA);
        var request = new WithdrawApplicationRequest { ApplicationId = receipt.ApplicationId, Reason = "双方已自行履行" };

        var withdrawn = await hub.Filing.WithdrawApplicationAsync(request, hub.AsPlatformA);
        var again = await hub.Filing.WithdrawApplicationAsync(request, hub.AsPlatformA);

        Assert.Equal(ApplicationStatus.Received, withdrawn.Status);
        Assert.NotNull(withdrawn.WithdrawalRequestedTime);
        Assert.Equal(2, withdrawn.Version);
        Assert.Equal(withdrawn, again);
        var id = Guid.Parse(receipt.ApplicationId);
        Assert.Equal(1, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_events WHERE application_id = $1 AND seq = 2 AND kind = 'WITHDRAWAL_REQUESTED' AND reason = $2", id, request.Reason));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task WithdrawApplication_MalformedIdOrOverlongReason_IsInvalidArgument()
    {
        var receipt = await hub.Filing.SubmitApplicationAsync(Requests.MediationDocument(CaseId()), hub.AsPlatformA);

        var badId = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => hub.Filing.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = "42" }, hub.AsPlatformA).ResponseAsync);
        var longReason = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => hub.Filing.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = receipt.ApplicationId, Reason = new string('理', 2001) }, hub.AsPlatformA).ResponseAsync);

        Assert.Equal(["application_id"], badId.ViolatedFields());
        Assert.Equal(["reason"], longReason.ViolatedFields());
    }

    [DatabaseFact]
    public async Task WithdrawApplication_UnknownId_IsNotFound()
    {
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => hub.Filing.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = Guid.NewGuid().ToString() }, hub.AsPlatformA).ResponseAsync);
    }
}
