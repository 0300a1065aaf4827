using System.Globalization;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.Client;

/// <summary>
/// The court-facing CourtService: a court's clerks and judges see the docket, act on applications
/// and rule in batches. Needs a court's API key (a platform's key gets PERMISSION_DENIED).
/// </summary>
/// <remarks>
/// A call that fails with UNAVAILABLE is retried by the channel (<see cref="RetrySettings"/>),
/// resending the same request; any other error is thrown as <see cref="RpcException"/>, and
/// <see cref="ExchangeError.FromException"/> decodes the hub's google.rpc.Status from it.
/// A request with a request_id field left empty gets a new UUID there, in the caller's message,
/// before it is sent (AIP-155): resending that same message after an outcome-unknown error (UNKNOWN,
/// DEADLINE_EXCEEDED) is then answered with what the first one did, never done twice.
/// A <c>deadline</c> is an absolute UTC instant that bounds all attempts and the waits between
/// them; without one, <see cref="ExchangeClientOptions.DefaultTimeout"/> applies, if set.
/// <para>
/// An act the lifecycle does not allow in the current status fails with FAILED_PRECONDITION,
/// reason TRANSITION_NOT_ALLOWED, the status in ErrorInfo.metadata["status"]; an application of
/// another court is NOT_FOUND. An act's request_id (yours, or the one filled in) makes it safe to
/// repeat: the repeat returns the application as it is now and changes nothing, instead of being
/// judged against the status the first one produced.
/// </para>
/// </remarks>
public sealed class CourtClient
{
    /// <summary>The most application ids one BatchRule call takes (court.proto).</summary>
    public const int MaxBatchRuleSize = 1000;

    /// <summary>The longest request_id the hub takes (AIP-155, court.proto).</summary>
    public const int MaxRequestIdLength = 64;

    private readonly CourtService.CourtServiceClient _inner;
    private readonly TimeSpan? _defaultTimeout;
    private readonly TimeProvider _timeProvider;

    /// <summary>
    /// Creates a client over <paramref name="callInvoker"/>, which must already add the API key
    /// (as the invoker built by <see cref="ExchangeClient"/> does).
    /// </summary>
    public CourtClient(CallInvoker callInvoker, ExchangeClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(callInvoker);
        options ??= new ExchangeClientOptions();
        _inner = new CourtService.CourtServiceClient(callInvoker);
        _defaultTimeout = options.DefaultTimeout;
        _timeProvider = options.TimeProvider;
    }

    /// <summary>
    /// One page of the court's docket (ListDocket): nearest running deadline first, those without
    /// a deadline last, then by id.
    /// </summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT for a negative page_size or
    /// due_within_days, a foreign or malformed page_token, or an empty received range.</exception>
    public Task<ListDocketResponse> ListDocketAsync(
        ListDocketRequest request,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.ListDocketAsync, deadline, cancellationToken);
    }

    /// <summary>
    /// Enumerates every docket entry matching <paramref name="request"/>'s filters, fetching pages
    /// on demand by following next_page_token until it comes back empty.
    /// </summary>
    /// <param name="request">Filters, page size and optionally the token to start from; it is not modified.</param>
    /// <param name="pageTimeout">Time allowed for each page (its attempts and waits included);
    /// defaults to <see cref="ExchangeClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <exception cref="InvalidOperationException">The hub returned a page token twice.</exception>
    public IAsyncEnumerable<DocketEntry> ListAllDocketAsync(
        ListDocketRequest request,
        TimeSpan? pageTimeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ServiceCall.PageAsync(
            request,
            _inner.ListDocketAsync,
            () => Deadline(pageTimeout),
            response => response.Entries,
            response => response.NextPageToken,
            (page, token) => page.PageToken = token,
            cancellationToken);
    }

    /// <summary>One application filed with this court, with its deadlines and case number (GetApplication).</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT (not a UUID); NOT_FOUND.</exception>
    public Task<Application> GetApplicationAsync(
        string applicationId,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicationId);
        var request = new GetApplicationRequest { ApplicationId = applicationId };
        return InvokeAsync(request, _inner.GetApplicationAsync, deadline, cancellationToken);
    }

    /// <summary>The audit trail of one application filed with this court, oldest first (GetHistory).</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT (not a UUID); NOT_FOUND.</exception>
    public Task<GetHistoryResponse> GetHistoryAsync(
        string applicationId,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicationId);
        var request = new GetHistoryRequest { ApplicationId = applicationId };
        return InvokeAsync(request, _inner.GetHistoryAsync, deadline, cancellationToken);
    }

    /// <summary>
    /// Downloads a document the hub issued of an application filed with this court (GetDocument; Application.documents lists them)
    /// into <paramref name="destination"/>, and checks that its bytes hash to <paramref name="sha256"/>.
    /// Returns the document's description.
    /// </summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT (not a UUID, not a SHA-256); NOT_FOUND.</exception>
    /// <exception cref="InvalidDataException">The bytes received do not hash to <paramref name="sha256"/>.</exception>
    public Task<IssuedDocument> DownloadDocumentAsync(
        string applicationId,
        string sha256,
        Stream destination,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicationId);
        ArgumentNullException.ThrowIfNull(sha256);
        var request = new GetDocumentRequest { ApplicationId = applicationId, Sha256 = sha256 };
        return DocumentDownload.CopyAsync(_inner.GetDocument, request, destination, deadline ?? Deadline(null), cancellationToken);
    }

    /// <summary>Asks for what is missing in one notice (RequestCorrection): RECEIVED → CORRECTION_REQUESTED.</summary>
    public Task<Application> RequestCorrectionAsync(RequestCorrectionRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.RequestCorrectionAsync, deadline, cancellationToken);
    }

    /// <summary>Accepts a judicial confirmation (AcceptApplication): RECEIVED → ACCEPTED with a 民特 case number.</summary>
    public Task<Application> AcceptApplicationAsync(CourtActRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.AcceptApplicationAsync, deadline, cancellationToken);
    }

    /// <summary>Refuses to accept (RefuseAcceptance, Interp art 355): RECEIVED → NOT_ACCEPTED.</summary>
    public Task<Application> RefuseAcceptanceAsync(RefuseAcceptanceRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.RefuseAcceptanceAsync, deadline, cancellationToken);
    }

    /// <summary>Starts the review (StartReview): ACCEPTED or CASE_REGISTERED → UNDER_REVIEW.</summary>
    public Task<Application> StartReviewAsync(CourtActRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.StartReviewAsync, deadline, cancellationToken);
    }

    /// <summary>Orders a supplement (RequestSupplement, Interp art 356): UNDER_REVIEW → SUPPLEMENT_REQUESTED.</summary>
    public Task<Application> RequestSupplementAsync(RequestSupplementRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.RequestSupplementAsync, deadline, cancellationToken);
    }

    /// <summary>Extends the review by 10 days with the president's approval (ExtendReview, Prov2011 art 5); once only.</summary>
    public Task<Application> ExtendReviewAsync(ExtendReviewRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.ExtendReviewAsync, deadline, cancellationToken);
    }

    /// <summary>Rules the agreement valid (ConfirmAgreement): UNDER_REVIEW → CONFIRMED.</summary>
    public Task<Application> ConfirmAgreementAsync(CourtActRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.ConfirmAgreementAsync, deadline, cancellationToken);
    }

    /// <summary>Rejects the application (RejectApplication, Interp art 358): UNDER_REVIEW → REJECTED.</summary>
    public Task<Application> RejectApplicationAsync(RejectApplicationRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.RejectApplicationAsync, deadline, cancellationToken);
    }

    /// <summary>Permits the withdrawal the parties asked for (PermitWithdrawal): → WITHDRAWN.</summary>
    public Task<Application> PermitWithdrawalAsync(CourtActRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.PermitWithdrawalAsync, deadline, cancellationToken);
    }

    /// <summary>Treats a judicial confirmation as withdrawn (TreatAsWithdrawn, Interp art 357): → DEEMED_WITHDRAWN; reason required.</summary>
    public Task<Application> TreatAsWithdrawnAsync(CourtActRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.TreatAsWithdrawnAsync, deadline, cancellationToken);
    }

    /// <summary>Registers a mediation document case (RegisterCase): RECEIVED → CASE_REGISTERED with a 民初 case number.</summary>
    public Task<Application> RegisterCaseAsync(CourtActRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.RegisterCaseAsync, deadline, cancellationToken);
    }

    /// <summary>Issues the mediation document (IssueMediationDocument): UNDER_REVIEW → DOCUMENT_ISSUED; document_sha256 required.</summary>
    public Task<Application> IssueMediationDocumentAsync(CourtActRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.IssueMediationDocumentAsync, deadline, cancellationToken);
    }

    /// <summary>Refuses to issue a mediation document (RefuseMediationDocument): UNDER_REVIEW → REFUSED.</summary>
    public Task<Application> RefuseMediationDocumentAsync(RefuseMediationDocumentRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.RefuseMediationDocumentAsync, deadline, cancellationToken);
    }

    /// <summary>Records that a party backed out before service (RecordRepudiation, MSL23 art 102): DOCUMENT_ISSUED → REPUDIATED; reason required.</summary>
    public Task<Application> RecordRepudiationAsync(CourtActRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.RecordRepudiationAsync, deadline, cancellationToken);
    }

    /// <summary>
    /// Confirms or rejects up to <see cref="MaxBatchRuleSize"/> applications in one call
    /// (BatchRule); each item answers with its own status. See <see cref="BatchRuleInChunksAsync"/>
    /// for any number of ids.
    /// </summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT for the whole call (request_id, ruling, 0
    /// or more than 1,000 ids, an id listed twice, reject without ground); ALREADY_EXISTS (reason
    /// REQUEST_ID_REUSED) when request_id was used with other content.</exception>
    public Task<BatchRuleResponse> BatchRuleAsync(BatchRuleRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.BatchRuleAsync, deadline, cancellationToken);
    }

    /// <summary>Counts and durations of the court's applications (GetCourtStatistics).</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT when received_after is not before received_before.</exception>
    public Task<CourtStatistics> GetCourtStatisticsAsync(GetCourtStatisticsRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.GetCourtStatisticsAsync, deadline, cancellationToken);
    }

    /// <summary>
    /// Rules any number of applications with BatchRule, in chunks of at most
    /// <see cref="MaxBatchRuleSize"/> ids sent one after the other, and returns every item's result.
    /// </summary>
    /// <remarks>
    /// Chunk <c>i</c> (from 0) carries the ids at positions <c>i × 1000</c> to <c>i × 1000 + 999</c>
    /// of the distinct ids, and the request id <see cref="ChunkRequestId"/>(base, i). So a re-run with
    /// the same base and the same ids sends the same chunks under the same request ids, and the hub
    /// answers the chunks it already ruled with their first results, changing nothing: after an
    /// interruption, simply run again. A re-run with the same base but other ids gets
    /// ALREADY_EXISTS (REQUEST_ID_REUSED) for a chunk whose content changed.
    /// <para>
    /// A chunk that fails as a whole (other than UNAVAILABLE, which is retried) stops the run with
    /// a <see cref="BatchRuleChunkException"/> carrying the results of the chunks before it.
    /// </para>
    /// </remarks>
    /// <param name="template">Ruling, officer_name, reason and rejection_ground for every chunk;
    /// its request_id is the base the chunks' request ids are derived from; its application_ids
    /// must be empty. It is not modified.</param>
    /// <param name="applicationIds">The ids to rule; an id listed more than once is ruled once.</param>
    /// <param name="progress">Told after each chunk how many items are done and how many failed.</param>
    /// <param name="chunkTimeout">Time allowed for each chunk (attempts and waits included);
    /// defaults to <see cref="ExchangeClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Stops before the next chunk or attempt.</param>
    /// <returns>One result per distinct id, in the order first given, with the totals.</returns>
    /// <exception cref="ArgumentException">The base request id is empty, has characters other than
    /// A–Z a–z 0–9 "-_.:", or leaves no room for the chunk suffix within 64 characters; or the
    /// template lists ids.</exception>
    /// <exception cref="BatchRuleChunkException">A chunk failed as a whole.</exception>
    public async Task<BatchRuleResponse> BatchRuleInChunksAsync(
        BatchRuleRequest template,
        IEnumerable<string> applicationIds,
        IProgress<BatchRuleProgress>? progress = null,
        TimeSpan? chunkTimeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(applicationIds);
        if (template.ApplicationIds.Count > 0)
        {
            throw new ArgumentException("The template's application_ids must be empty; pass the ids separately.", nameof(template));
        }

        // Distinct, first occurrence kept: the hub refuses a chunk that lists an id twice, and an
        // id in two chunks would be ruled once and then refused as already ruled.
        var ids = applicationIds.Distinct(StringComparer.Ordinal).ToList();
        var chunks = ids.Chunk(MaxBatchRuleSize).ToList();
        ValidateBaseRequestId(template.RequestId, Math.Max(chunks.Count, 1));

        var all = new BatchRuleResponse();
        for (var index = 0; index < chunks.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = template.Clone();
            request.RequestId = ChunkRequestId(template.RequestId, index);
            request.ApplicationIds.AddRange(chunks[index]);
            BatchRuleResponse response;
            try
            {
                response = await InvokeAsync(request, _inner.BatchRuleAsync, Deadline(chunkTimeout), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
            {
                throw new BatchRuleChunkException(
                    index, request.RequestId, all, [.. chunks.Skip(index).SelectMany(c => c)], ex);
            }

            foreach (var result in response.Results)
            {
                all.Results.Add(result);
                if (IsSuccess(result))
                {
                    all.Succeeded++;
                }
                else
                {
                    all.Failed++;
                }
            }

            progress?.Report(new BatchRuleProgress(all.Results.Count, ids.Count, all.Failed));
        }

        return all;
    }

    /// <summary>The request id of chunk <paramref name="chunkIndex"/> (from 0): "base:index".</summary>
    public static string ChunkRequestId(string baseRequestId, int chunkIndex)
    {
        ArgumentNullException.ThrowIfNull(baseRequestId);
        ArgumentOutOfRangeException.ThrowIfNegative(chunkIndex);
        return baseRequestId + ":" + chunkIndex.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether a BatchRule item succeeded: its status is OK (or absent).</summary>
    public static bool IsSuccess(BatchRuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status is null || result.Status.Code == (int)StatusCode.OK;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="baseRequestId"/> can carry
    /// the suffix of <paramref name="chunkCount"/> chunks within the hub's request_id rules.
    /// </summary>
    public static void ValidateBaseRequestId(string baseRequestId, int chunkCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseRequestId);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkCount, 1);
        if (!baseRequestId.All(IsRequestIdCharacter))
        {
            throw new ArgumentException(
                $"A request id is made of A–Z, a–z, 0–9 and \"-_.:\"; '{baseRequestId}' is not.", nameof(baseRequestId));
        }

        var longest = ChunkRequestId(baseRequestId, chunkCount - 1).Length;
        if (longest > MaxRequestIdLength)
        {
            throw new ArgumentException(
                $"The request id base '{baseRequestId}' is too long: with the chunk suffix it takes {longest} of at most {MaxRequestIdLength} characters.",
                nameof(baseRequestId));
        }
    }

    private static bool IsRequestIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    /// <summary>
    /// A resumable watcher of the updates of the applications filed with the court (WatchUpdates): enumerate
    /// <see cref="UpdateWatcher.WatchAsync"/>; it reconnects on UNAVAILABLE, resumes from its last
    /// token and drops redeliveries.
    /// </summary>
    public UpdateWatcher WatchUpdates(UpdateWatchOptions? options = null) =>
        new(_inner.WatchUpdates, options, _timeProvider);

    /// <summary>One page of the updates of the applications filed with the court, oldest first (ListUpdates).</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT (a token of another caller, a bad filter,
    /// page_size out of 0–1000); OUT_OF_RANGE (reason RESUME_TOKEN_EXPIRED: re-list, then start again).</exception>
    public Task<ListUpdatesResponse> ListUpdatesAsync(
        ListUpdatesRequest request,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.ListUpdatesAsync, deadline, cancellationToken);
    }

    /// <summary>
    /// Downloads into <paramref name="destination"/> an uploaded file that the court's application
    /// <paramref name="applicationId"/> references (DownloadAttachment), checked against its size and
    /// SHA-256 (InvalidDataException if they differ).
    /// </summary>
    /// <exception cref="RpcException">NOT_FOUND, INVALID_ARGUMENT, UNAVAILABLE.</exception>
    public async Task<UploadedAttachment> DownloadAttachmentAsync(
        string applicationId,
        byte[] sha256,
        Stream destination,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicationId);
        ArgumentNullException.ThrowIfNull(sha256);
        var request = new DownloadAttachmentRequest { Sha256 = Google.Protobuf.ByteString.CopyFrom(sha256), ApplicationId = applicationId };
        using var call = _inner.DownloadAttachment(request, new CallOptions(deadline: deadline ?? Deadline(null), cancellationToken: cancellationToken));
        return await AttachmentStreams.DownloadAsync(call, destination, cancellationToken).ConfigureAwait(false);
    }

    private Task<TResponse> InvokeAsync<TRequest, TResponse>(
        TRequest request,
        Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> rpc,
        DateTime? deadline,
        CancellationToken cancellationToken)
        where TRequest : Google.Protobuf.IMessage =>
        ServiceCall.InvokeAsync(request, rpc, deadline ?? Deadline(null), cancellationToken);

    private DateTime? Deadline(TimeSpan? timeout) =>
        (timeout ?? _defaultTimeout) is { } t ? _timeProvider.GetUtcNow().UtcDateTime + t : null;
}

/// <summary>How far a chunked batch ruling has got.</summary>
/// <param name="Done">Items answered so far (succeeded or failed).</param>
/// <param name="Total">Distinct items to rule in all.</param>
/// <param name="Failed">Items among <paramref name="Done"/> that failed.</param>
public readonly record struct BatchRuleProgress(int Done, int Total, int Failed);

/// <summary>
/// One chunk of <see cref="CourtClient.BatchRuleInChunksAsync"/> failed as a whole; the chunks
/// before it were ruled. Running again with the same base request id and the same ids is safe:
/// the chunks already ruled answer with their first results.
/// </summary>
public sealed class BatchRuleChunkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BatchRuleChunkException(
        int chunkIndex,
        string chunkRequestId,
        BatchRuleResponse completed,
        IReadOnlyList<string> notRuled,
        RpcException inner)
        : base($"Batch chunk {chunkIndex} (request id {chunkRequestId}) failed: {ExchangeError.FromException(inner)}", inner)
    {
        ChunkIndex = chunkIndex;
        ChunkRequestId = chunkRequestId;
        Completed = completed;
        NotRuled = notRuled;
        Error = ExchangeError.FromException(inner);
    }

    /// <summary>The failed chunk, from 0.</summary>
    public int ChunkIndex { get; }

    /// <summary>The failed chunk's request id.</summary>
    public string ChunkRequestId { get; }

    /// <summary>The results and totals of the chunks before the failed one.</summary>
    public BatchRuleResponse Completed { get; }

    /// <summary>
    /// The ids of the failed chunk and of the chunks after it. After DEADLINE_EXCEEDED the failed
    /// chunk may have been ruled all the same; a re-run with the same base tells.
    /// </summary>
    public IReadOnlyList<string> NotRuled { get; }

    /// <summary>The failed chunk's error, decoded.</summary>
    public ExchangeError Error { get; }
}
