using System.Net;
using System.Security.Cryptography;
using Exchange.Domain;
using Exchange.Gateway.Auth;
using Exchange.Gateway.Errors;
using Exchange.Gateway.ReadModel;
using Exchange.Abstractions;
using Exchange.Storage;
using Exchange.Storage.Admin;
using Exchange.Storage.Courts;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PrincipalKind = Exchange.V1.PrincipalKind;
using ErrorReason = Exchange.Domain.ErrorReason;

namespace Exchange.Gateway.Services;

/// <summary>Full method names the authentication interceptor needs to know.</summary>
public static class AdminGrpcMethods
{
    public const string Bootstrap = "/exchange.v1.AdminService/Bootstrap";
}

/// <summary>
/// The operators' gRPC service (admin.proto): check the request, run the change in the admin
/// store (one transaction with its audit event and its request id), map back. Every method but
/// Bootstrap needs an admin key.
/// </summary>
public sealed partial class AdminGrpcService(
    AdminStore store, CredentialStore credentials, CourtCatalog catalog, LiveCourtDirectory directory, Exchange.Storage.Officers.OfficerStore officers)
    : AdminService.AdminServiceBase
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    private const int MaxDisplayName = 200;

    public override async Task<IssuedKey> Bootstrap(BootstrapRequest request, ServerCallContext context)
    {
        var peer = context.GetHttpContext().Connection.RemoteIpAddress;
        if (peer is null || !IPAddress.IsLoopback(peer))
        {
            throw GrpcErrors.Create(StatusCode.PermissionDenied, ErrorReason.NotLoopback,
                "Bootstrap is answered only to a caller on the gateway's own machine; ask an operator for an admin key");
        }

        var displayName = DisplayName(request.DisplayName, "hub operators", "display_name");
        var issued = await Refusals(() => credentials.BootstrapAsync(displayName, peer.ToString(), context.CancellationToken));
        return ToProto(issued);
    }

    public override async Task<RegisterPlatformResponse> RegisterPlatform(RegisterPlatformRequest request, ServerCallContext context)
    {
        var admin = Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var requestId = RequestId(request.RequestId, violations);
        if (!PrincipalIds.IsValid(request.PlatformId))
        {
            violations.Add(("platform_id", "must be " + PrincipalIds.Rule));
        }

        var displayName = request.DisplayName.Trim();
        if (displayName.Length is 0 or > MaxDisplayName)
        {
            violations.Add(("display_name", $"must be 1–{MaxDisplayName} characters"));
        }

        ThrowIfAny(violations);
        return await ChangeAsync(admin, requestId, request, RegisterPlatformResponse.Parser, async (change, ct) =>
        {
            var (platform, key) = await change.RegisterPlatformAsync(request.PlatformId, displayName, ct);
            return new RegisterPlatformResponse { Platform = ToProto(platform), IssuedKey = ToProto(key) };
        }, context);
    }

    public override async Task<ListPlatformsResponse> ListPlatforms(ListPlatformsRequest request, ServerCallContext context)
    {
        Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var pageSize = PageSize(request.PageSize, violations);
        var filter = request.IncludeRevoked ? "platforms:all" : "platforms:live";
        var token = PageTokens.Decode<PlatformPageToken>(request.PageToken, filter, violations);
        ThrowIfAny(violations);

        var platforms = await store.ListPlatformsAsync(token?.After, request.IncludeRevoked, pageSize + 1, context.CancellationToken);
        var response = new ListPlatformsResponse();
        response.Platforms.AddRange(platforms.Take(pageSize).Select(ToProto));
        if (platforms.Count > pageSize)
        {
            response.NextPageToken = PageTokens.Encode(new PlatformPageToken(filter, platforms[pageSize - 1].PlatformId));
        }

        return response;
    }

    public override async Task<RevokePlatformResponse> RevokePlatform(RevokePlatformRequest request, ServerCallContext context)
    {
        var admin = Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var requestId = RequestId(request.RequestId, violations);
        if (request.PlatformId.Length == 0)
        {
            violations.Add(("platform_id", "required"));
        }

        ThrowIfAny(violations);
        return await ChangeAsync(admin, requestId, request, RevokePlatformResponse.Parser, async (change, ct) =>
        {
            var (platform, revoked) = await change.RevokePlatformAsync(request.PlatformId, ct);
            return new RevokePlatformResponse { Platform = ToProto(platform), RevokedKeys = revoked };
        }, context);
    }

    public override Task<IssuedKey> RegisterCourt(RegisterCourtRequest request, ServerCallContext context) =>
        Issue(request.RequestId, request, PrincipalKind.Court, request.CourtCode, "court_code", request.DisplayName, $"{request.CourtCode} clerk office", context);

    public override Task<IssuedKey> IssueKey(IssueKeyRequest request, ServerCallContext context) =>
        Issue(request.RequestId, request, request.PrincipalKind, request.PrincipalId, "principal_id", request.DisplayName, request.PrincipalId, context);

    public override async Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context)
    {
        Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var pageSize = PageSize(request.PageSize, violations);
        if (!System.Enum.IsDefined(request.PrincipalKind))
        {
            violations.Add(("principal_kind", "unknown principal kind"));
        }

        var filter = $"keys:{(int)request.PrincipalKind}:{request.IncludeRevoked}:{request.PrincipalId}";
        var token = PageTokens.Decode<KeyPageToken>(request.PageToken, filter, violations);
        ThrowIfAny(violations);

        var keys = await store.ListKeysAsync(
            request.PrincipalKind == PrincipalKind.Unspecified ? null : ToStorage(request.PrincipalKind),
            request.PrincipalId.Length > 0 ? request.PrincipalId : null,
            request.IncludeRevoked, token is null ? null : (token.CreatedAt, token.KeyPrefix), pageSize + 1, context.CancellationToken);
        var response = new ListKeysResponse();
        response.Keys.AddRange(keys.Take(pageSize).Select(ToProto));
        if (keys.Count > pageSize)
        {
            var last = keys[pageSize - 1];
            response.NextPageToken = PageTokens.Encode(new KeyPageToken(filter, last.CreatedAt, last.KeyPrefix));
        }

        return response;
    }

    public override async Task<ApiKey> RevokeKey(RevokeKeyRequest request, ServerCallContext context)
    {
        var admin = Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var requestId = RequestId(request.RequestId, violations);
        if (!ApiKeys.IsPrefix(request.KeyPrefix))
        {
            violations.Add(("key_prefix", $"must be the key's first {ApiKeys.PrefixLength} characters, starting with \"{ApiKeys.Scheme}\""));
        }

        ThrowIfAny(violations);
        return await ChangeAsync(admin, requestId, request, ApiKey.Parser,
            async (change, ct) => ToProto(await change.RevokeKeyAsync(request.KeyPrefix, ct)), context);
    }

    private async Task<IssuedKey> Issue(
        string requestIdText, IMessage request, PrincipalKind kind, string principalId, string idField, string displayNameText, string defaultName,
        ServerCallContext context)
    {
        var admin = Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var requestId = RequestId(requestIdText, violations);
        var unknownCourt = false;
        switch (kind)
        {
            case PrincipalKind.Court when !directory.Current.Courts.Contains(principalId):
                violations.Add((idField, $"'{principalId}' is not a court of the hub's court registry"));
                unknownCourt = true;
                break;
            case PrincipalKind.Platform or PrincipalKind.Admin when !PrincipalIds.IsValid(principalId):
                violations.Add((idField, "must be " + PrincipalIds.Rule));
                break;
            case PrincipalKind.Unspecified:
                violations.Add(("principal_kind", "required"));
                break;
            case var _ when !System.Enum.IsDefined(kind):
                violations.Add(("principal_kind", "unknown principal kind"));
                break;
        }

        var displayName = DisplayName(displayNameText, defaultName, "display_name", violations);
        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations, unknownCourt && violations.Count == 1 ? ErrorReason.UnknownCourt : ErrorReason.InvalidArgument);
        }

        return await ChangeAsync(admin, requestId, request, IssuedKey.Parser,
            async (change, ct) => ToProto(await change.IssueAsync(ToStorage(kind), principalId, displayName, ct)), context);
    }

    /// <summary>Runs a change in the store, keyed by the request without its request_id (a retry is the same request).</summary>
    private async Task<TResponse> ChangeAsync<TRequest, TResponse>(
        Principal admin, string? requestId, TRequest request, MessageParser<TResponse> parser, Func<AdminChange, CancellationToken, Task<TResponse>> change,
        ServerCallContext context)
        where TRequest : IMessage
        where TResponse : IMessage<TResponse>
    {
        var withoutId = request.Descriptor.Parser.ParseFrom(request.ToByteString());
        withoutId.Descriptor.FindFieldByName("request_id")?.Accessor.Clear(withoutId);
        var fingerprint = SHA256.HashData(withoutId.ToByteArray());
        var answer = await Refusals(() => store.ChangeAsync(new AdminActor(admin.Id, admin.KeyPrefix), requestId, request.Descriptor.Name, fingerprint,
            async (c, ct) => (await change(c, ct)).ToByteArray(), context.CancellationToken));
        return parser.ParseFrom(answer);
    }

    private static async Task<T> Refusals<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not AdminStoreException && StoreFailures.IsStoreFailure(ex))
        {
            // The gateway writes the credential tables itself: a lost commit answer is UNKNOWN
            // (repeat with the same request_id), a refused connection UNAVAILABLE, as for a grain.
            throw new BackendFailureException(StoreFailures.MayHaveCommitted(ex), ex.Message);
        }
        catch (AdminStoreException ex)
        {
            var (code, reason) = ex.Refusal switch
            {
                AdminRefusal.PlatformAlreadyExists => (StatusCode.AlreadyExists, ErrorReason.PlatformAlreadyExists),
                AdminRefusal.PlatformNotFound => (StatusCode.NotFound, ErrorReason.PlatformNotFound),
                AdminRefusal.PlatformRevoked => (StatusCode.FailedPrecondition, ErrorReason.PlatformRevoked),
                AdminRefusal.KeyNotFound => (StatusCode.NotFound, ErrorReason.KeyNotFound),
                AdminRefusal.AmbiguousKeyPrefix => (StatusCode.FailedPrecondition, ErrorReason.AmbiguousKeyPrefix),
                AdminRefusal.LastAdminKey => (StatusCode.FailedPrecondition, ErrorReason.LastAdminKey),
                AdminRefusal.RequestIdReused => (StatusCode.AlreadyExists, ErrorReason.RequestIdReused),
                AdminRefusal.AlreadyBootstrapped => (StatusCode.FailedPrecondition, ErrorReason.AlreadyBootstrapped),
                AdminRefusal.VersionMismatch => (StatusCode.Aborted, ErrorReason.VersionMismatch),
                AdminRefusal.OfficerAlreadyExists => (StatusCode.AlreadyExists, ErrorReason.OfficerAlreadyExists),
                AdminRefusal.OfficerNotFound => (StatusCode.NotFound, ErrorReason.OfficerNotFound),
                AdminRefusal.CertificateAlreadyBound => (StatusCode.AlreadyExists, ErrorReason.ClientCertificateAlreadyBound),
                _ => throw new InvalidOperationException("unmapped refusal " + ex.Refusal, ex),
            };
            throw GrpcErrors.Create(code, reason, ex.Message);
        }
    }

    private static string? RequestId(string requestId, List<(string, string)> violations)
    {
        if (requestId.Length == 0)
        {
            return null;
        }

        if (!Guid.TryParseExact(requestId, "D", out _))
        {
            violations.Add(("request_id", "must be a UUID, e.g. 0190a4b2-7c1e-7d3a-9f00-3c2b1a0e9d87"));
        }

        return requestId;
    }

    private static int PageSize(int pageSize, List<(string, string)> violations)
    {
        if (pageSize < 0)
        {
            violations.Add(("page_size", "must not be negative"));
        }

        return pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize);
    }

    private static string DisplayName(string text, string defaultName, string field, List<(string, string)>? violations = null)
    {
        var name = text.Trim();
        if (name.Length > MaxDisplayName)
        {
            if (violations is null)
            {
                GrpcErrors.ThrowInvalidArgument(field, $"at most {MaxDisplayName} characters");
            }

            violations.Add((field, $"at most {MaxDisplayName} characters"));
        }

        return name.Length == 0 ? defaultName : name;
    }

    private static void ThrowIfAny(List<(string, string)> violations)
    {
        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations);
        }
    }

    private static CredentialKind ToStorage(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Platform => CredentialKind.Platform,
        PrincipalKind.Court => CredentialKind.Court,
        PrincipalKind.Admin => CredentialKind.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static IssuedKey ToProto(IssuedCredential issued) => new() { ApiKey = issued.ApiKey, Key = ToProto(issued.Info) };

    private static ApiKey ToProto(CredentialInfo key)
    {
        var proto = new ApiKey
        {
            KeyPrefix = key.KeyPrefix,
            PrincipalKind = key.Kind switch
            {
                CredentialKind.Platform => PrincipalKind.Platform,
                CredentialKind.Court => PrincipalKind.Court,
                _ => PrincipalKind.Admin,
            },
            PrincipalId = key.PrincipalId,
            DisplayName = key.DisplayName,
            CreateTime = Timestamp.FromDateTimeOffset(key.CreatedAt),
        };
        if (key.RevokedAt is { } revoked)
        {
            proto.RevokeTime = Timestamp.FromDateTimeOffset(revoked);
        }

        return proto;
    }

    private static Platform ToProto(PlatformInfo platform)
    {
        var proto = new Platform
        {
            PlatformId = platform.PlatformId,
            DisplayName = platform.DisplayName,
            CreateTime = Timestamp.FromDateTimeOffset(platform.CreatedAt),
        };
        if (platform.RevokedAt is { } revoked)
        {
            proto.RevokeTime = Timestamp.FromDateTimeOffset(revoked);
        }

        return proto;
    }

    private sealed record PlatformPageToken(string Filter, string After) : IPageToken;

    private sealed record KeyPageToken(string Filter, DateTimeOffset CreatedAt, string KeyPrefix) : IPageToken;
}
