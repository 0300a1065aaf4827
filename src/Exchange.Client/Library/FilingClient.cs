using Exchange.V1;
using Grpc.Core;

namespace Exchange.Client;

/// <summary>
/// The platform-facing FilingService: file applications with courts and follow them.
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
/// </remarks>
public sealed class FilingClient
{
    private readonly FilingService.FilingServiceClient _inner;
    private readonly TimeSpan? _defaultTimeout;
    private readonly TimeProvider _timeProvider;

    /// <summary>
    /// Creates a client over <paramref name="callInvoker"/>, which must already add the API key
    /// (as the invoker built by <see cref="ExchangeClient"/> does).
    /// </summary>
    public FilingClient(CallInvoker callInvoker, ExchangeClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(callInvoker);
        options ??= new ExchangeClientOptions();
        _inner = new FilingService.FilingServiceClient(callInvoker);
        _defaultTimeout = options.DefaultTimeout;
        _timeProvider = options.TimeProvider;
    }

    /// <summary>
    /// Files an application (SubmitApplication) and returns the hub's receipt. Safe to repeat:
    /// the same (platform_case_id, type) with the same payload returns the original receipt.
    /// </summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS,
    /// UNAUTHENTICATED, PERMISSION_DENIED, or UNAVAILABLE once the attempts are spent.</exception>
    public Task<Receipt> SubmitAsync(
        SubmitApplicationRequest request,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.SubmitApplicationAsync, deadline, cancellationToken);
    }

    /// <summary>Returns one of the caller's applications (GetApplication).</summary>
    /// <exception cref="RpcException">NOT_FOUND when there is no such application or it belongs
    /// to another platform; INVALID_ARGUMENT when the id is not a UUID.</exception>
    public Task<Application> GetAsync(
        string applicationId,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicationId);
        var request = new GetApplicationRequest { ApplicationId = applicationId };
        return InvokeAsync(request, _inner.GetApplicationAsync, deadline, cancellationToken);
    }

    /// <summary>Returns one page of the caller's applications, newest first (ListApplications).</summary>
    public Task<ListApplicationsResponse> ListAsync(
        ListApplicationsRequest request,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.ListApplicationsAsync, deadline, cancellationToken);
    }

    /// <summary>
    /// Enumerates every application matching <paramref name="request"/>'s filters, newest first,
    /// fetching pages on demand by following next_page_token until it comes back empty.
    /// </summary>
    /// <param name="request">Filters, page size and optionally the token to start from; it is not modified.</param>
    /// <param name="pageTimeout">Time allowed for each page (its attempts and waits included);
    /// defaults to <see cref="ExchangeClientOptions.DefaultTimeout"/>. A listing may take many
    /// pages, so one deadline for all of them would make long listings fail for being long.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    public IAsyncEnumerable<ApplicationSummary> ListAllAsync(
        ListApplicationsRequest request,
        TimeSpan? pageTimeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ServiceCall.PageAsync(
            request,
            _inner.ListApplicationsAsync,
            () => PageDeadline(pageTimeout),
            response => response.Applications,
            response => response.NextPageToken,
            (page, token) => page.PageToken = token,
            cancellationToken);
    }

    /// <summary>
    /// Records the parties' request to withdraw (WithdrawApplication). The status does not change
    /// until the court rules; asking again while a request is pending changes nothing.
    /// </summary>
    /// <exception cref="RpcException">FAILED_PRECONDITION (reason APPLICATION_FINAL) when the
    /// application already reached a final state; NOT_FOUND as for <see cref="GetAsync"/>.</exception>
    public Task<Application> WithdrawAsync(
        string applicationId,
        string? reason = null,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicationId);
        var request = new WithdrawApplicationRequest { ApplicationId = applicationId, Reason = reason ?? "" };
        return InvokeAsync(request, _inner.WithdrawApplicationAsync, deadline, cancellationToken);
    }

    /// <summary>
    /// Answers a correction notice (SubmitCorrection): CORRECTION_REQUESTED → RECEIVED, and the
    /// acceptance clock restarts the day after (OLR art 9).
    /// </summary>
    /// <remarks>The request_id (yours, or the one filled in) makes a repeat of this same request after
    /// a lost answer return the application (as it is now) instead of TRANSITION_NOT_ALLOWED.</remarks>
    /// <exception cref="RpcException">INVALID_ARGUMENT (bad id, statement or attachments);
    /// NOT_FOUND as for <see cref="GetAsync"/>; FAILED_PRECONDITION (reason
    /// TRANSITION_NOT_ALLOWED, the current status in ErrorInfo.metadata["status"]).</exception>
    public Task<Application> SubmitCorrectionAsync(
        SubmitCorrectionRequest request,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.SubmitCorrectionAsync, deadline, cancellationToken);
    }

    /// <summary>
    /// Answers the reviewing judge's supplement order (SubmitSupplement): SUPPLEMENT_REQUESTED →
    /// UNDER_REVIEW. Idempotent with request_id; errors as for <see cref="SubmitCorrectionAsync"/>.
    /// </summary>
    public Task<Application> SubmitSupplementAsync(
        SubmitSupplementRequest request,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.SubmitSupplementAsync, deadline, cancellationToken);
    }

    /// <summary>
    /// Reports the electronic service record of a ruling (RecordService): the ruling's status →
    /// SERVED. Judicial confirmation only. Idempotent with request_id; errors as for
    /// <see cref="SubmitCorrectionAsync"/>.
    /// </summary>
    public Task<Application> RecordServiceAsync(
        RecordServiceRequest request,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.RecordServiceAsync, deadline, cancellationToken);
    }

    /// <summary>
    /// Reports that a party signed for the mediation document (RecordSignature); the last
    /// signature makes it EFFECTIVE. Signing twice for the same party changes nothing.
    /// </summary>
    /// <exception cref="RpcException">As for <see cref="SubmitCorrectionAsync"/>, and
    /// INVALID_ARGUMENT for a party_index outside the parties.</exception>
    public Task<Application> RecordSignatureAsync(
        RecordSignatureRequest request,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InvokeAsync(request, _inner.RecordSignatureAsync, deadline, cancellationToken);
    }

    /// <summary>The audit trail of one of the caller's applications, oldest first (GetHistory).</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT (bad id); NOT_FOUND as for <see cref="GetAsync"/>.</exception>
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
    /// A resumable watcher of the updates of the caller's applications (WatchUpdates): enumerate
    /// <see cref="UpdateWatcher.WatchAsync"/>; it reconnects on UNAVAILABLE, resumes from its last
    /// token and drops redeliveries.
    /// </summary>
    public UpdateWatcher WatchUpdates(UpdateWatchOptions? options = null) =>
        new(_inner.WatchUpdates, options, _timeProvider);

    /// <summary>One page of the updates of the caller's applications, oldest first (ListUpdates).</summary>
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
    /// Uploads a file bigger than the 1 MiB a filing may carry inline (UploadAttachment): reads
    /// <paramref name="content"/> (seekable) once for its SHA-256 and size, then streams it in chunks
    /// of 1 MiB. Reference it from a filing by an Attachment with the returned sha256, its size and
    /// uploaded = true. Safe to repeat: the same file is answered with the stored one.
    /// </summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT (reasons ATTACHMENT_TOO_LARGE, ATTACHMENT_MISMATCH,
    /// INVALID_ARGUMENT), UNAVAILABLE; nothing is stored after any of them.</exception>
    public async Task<UploadedAttachment> UploadAttachmentAsync(
        Stream content,
        string fileName,
        string mediaType,
        string courtCode,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        var (sha256, size) = await AttachmentStreams.MeasureAsync(content, cancellationToken).ConfigureAwait(false);
        var header = new UploadAttachmentHeader
        {
            Sha256 = Google.Protobuf.ByteString.CopyFrom(sha256), SizeBytes = size, FileName = fileName, MediaType = mediaType, CourtCode = courtCode,
        };
        using var call = _inner.UploadAttachment(new CallOptions(deadline: ResolveDeadline(deadline), cancellationToken: cancellationToken));
        return await AttachmentStreams.UploadAsync(call, header, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads an uploaded file into <paramref name="destination"/> (DownloadAttachment): the
    /// caller's own upload, or with <paramref name="applicationId"/> one its application references.
    /// The bytes are checked against the attachment's size and SHA-256 (InvalidDataException if they differ).
    /// </summary>
    /// <exception cref="RpcException">NOT_FOUND, INVALID_ARGUMENT, UNAVAILABLE.</exception>
    public async Task<UploadedAttachment> DownloadAttachmentAsync(
        byte[] sha256,
        Stream destination,
        string? applicationId = null,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var request = new DownloadAttachmentRequest { Sha256 = Google.Protobuf.ByteString.CopyFrom(sha256), ApplicationId = applicationId ?? "" };
        using var call = _inner.DownloadAttachment(request, new CallOptions(deadline: ResolveDeadline(deadline), cancellationToken: cancellationToken));
        return await AttachmentStreams.DownloadAsync(call, destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a document the hub issued of the caller's applications (GetDocument; Application.documents lists them)
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
        return DocumentDownload.CopyAsync(_inner.GetDocument, request, destination, ResolveDeadline(deadline), cancellationToken);
    }

    private Task<TResponse> InvokeAsync<TRequest, TResponse>(
        TRequest request,
        Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> rpc,
        DateTime? deadline,
        CancellationToken cancellationToken)
        where TRequest : Google.Protobuf.IMessage =>
        ServiceCall.InvokeAsync(request, rpc, ResolveDeadline(deadline), cancellationToken);

    private DateTime? ResolveDeadline(DateTime? deadline) => deadline ?? PageDeadline(null);

    private DateTime? PageDeadline(TimeSpan? timeout) =>
        (timeout ?? _defaultTimeout) is { } t ? _timeProvider.GetUtcNow().UtcDateTime + t : null;
}
