using System.Security.Cryptography;
using Exchange.Domain;
using Exchange.IntegrationTests.Admin;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using UglyToad.PdfPig;
using Xunit.Abstractions;
using ApplicationStatus = Exchange.V1.ApplicationStatus;
using ApplicationType = Exchange.V1.ApplicationType;
using DocumentKind = Exchange.V1.DocumentKind;

namespace Exchange.IntegrationTests;

/// <summary>
/// Issued documents (issue 13, item 1): a ruling or mediation document is rendered as a PDF in the
/// act's own change, listed on the application with its SHA-256, and streamed by GetDocument to the
/// platform that filed it and the court it was filed with — and to nobody else.
/// </summary>
[Collection(CourtCollection.Name)]
public sealed class DocumentTests(CourtHubFixture hub, ITestOutputHelper output)
{
    private static async Task<byte[]> DownloadAsync(Func<GetDocumentRequest, CallOptions, AsyncServerStreamingCall<DocumentChunk>> rpc,
        CallOptions options, string applicationId, string sha256)
    {
        using var call = rpc(new GetDocumentRequest { ApplicationId = applicationId, Sha256 = sha256 }, options);
        using var bytes = new MemoryStream();
        var first = true;
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(first, chunk.Document is not null);
            Assert.InRange(chunk.Data.Length, 1, 64 * 1024);
            first = false;
            chunk.Data.WriteTo(bytes);
        }

        return bytes.ToArray();
    }

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    /// <summary>Keeps the PDF for a look (the note's picture) when EXCHANGE_TEST_DOCUMENTS is a directory.</summary>
    private static void Keep(string name, byte[] pdf)
    {
        if (Environment.GetEnvironmentVariable("EXCHANGE_TEST_DOCUMENTS") is { Length: > 0 } directory && Directory.Exists(directory))
        {
            File.WriteAllBytes(Path.Combine(directory, name), pdf);
        }
    }

    private static void AssertSays(string text, Application application, params string[] amounts)
    {
        Assert.Contains(application.Receipt.CourtName, text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(application.CaseNumber));
        Assert.Contains(application.CaseNumber, text, StringComparison.Ordinal);
        var parties = application.JudicialConfirmation?.Applicants ?? application.MediationDocument.Parties;
        Assert.NotEmpty(parties);
        foreach (var party in parties)
        {
            Assert.Contains(party.NaturalPerson?.Name ?? party.Organization.Name, text, StringComparison.Ordinal);
        }

        foreach (var amount in amounts)
        {
            Assert.Contains(amount, text, StringComparison.Ordinal);
        }
    }

    [DatabaseFact]
    public async Task ConfirmedJudicialConfirmation_YieldsARulingWhoseTextNamesCourtCaseNumberPartiesAndAmounts_AndWhoseHashIsTheListedOne()
    {
        var flow = hub.Flow;
        var confirmed = await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed);
        var id = confirmed.Receipt.ApplicationId;

        var application = await flow.GetAsPlatformAsync(id);
        var listed = Assert.Single(application.Documents);
        Assert.Equal(DocumentKind.ConfirmationRuling, listed.Kind);
        Assert.Equal("confirmation-ruling.pdf", listed.FileName);
        Assert.Equal("application/pdf", listed.MediaType);
        Assert.Equal(confirmed.Documents, application.Documents);

        var pdf = await DownloadAsync(flow.Filing.GetDocument, flow.AsPlatform, id, listed.Sha256);
        Keep("confirmation-ruling.pdf", pdf);
        Assert.Equal(listed.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
        Assert.Equal(listed.SizeBytes, pdf.Length);
        // The court gets the same bytes.
        Assert.Equal(pdf, await DownloadAsync(flow.Court.GetDocument, flow.AsCourt, id, listed.Sha256));

        var text = TextOf(pdf);
        output.WriteLine(text);
        // Requests.JudicialConfirmation: 12,500.00 yuan owed.
        AssertSays(text, application, "民事裁定书", "12,500.00", "壹万贰仟伍佰元整", "有效", CourtFlow.Officer);

        // The act's event carries the hash (so the history covers the document), and the bytes are stored once.
        var confirmedEvent = (await flow.HistoryAsync(id)).Last();
        Assert.Equal(HistoryEvent.Types.EventKind.Confirmed, confirmedEvent.EventKind);
        Assert.Equal(listed.Sha256, confirmedEvent.Details["issued_document_sha256"]);
        Assert.Equal("CONFIRMATION_RULING", confirmedEvent.Details["issued_document_kind"]);
        Assert.Equal(1, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_documents WHERE application_id = $1 AND sha256 = $2 AND content = $3", Guid.Parse(id), SHA256.HashData(pdf), pdf));
        // Out of line as it is (migration 0105): a PDF's streams are deflated already, and pglz's
        // attempt on each cost the server 1.2 ms a document for nothing.
        Assert.Equal(1, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM pg_attribute WHERE attrelid = 'exchange_documents'::regclass AND attname = 'content' AND attstorage = 'e'"));
    }

    [DatabaseFact]
    public async Task IssuedMediationDocument_YieldsADocumentWhoseTextNamesCourtCaseNumberPartiesAndAmounts_AndWhoseHashIsTheListedOne()
    {
        var flow = hub.Flow;
        var issued = await flow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued);
        var id = issued.Receipt.ApplicationId;

        var listed = Assert.Single((await flow.GetAsPlatformAsync(id)).Documents);
        Assert.Equal(DocumentKind.CivilMediationDocument, listed.Kind);
        var pdf = await DownloadAsync(flow.Court.GetDocument, flow.AsCourt, id, listed.Sha256);
        Keep("mediation-document.pdf", pdf);
        Assert.Equal(listed.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));

        var text = TextOf(pdf);
        output.WriteLine(text);
        // Requests.MediationDocument: 3,600.00 yuan owed; plaintiff and defendant.
        AssertSays(text, issued, "民事调解书", "3,600.00", "叁仟陆佰元整", "原告", "被告");
    }

    [DatabaseFact]
    public async Task RejectionAndRefusedAcceptance_EachYieldTheirRuling_AndActsThatIssueNothingListNothing()
    {
        var flow = hub.Flow;
        var rejected = await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Rejected);
        var rejection = Assert.Single(rejected.Documents);
        Assert.Equal(DocumentKind.RejectionRuling, rejection.Kind);
        var text = TextOf(await DownloadAsync(flow.Filing.GetDocument, flow.AsPlatform, rejected.Receipt.ApplicationId, rejection.Sha256));
        Assert.Contains("违反法律强制性规定", text, StringComparison.Ordinal);
        Assert.Contains("驳回申请人", text, StringComparison.Ordinal);

        var refused = await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.NotAccepted);
        var nonAcceptance = Assert.Single(refused.Documents);
        Assert.Equal(DocumentKind.NonAcceptanceRuling, nonAcceptance.Kind);
        text = TextOf(await DownloadAsync(flow.Filing.GetDocument, flow.AsPlatform, refused.Receipt.ApplicationId, nonAcceptance.Sha256));
        Assert.Contains("不予受理", text, StringComparison.Ordinal);
        Assert.Contains(refused.Receipt.CourtName, text, StringComparison.Ordinal);

        Assert.Empty((await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview)).Documents);
        Assert.Empty((await flow.WalkAsync(ApplicationType.MediationDocument, ApplicationStatus.Refused)).Documents);
    }

    [DatabaseFact]
    public async Task RepeatingTheIssuingActWithItsRequestId_IssuesNoSecondDocument()
    {
        var flow = hub.Flow;
        var id = (await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.UnderReview)).Receipt.ApplicationId;
        var requestId = CourtFlow.NewRequestId();
        var first = await flow.ConfirmAsync(id, requestId);
        var again = await flow.ConfirmAsync(id, requestId);

        Assert.Equal(first.Documents, again.Documents);
        Assert.Equal(1, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_documents WHERE application_id = $1", Guid.Parse(id)));
    }

    [DatabaseFact]
    public async Task GetDocument_OfAnotherPlatformsOrAnotherCourtsApplication_OrANotListedHash_IsNotFound_AsAnUnknownApplication()
    {
        var flow = hub.Flow;
        var confirmed = await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed);
        var id = confirmed.Receipt.ApplicationId;
        var sha256 = confirmed.Documents.Single().Sha256;
        var unknown = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => DownloadAsync(flow.Filing.GetDocument, flow.AsPlatform, Guid.NewGuid().ToString(), sha256));

        // Platform B, with the right id and hash.
        var otherPlatform = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => DownloadAsync(hub.Filing.GetDocument, hub.AsPlatformB, id, sha256));
        // Court 新0103, with the right id and hash.
        var otherCourt = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => DownloadAsync(hub.Courts.GetDocument, hub.AsSecondCourt, id, sha256));
        // The application's own platform, with a hash it does not list (its payload's, its court act's).
        await RpcAssert.FailsWith(StatusCode.NotFound, () => DownloadAsync(flow.Filing.GetDocument, flow.AsPlatform, id, confirmed.Receipt.PayloadSha256));
        await RpcAssert.FailsWith(StatusCode.NotFound, () => DownloadAsync(flow.Court.GetDocument, flow.AsCourt, id, new string('0', 64)));

        Assert.Equal(unknown.Info().Reason, otherPlatform.Info().Reason);
        Assert.Equal(unknown.Info().Reason, otherCourt.Info().Reason);
        Assert.Equal("NOT_FOUND", otherPlatform.Info().Reason);
    }

    [DatabaseFact]
    public async Task GetDocument_WithAMalformedIdOrHash_IsInvalidArgumentNamingTheField_AndTheOtherServicesKeyIsDenied()
    {
        var flow = hub.Flow;
        var malformed = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => DownloadAsync(flow.Filing.GetDocument, flow.AsPlatform, "not-a-uuid", "xyz"));
        Assert.Equal(["application_id", "sha256"], malformed.ViolatedFields());
        var shortHash = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => DownloadAsync(flow.Court.GetDocument, flow.AsCourt, Guid.NewGuid().ToString(), new string('a', 63)));
        Assert.Equal(["sha256"], shortHash.ViolatedFields());

        await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => DownloadAsync(flow.Filing.GetDocument, flow.AsCourt, Guid.NewGuid().ToString(), new string('a', 64)));
        await RpcAssert.FailsWith(StatusCode.PermissionDenied,
            () => DownloadAsync(flow.Court.GetDocument, flow.AsPlatform, Guid.NewGuid().ToString(), new string('a', 64)));
    }

    [DatabaseFact]
    public async Task Cli_DocumentsDownload_SavesEachDocumentUnderItsFileName_CheckedAgainstItsHash_ForPlatformAndCourt()
    {
        var flow = hub.Flow;
        var confirmed = await flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed);
        var id = confirmed.Receipt.ApplicationId;
        var listed = confirmed.Documents.Single();
        var endpoint = "http://" + hub.Channel.Target;
        foreach (var key in new[] { hub.PlatformAKey, hub.CourtKey })
        {
            var directory = Directory.CreateTempSubdirectory("exchange-documents-");
            try
            {
                var run = await CliRun.RunAsync(new() { ["EXCHANGE_ENDPOINT"] = endpoint, ["EXCHANGE_API_KEY"] = key },
                    "documents", "download", id, "--out", directory.FullName);
                Assert.True(run.Exit == 0, run.ToString());
                var saved = Path.Combine(directory.FullName, "confirmation-ruling.pdf");
                Assert.Contains(saved, run.Out, StringComparison.Ordinal);
                Assert.Equal(listed.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(saved))));
                Assert.Equal(["confirmation-ruling.pdf"], directory.GetFiles().Select(f => f.Name));
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }

        var none = await CliRun.RunAsync(new() { ["EXCHANGE_ENDPOINT"] = endpoint, ["EXCHANGE_API_KEY"] = hub.PlatformAKey },
            "documents", "download", (await flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId, "--out", Path.GetTempPath());
        Assert.Equal(1, none.Exit);
        Assert.Contains("no documents yet", none.Error, StringComparison.Ordinal);
    }
}
