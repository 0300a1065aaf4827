using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Gateway.Errors;
using Grpc.Core;

namespace Exchange.Gateway.Auth;

/// <summary>What a credential speaks for.</summary>
public enum PrincipalKind
{
    /// <summary>A mediation platform (调解平台) filing applications.</summary>
    Platform,

    /// <summary>A court (法院): its clerks and judges.</summary>
    Court,

    /// <summary>The hub's operators.</summary>
    Admin,
}

/// <summary>The authenticated caller of a gRPC call.</summary>
/// <param name="KeyPrefix">The first characters of the key it presented (audit events name it).</param>
public sealed record Principal(PrincipalKind Kind, string Id, string DisplayName, string KeyPrefix = "")
{
    private const string UserStateKey = "exchange.principal";

    public Actor ToActor() => new(Kind switch
    {
        PrincipalKind.Platform => ActorKind.Platform,
        PrincipalKind.Court => ActorKind.Court,
        _ => ActorKind.Hub,
    }, Id, DisplayName);

    internal void AttachTo(ServerCallContext context) => context.UserState[UserStateKey] = this;

    /// <summary>Attaches the principal before the call starts: a call's user state is its HttpContext.Items in grpc-dotnet.</summary>
    internal void AttachTo(HttpContext http) => http.Items[UserStateKey] = this;

    internal static bool IsAttached(ServerCallContext context) => context.UserState.ContainsKey(UserStateKey);

    /// <summary>The principal attached to a request, if any.</summary>
    public static Principal? Find(HttpContext http) =>
        http.Items.TryGetValue(UserStateKey, out var value) ? value as Principal : null;

    public static Principal Of(ServerCallContext context) =>
        context.UserState.TryGetValue(UserStateKey, out var value) && value is Principal principal
            ? principal
            : throw GrpcErrors.Unauthenticated("no credential was presented");

    /// <summary>The calling platform; a court's or operator's credential is refused.</summary>
    public static Principal RequirePlatform(ServerCallContext context)
    {
        var principal = Of(context);
        return principal.Kind == PrincipalKind.Platform
            ? principal
            : throw GrpcErrors.PermissionDenied("this method is for mediation platforms; the credential is a " + principal.Kind.ToString().ToLowerInvariant() + "'s");
    }

    /// <summary>The calling court; a platform's or operator's credential is refused.</summary>
    public static Principal RequireCourt(ServerCallContext context)
    {
        var principal = Of(context);
        return principal.Kind == PrincipalKind.Court
            ? principal
            : throw GrpcErrors.PermissionDenied("this method is for courts; the credential is a " + principal.Kind.ToString().ToLowerInvariant() + "'s");
    }

    /// <summary>The calling operator; a platform's or court's credential is refused.</summary>
    public static Principal RequireAdmin(ServerCallContext context)
    {
        var principal = Of(context);
        return principal.Kind == PrincipalKind.Admin
            ? principal
            : throw GrpcErrors.PermissionDenied("this method is for the hub's operators; the credential is a " + principal.Kind.ToString().ToLowerInvariant() + "'s");
    }
}
