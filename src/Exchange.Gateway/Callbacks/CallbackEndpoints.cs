using System.Net;
using Exchange.Gateway.Errors;
using Exchange.Gateway.ReadModel;
using Exchange.Storage.Callbacks;
using Exchange.Storage.Feed;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using D = Exchange.Domain;

namespace Exchange.Gateway.Callbacks;

/// <summary>The FilingService's callback methods (filing.proto): checks, the store, and the contract's messages.</summary>
public sealed class CallbackEndpoints(CallbackStore store, FeedStore feed, FeedTokens tokens, TimeProvider clock, IOptions<CallbackOptions> options)
{
    public const int MaxUrlLength = 2000;
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public async Task<CallbackEndpoint> SetAsync(string platformId, SetCallbackEndpointRequest request, CancellationToken cancellationToken)
    {
        var violations = new List<(string Field, string Description)>();
        CheckUrl(request.Url, violations);
        var recipient = FeedRecipient.Platform(platformId);
        var bounds = await feed.BoundsAsync(recipient, cancellationToken);
        // Without a token: the updates from now on. The token is checked even when an endpoint
        // exists (and it is then ignored): a bad one is a mistake worth telling.
        var startAfter = bounds.Head;
        var expired = false;
        if (request.ResumeToken.Length > 0)
        {
            var check = (await tokens.GetCodecAsync(cancellationToken)).Decode(recipient, request.ResumeToken);
            switch (check.Status)
            {
                case FeedTokenStatus.Malformed:
                    violations.Add(("resume_token", "not a resume token of your feed (malformed, or issued to another caller)"));
                    break;
                case FeedTokenStatus.Valid when bounds.Keeps(check.Position):
                    startAfter = check.Position;
                    break;
                default:
                    expired = true;
                    break;
            }
        }

        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations);
        }

        var existing = expired ? await store.GetAsync(platformId, cancellationToken) : null;
        if (expired && existing is null)
        {
            throw GrpcErrors.Create(StatusCode.OutOfRange, D.ErrorReason.ResumeTokenExpired,
                "the resume_token points before the oldest update the hub keeps (or before the feed was rebuilt): "
                + "re-list your applications, then set the endpoint without a token");
        }

        var set = await store.SetAsync(platformId, request.Url, CallbackStore.NewSecret(), startAfter, clock.GetUtcNow(), cancellationToken);
        return ToProto(set.Endpoint, bounds, showSecret: set.Created);
    }

    public async Task<CallbackEndpoint> GetAsync(string platformId, CancellationToken cancellationToken)
    {
        var endpoint = await store.GetAsync(platformId, cancellationToken) ?? throw NoEndpoint();
        return ToProto(endpoint, await feed.BoundsAsync(FeedRecipient.Platform(platformId), cancellationToken), showSecret: false);
    }

    public async Task<CallbackEndpoint> RotateSecretAsync(string platformId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var endpoint = await store.RotateSecretAsync(platformId, CallbackStore.NewSecret(), now, now + options.Value.SecretGrace, cancellationToken)
            ?? throw NoEndpoint();
        return ToProto(endpoint, await feed.BoundsAsync(FeedRecipient.Platform(platformId), cancellationToken), showSecret: true);
    }

    public async Task<CallbackEndpoint> DeleteAsync(string platformId, CancellationToken cancellationToken)
    {
        var bounds = await feed.BoundsAsync(FeedRecipient.Platform(platformId), cancellationToken);
        var endpoint = await store.DeleteAsync(platformId, cancellationToken) ?? throw NoEndpoint();
        return ToProto(endpoint, bounds, showSecret: false);
    }

    public async Task<ListDeliveriesResponse> ListDeliveriesAsync(string platformId, ListDeliveriesRequest request, CancellationToken cancellationToken)
    {
        var violations = new List<(string Field, string Description)>();
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            violations.Add(("page_size", $"must be 0–{MaxPageSize} (0 means {DefaultPageSize})"));
        }

        var token = PageTokens.Decode<DeliveryPageToken>(request.PageToken, DeliveryPageToken.Fingerprint, violations);
        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations);
        }

        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var rows = await store.ListDeliveriesAsync(platformId, token?.Before, pageSize + 1, cancellationToken);
        var response = new ListDeliveriesResponse();
        response.Deliveries.AddRange(rows.Take(pageSize).Select(d => new Delivery
        {
            EventId = d.EventId,
            ApplicationId = d.ApplicationId?.ToString() ?? "",
            Attempt = d.Attempt,
            AttemptTime = Timestamp.FromDateTimeOffset(d.AttemptedAt),
            Delivered = d.Delivered,
            HttpStatus = d.HttpStatus,
            Error = d.Error ?? "",
            DurationMs = d.DurationMs,
            Url = d.Url,
        }));
        if (rows.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(new DeliveryPageToken(rows[pageSize - 1].DeliveryId, DeliveryPageToken.Fingerprint));
        }

        return response;
    }

    /// <summary>An endpoint the hub may POST to: https, or http to a loopback address (tests).</summary>
    public static void CheckUrl(string url, List<(string Field, string Description)> violations)
    {
        if (url.Length == 0)
        {
            violations.Add(("url", "required"));
        }
        else if (url.Length > MaxUrlLength)
        {
            violations.Add(("url", $"at most {MaxUrlLength} characters, not {url.Length}"));
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            violations.Add(("url", "not an absolute URL"));
        }
        else if (uri.Scheme == Uri.UriSchemeHttp ? !IsLoopback(uri) : uri.Scheme != Uri.UriSchemeHttps)
        {
            violations.Add(("url", "must be https:// (http:// only to 127.0.0.1, ::1 or localhost)"));
        }
        else if (uri.UserInfo.Length > 0)
        {
            violations.Add(("url", "must not carry a user name or password"));
        }
    }

    private static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static RpcException NoEndpoint() =>
        GrpcErrors.Create(StatusCode.NotFound, D.ErrorReason.NoCallbackEndpoint, "no callback endpoint is set (SetCallbackEndpoint sets one)");

    private static CallbackEndpoint ToProto(CallbackEndpointRow endpoint, FeedBounds bounds, bool showSecret)
    {
        var proto = new CallbackEndpoint
        {
            Url = endpoint.Url,
            State = endpoint.State == CallbackState.Active ? CallbackEndpoint.Types.State.Active : CallbackEndpoint.Types.State.Paused,
            Secret = showSecret ? endpoint.Secret : "",
            SecretCreateTime = Timestamp.FromDateTimeOffset(endpoint.SecretCreatedAt),
            PendingUpdates = Math.Max(0, bounds.Head - endpoint.DeliveredPosition),
            LastError = endpoint.LastError ?? "",
        };
        if (endpoint.FailingSince is not null)
        {
            proto.NextAttemptTime = Timestamp.FromDateTimeOffset(endpoint.NextAttemptAt);
        }

        return proto;
    }
}

/// <summary>A position in a platform's delivery log: the last attempt shown. Grants nothing: the log is always the caller's.</summary>
public sealed record DeliveryPageToken(long Before, string Filter) : IPageToken
{
    public const string Fingerprint = "deliveries";
}
