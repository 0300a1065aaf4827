using System.Security.Cryptography;
using Exchange.Client;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.Attachments;

/// <summary>
/// A hub of its own for the large-attachment tests, so that the gateway's memory is measured with
/// nothing else running through it; court 新0105 has a small attachment limit.
/// </summary>
public sealed class AttachmentHubFixture : CourtHubFixture
{
    /// <summary>A court whose limit the fixture sets to 2 MiB.</summary>
    public const string SmallLimitCourt = "新0105";

    public const long SmallLimit = 2 * 1024 * 1024;

    protected override async Task StartAsync()
    {
        await base.StartAsync();
        await Database.ScalarAsync("WITH u AS (UPDATE exchange_courts SET max_attachment_bytes = $1 WHERE court_code = $2 RETURNING 1) SELECT count(*) FROM u",
            SmallLimit, SmallLimitCourt);
        // The gateway checks uploads against its court directory, reloaded on the change's notification: wait for it (or 30 s).
        var directory = new DirectoryService.DirectoryServiceClient(Channel);
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(30);)
        {
            if ((await directory.GetCourtPolicyAsync(new GetCourtPolicyRequest { CourtCode = SmallLimitCourt }, AsPlatformA)).MaxAttachmentBytes == SmallLimit)
            {
                return;
            }
        }

        throw new TimeoutException("the gateway did not take the court's new attachment limit within 30 s");
    }
}

[CollectionDefinition(Name)]
public sealed class AttachmentCollection : ICollectionFixture<AttachmentHubFixture>
{
    public const string Name = "attachments";
}

/// <summary>
/// UploadAttachment and DownloadAttachment through a real gRPC channel to real silo and gateway
/// processes on a real PostgreSQL: every refusal of an upload stores nothing (table contents
/// compared), a 50 MiB round trip in constant gateway memory, references from filings and
/// supplements, and who may download what.
/// </summary>
[Collection(AttachmentCollection.Name)]
public sealed class UploadTests(AttachmentHubFixture hub, ITestOutputHelper output)
{
    private const int MiB = 1024 * 1024;

    [DatabaseFact]
    public async Task Upload_WrongHash_IsAttachmentMismatchNamingSha256_AndStoresNothing()
    {
        var content = Bytes(3 * MiB + 17, seed: 1);
        var header = Header(content);
        header.Sha256 = ByteString.CopyFrom(SHA256.HashData(Bytes(10, seed: 2)));
        var before = await UploadTablesAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => UploadRawAsync(header, Chunks(content, MiB)));

        AssertError(error, StatusCode.InvalidArgument, "ATTACHMENT_MISMATCH", "header.sha256");
        Assert.Equal(before, await UploadTablesAsync());
    }

    [DatabaseFact]
    public async Task Upload_FewerBytesThanDeclared_IsAttachmentMismatchNamingSizeBytes_AndStoresNothing()
    {
        var content = Bytes(2 * MiB + 5, seed: 3);
        var header = Header(content);
        header.SizeBytes += 1;
        var before = await UploadTablesAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => UploadRawAsync(header, Chunks(content, MiB)));

        AssertError(error, StatusCode.InvalidArgument, "ATTACHMENT_MISMATCH", "header.size_bytes");
        Assert.Equal(before, await UploadTablesAsync());
    }

    [DatabaseFact]
    public async Task Upload_MoreBytesThanDeclared_IsAttachmentMismatchNamingSizeBytes_AndStoresNothing()
    {
        // Declares less than it sends (with the hash of what it declares): refused when the excess arrives.
        var content = Bytes(2 * MiB, seed: 4);
        var declared = content.AsSpan(0, MiB + 3).ToArray();
        var header = Header(declared);
        var before = await UploadTablesAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => UploadRawAsync(header, Chunks(content, MiB)));

        AssertError(error, StatusCode.InvalidArgument, "ATTACHMENT_MISMATCH", "header.size_bytes");
        Assert.Equal(before, await UploadTablesAsync());
    }

    [DatabaseFact]
    public async Task Upload_OverTheCourtsLimit_IsAttachmentTooLarge_BeforeAnyChunk_AndStoresNothing()
    {
        var content = Bytes((int)AttachmentHubFixture.SmallLimit + 1, seed: 5);
        var header = Header(content, AttachmentHubFixture.SmallLimitCourt);
        var before = await UploadTablesAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => UploadRawAsync(header, Chunks(content, MiB)));

        var status = AssertError(error, StatusCode.InvalidArgument, "ATTACHMENT_TOO_LARGE", "header.size_bytes");
        Assert.Equal(AttachmentHubFixture.SmallLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), status.Info!.Metadata["max_bytes"]);
        Assert.Equal(before, await UploadTablesAsync());

        // At the limit exactly, the same court takes it.
        var atLimit = content.AsSpan(0, (int)AttachmentHubFixture.SmallLimit).ToArray();
        var stored = await UploadRawAsync(Header(atLimit, AttachmentHubFixture.SmallLimitCourt), Chunks(atLimit, MiB));
        Assert.Equal(AttachmentHubFixture.SmallLimit, stored.SizeBytes);
    }

    [DatabaseFact]
    public async Task Upload_MalformedStreams_AreInvalidArgumentNamingTheField_AndStoreNothing()
    {
        var content = Bytes(MiB + 1, seed: 6);
        var before = await UploadTablesAsync();

        // No header first.
        var error = await Assert.ThrowsAsync<RpcException>(() => SendAsync([new UploadAttachmentRequest { Chunk = ByteString.CopyFrom(content) }]));
        AssertError(error, StatusCode.InvalidArgument, "INVALID_ARGUMENT", "header");

        // A chunk over 1 MiB.
        error = await Assert.ThrowsAsync<RpcException>(() => UploadRawAsync(Header(content), [content]));
        AssertError(error, StatusCode.InvalidArgument, "INVALID_ARGUMENT", "chunk");

        // A court the hub does not serve, and a short hash: every header field at once.
        var header = Header(content, "新0199");
        header.Sha256 = ByteString.CopyFrom(new byte[31]);
        header.FileName = "";
        error = await Assert.ThrowsAsync<RpcException>(() => UploadRawAsync(header, Chunks(content, MiB)));
        var status = AssertError(error, StatusCode.InvalidArgument, "INVALID_ARGUMENT", "header.court_code");
        Assert.Contains("header.sha256", status.Fields);
        Assert.Contains("header.file_name", status.Fields);

        Assert.Equal(before, await UploadTablesAsync());
    }

    [DatabaseFact]
    public async Task Upload_SameFileTwice_AnswersTheFirstUpload_StoresOnce_AndSmallChunksAreStoredInMiBRows()
    {
        var content = Bytes(2 * MiB + 100, seed: 7);

        // Chunks of 100 KiB: stored as rows of 1 MiB, 1 MiB and 100 bytes.
        var first = await UploadRawAsync(Header(content), Chunks(content, 100 * 1024));
        var again = await UploadRawAsync(Header(content), Chunks(content, MiB));

        Assert.Equal(first.UploadTime, again.UploadTime);
        Assert.Equal(3, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_upload_chunks WHERE sha256 = $1 AND length(content) IN (1048576, 100)", SHA256.HashData(content)));
        Assert.Equal(content, await PlatformDownloadAsync(hub.AsPlatformA, first.Sha256, ""));
    }

    /// <summary>
    /// The gateway's peak resident memory during a 50 MiB upload and download, against the same for
    /// 5 MiB: it must not grow with the file (chunks pass through; nothing holds the whole file).
    /// Peak RSS is the kernel's VmHWM, reset before each round trip (/proc/PID/clear_refs, 5).
    /// </summary>
    [DatabaseFact]
    public async Task RoundTrip_50MiB_InConstantGatewayMemory()
    {
        using var client = ExchangeClient.Create(new Uri($"http://127.0.0.1:{hub.GatewayPort}"), hub.PlatformAKey);
        var pid = hub.Gateway!.ProcessId;

        // Warm up (JIT, pools, connections) with the smaller size, then measure each size.
        await RoundTripAsync(client, 5 * MiB, seed: 10);
        var small = await PeakGrowthAsync(pid, () => RoundTripAsync(client, 5 * MiB, seed: 11));
        var large = await PeakGrowthAsync(pid, () => RoundTripAsync(client, 50 * MiB, seed: 12));
        output.WriteLine($"gateway pid {pid}: peak RSS over the resident before a round trip: 5 MiB file {small.Growth / 1024.0:F1} MiB "
            + $"(RSS {small.Before / 1024.0:F1} → peak {small.Peak / 1024.0:F1} MiB); 50 MiB file {large.Growth / 1024.0:F1} MiB "
            + $"(RSS {large.Before / 1024.0:F1} → peak {large.Peak / 1024.0:F1} MiB)");

        // 45 MiB more through the gateway may not cost it more than a few chunks' worth.
        Assert.True(large.Growth - small.Growth < 16 * 1024,
            $"the gateway's peak grew by {large.Growth} KiB for 50 MiB against {small.Growth} KiB for 5 MiB");
    }

    [DatabaseFact]
    public async Task Submission_ReferencingAnUpload_RecordsItsHash_AndTheCourtDownloadsIt()
    {
        var content = Bytes(3 * MiB + 333, seed: 20);
        var uploaded = await UploadRawAsync(Header(content), Chunks(content, MiB));
        var request = Requests.JudicialConfirmation(CourtFlow.NewCaseId("upload"));
        request.JudicialConfirmation.Attachments.Add(Reference(uploaded));

        var receipt = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);

        var submitted = (await hub.Flow.PlatformHistoryAsync(receipt.ApplicationId))[0];
        Assert.Equal(Convert.ToHexStringLower(uploaded.Sha256.Span), submitted.Details["uploaded_sha256"]);
        var application = await hub.Flow.GetAsync(receipt.ApplicationId);
        Assert.Contains(application.JudicialConfirmation.Attachments, a => a.Uploaded && a.Sha256 == uploaded.Sha256);

        // The court it was filed with, through the client library (which checks size and hash).
        using var court = ExchangeClient.Create(new Uri($"http://127.0.0.1:{hub.GatewayPort}"), hub.CourtKey);
        var downloaded = new MemoryStream();
        var described = await court.Courts.DownloadAttachmentAsync(receipt.ApplicationId, uploaded.Sha256.ToByteArray(), downloaded);
        Assert.Equal(content, downloaded.ToArray());
        Assert.Equal("evidence.pdf", described.FileName);

        // The platform, through the application too.
        Assert.Equal(content, await PlatformDownloadAsync(hub.AsPlatformA, uploaded.Sha256, receipt.ApplicationId));
    }

    [DatabaseFact]
    public async Task Submission_ReferencingWhatThePlatformDidNotUpload_IsInvalidArgumentNamingTheField_AndChangesNothing()
    {
        var content = Bytes(MiB + 9, seed: 21);
        var uploadedByA = await UploadRawAsync(Header(content), Chunks(content, MiB));
        var forOtherCourt = Bytes(MiB + 10, seed: 22);
        var uploadedElsewhere = await UploadRawAsync(Header(forOtherCourt, CourtHubFixture.SecondCourt), Chunks(forOtherCourt, MiB));
        var before = await StoreSnapshot.TakeAsync(hub.Database);

        // Platform B names A's upload.
        var byB = Requests.JudicialConfirmation(CourtFlow.NewCaseId("upload"));
        byB.JudicialConfirmation.Attachments.Add(Reference(uploadedByA));
        var error = await Assert.ThrowsAsync<RpcException>(() => hub.Filing.SubmitApplicationAsync(byB, hub.AsPlatformB).ResponseAsync);
        AssertError(error, StatusCode.InvalidArgument, "INVALID_APPLICATION", "judicial_confirmation.attachments[2].sha256");

        // Platform A names an upload for another court, and one with the wrong size.
        var byA = Requests.JudicialConfirmation(CourtFlow.NewCaseId("upload"));
        byA.JudicialConfirmation.Attachments.Add(Reference(uploadedElsewhere));
        var wrongSize = Reference(uploadedByA);
        wrongSize.SizeBytes -= 1;
        byA.JudicialConfirmation.Attachments.Add(wrongSize);
        error = await Assert.ThrowsAsync<RpcException>(() => hub.Filing.SubmitApplicationAsync(byA, hub.AsPlatformA).ResponseAsync);
        var status = AssertError(error, StatusCode.InvalidArgument, "INVALID_APPLICATION", "judicial_confirmation.attachments[2].sha256");
        Assert.Contains("judicial_confirmation.attachments[3].size_bytes", status.Fields);

        Assert.Equal(before, await StoreSnapshot.TakeAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task Supplement_ReferencingAnUpload_RecordsItsHash_AndTheCourtDownloadsIt()
    {
        var app = await hub.Flow.WalkAsync(ApplicationType.JudicialConfirmation, ApplicationStatus.SupplementRequested);
        var id = app.Receipt.ApplicationId;
        var content = Bytes(2 * MiB + 1, seed: 30);
        var uploaded = await UploadRawAsync(Header(content), Chunks(content, MiB));

        // Before it is referenced, the court cannot have it.
        var error = await Assert.ThrowsAsync<RpcException>(() => CourtDownloadAsync(hub.AsCourt, id, uploaded.Sha256));
        AssertError(error, StatusCode.NotFound, "NOT_FOUND", null);

        await hub.Filing.SubmitSupplementAsync(new SubmitSupplementRequest
        {
            ApplicationId = id,
            Supplement = new Supplement { Statement = "补充提交转账凭证（扫描件）", Attachments = { Reference(uploaded) } },
        }, hub.AsPlatformA);

        Assert.Equal(Convert.ToHexStringLower(uploaded.Sha256.Span), (await hub.Flow.HistoryAsync(id))[^1].Details["uploaded_sha256"]);
        Assert.Equal(content, await CourtDownloadAsync(hub.AsCourt, id, uploaded.Sha256));
    }

    [DatabaseFact]
    public async Task DownloadAttachment_Errors_AreInvalidArgumentOrNotFound()
    {
        var content = Bytes(MiB / 2, seed: 40);
        var uploaded = await UploadRawAsync(Header(content), Chunks(content, MiB));
        var request = Requests.JudicialConfirmation(CourtFlow.NewCaseId("upload"));
        request.JudicialConfirmation.Attachments.Add(Reference(uploaded));
        var id = (await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA)).ApplicationId;
        var other = (await hub.Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;

        // Malformed: a short hash, an id that is not a UUID, a court without an application.
        var error = await Assert.ThrowsAsync<RpcException>(() => PlatformDownloadAsync(hub.AsPlatformA, ByteString.CopyFrom(new byte[5]), ""));
        AssertError(error, StatusCode.InvalidArgument, "INVALID_ARGUMENT", "sha256");
        error = await Assert.ThrowsAsync<RpcException>(() => PlatformDownloadAsync(hub.AsPlatformA, uploaded.Sha256, "not-a-uuid"));
        AssertError(error, StatusCode.InvalidArgument, "INVALID_ARGUMENT", "application_id");
        error = await Assert.ThrowsAsync<RpcException>(() => CourtDownloadAsync(hub.AsCourt, "", uploaded.Sha256));
        AssertError(error, StatusCode.InvalidArgument, "INVALID_ARGUMENT", "application_id");

        // Not the caller's: all NOT_FOUND alike.
        var unknown = ByteString.CopyFrom(SHA256.HashData(Bytes(8, seed: 41)));
        foreach (var refused in new Func<Task>[]
        {
            () => PlatformDownloadAsync(hub.AsPlatformA, unknown, ""),              // never uploaded
            () => PlatformDownloadAsync(hub.AsPlatformB, uploaded.Sha256, ""),      // another platform's upload
            () => PlatformDownloadAsync(hub.AsPlatformB, uploaded.Sha256, id),      // another platform's application
            () => PlatformDownloadAsync(hub.AsPlatformA, uploaded.Sha256, other),   // an application that does not reference it
            () => CourtDownloadAsync(hub.AsSecondCourt, id, uploaded.Sha256),       // another court
            () => CourtDownloadAsync(hub.AsCourt, other, uploaded.Sha256),          // the court's application without it
            () => CourtDownloadAsync(hub.AsCourt, Guid.NewGuid().ToString(), uploaded.Sha256),
        })
        {
            AssertError(await Assert.ThrowsAsync<RpcException>(refused), StatusCode.NotFound, "NOT_FOUND", null);
        }

        // A court's key on FilingService.
        error = await Assert.ThrowsAsync<RpcException>(() => PlatformDownloadAsync(hub.AsCourt, uploaded.Sha256, id));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);

        Assert.Equal(content, await CourtDownloadAsync(hub.AsCourt, id, uploaded.Sha256));
    }

    [DatabaseFact]
    public async Task Cli_UploadPrintsTheHashAlone_AndTheCourtDownloadsTheReferencedFile()
    {
        var content = Bytes(MiB + MiB / 2, seed: 50);
        var folder = Directory.CreateTempSubdirectory("exchange-attachments-");
        try
        {
            var file = Path.Combine(folder.FullName, "转账凭证.pdf");
            await File.WriteAllBytesAsync(file, content);
            var endpoint = new Dictionary<string, string> { ["EXCHANGE_ENDPOINT"] = $"http://127.0.0.1:{hub.GatewayPort}" };

            var upload = await Admin.CliRun.RunAsync(endpoint, "--key", hub.PlatformAKey, "attachments", "upload", file, "--court", HubFixture.Court);
            Assert.True(upload.Exit == 0, upload.ToString());
            var hex = upload.Out.Trim();
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), hex);

            var request = Requests.JudicialConfirmation(CourtFlow.NewCaseId("cli-upload"));
            request.JudicialConfirmation.Attachments.Add(new Attachment
            {
                Kind = AttachmentKind.OtherMaterial, FileName = "转账凭证.pdf", MediaType = "application/pdf", SizeBytes = content.Length,
                Sha256 = ByteString.CopyFrom(Convert.FromHexString(hex)), Uploaded = true,
            });
            var id = (await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA)).ApplicationId;

            var copy = Path.Combine(folder.FullName, "copy.pdf");
            var download = await Admin.CliRun.RunAsync(endpoint, "--key", hub.CourtKey, "attachments", "download", hex, "--application", id, "--out", copy);
            Assert.True(download.Exit == 0, download.ToString());
            Assert.Equal(content, await File.ReadAllBytesAsync(copy));

            var refused = await Admin.CliRun.RunAsync(endpoint, "--key", hub.CourtKey, "attachments", "download", hex, "--out", copy + "2");
            Assert.Equal(1, refused.Exit);
            Assert.Contains("application_id", refused.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(copy + "2.part"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // The round trip whose gateway memory is measured: the client library streams from and to
    // streams of its own, checking the hash of what comes back.
    private static async Task RoundTripAsync(ExchangeClient client, int size, int seed)
    {
        using var content = new MemoryStream(Bytes(size, seed));
        var uploaded = await client.Filing.UploadAttachmentAsync(content, $"scan-{seed}.pdf", "application/pdf", HubFixture.Court,
            DateTime.UtcNow.AddMinutes(2));
        Assert.Equal(size, uploaded.SizeBytes);
        var downloaded = await client.Filing.DownloadAttachmentAsync(uploaded.Sha256.ToByteArray(), Stream.Null, deadline: DateTime.UtcNow.AddMinutes(2));
        Assert.Equal(uploaded.Sha256, downloaded.Sha256);
    }

    private static async Task<(long Before, long Peak, long Growth)> PeakGrowthAsync(int pid, Func<Task> work)
    {
        // Writing 5 resets the peak resident set size (VmHWM) to the current one (proc(5), clear_refs).
        await File.WriteAllTextAsync($"/proc/{pid}/clear_refs", "5");
        var before = StatusKiB(pid, "VmRSS");
        await work();
        var peak = StatusKiB(pid, "VmHWM");
        return (before, peak, peak - before);
    }

    private static long StatusKiB(int pid, string field) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<UploadedAttachment> UploadRawAsync(UploadAttachmentHeader header, IEnumerable<byte[]> chunks) =>
        await SendAsync([new UploadAttachmentRequest { Header = header }, .. chunks.Select(c => new UploadAttachmentRequest { Chunk = ByteString.CopyFrom(c) })]);

    private async Task<UploadedAttachment> SendAsync(IEnumerable<UploadAttachmentRequest> messages)
    {
        using var call = hub.Filing.UploadAttachment(hub.AsPlatformA);
        try
        {
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The hub refused early and ended the call: its answer says why.
        }

        return await call.ResponseAsync;
    }

    private async Task<byte[]> PlatformDownloadAsync(CallOptions caller, ByteString sha256, string applicationId) =>
        await ReadAllAsync(hub.Filing.DownloadAttachment(new DownloadAttachmentRequest { Sha256 = sha256, ApplicationId = applicationId }, caller));

    private async Task<byte[]> CourtDownloadAsync(CallOptions caller, string applicationId, ByteString sha256) =>
        await ReadAllAsync(hub.Courts.DownloadAttachment(new DownloadAttachmentRequest { Sha256 = sha256, ApplicationId = applicationId }, caller));

    private static async Task<byte[]> ReadAllAsync(AsyncServerStreamingCall<DownloadAttachmentResponse> call)
    {
        using (call)
        {
            var bytes = new MemoryStream();
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                bytes.Write(response.Chunk.Span);
            }

            return bytes.ToArray();
        }
    }

    /// <summary>Digests of every row of the upload tables: equal means nothing was stored or changed.</summary>
    private async Task<string> UploadTablesAsync()
    {
        // A chunk row by its key and the MD5 of its content: the rows' text would run to hundreds of MiB.
        await using var command = hub.Database.DataSource.CreateCommand("""
            SELECT (SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, E'\n' ORDER BY platform_id, sha256)), '') FROM exchange_uploads t)
                || ' ' ||
                   (SELECT count(*)::text || ':' || coalesce(md5(string_agg(concat_ws(',', platform_id, sha256, chunk_index, md5(content)), E'\n'
                        ORDER BY platform_id, sha256, chunk_index)), '') FROM exchange_upload_chunks)
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static (string Code, Google.Rpc.ErrorInfo? Info, List<string> Fields) AssertError(RpcException error, StatusCode code, string reason, string? field)
    {
        Assert.Equal(code, error.StatusCode);
        var status = error.GetRpcStatus();
        Assert.NotNull(status);
        var info = status.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal(reason, info?.Reason);
        var fields = status.ViolatedFields().ToList();
        if (field is not null)
        {
            Assert.Contains(field, fields);
        }

        return (reason, info, fields);
    }

    private static Attachment Reference(UploadedAttachment uploaded) => new()
    {
        Kind = AttachmentKind.OtherMaterial,
        FileName = uploaded.FileName,
        MediaType = uploaded.MediaType,
        SizeBytes = uploaded.SizeBytes,
        Sha256 = uploaded.Sha256,
        Uploaded = true,
    };

    private static UploadAttachmentHeader Header(byte[] content, string court = HubFixture.Court) => new()
    {
        Sha256 = ByteString.CopyFrom(SHA256.HashData(content)),
        SizeBytes = content.Length,
        FileName = "evidence.pdf",
        MediaType = "application/pdf",
        CourtCode = court,
    };

    private static IEnumerable<byte[]> Chunks(byte[] content, int size)
    {
        for (var offset = 0; offset < content.Length; offset += size)
        {
            yield return content.AsSpan(offset, Math.Min(size, content.Length - offset)).ToArray();
        }
    }

    /// <summary>Incompressible bytes, the same for the same seed; each test its own seed, so each upload is a file of its own.</summary>
    private static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed * 7919 + size).NextBytes(bytes);
        return bytes;
    }
}
