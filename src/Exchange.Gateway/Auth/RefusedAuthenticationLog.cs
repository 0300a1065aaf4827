using Grpc.Core;

namespace Exchange.Gateway.Auth;

/// <summary>
/// One warning line per refused authentication — the peer, the method, why, and the refused
/// credential's prefix (never a key) — at most one a minute per peer (<see cref="PeerLogLimit"/>),
/// the count of those not logged in the next: guessing keys cannot fill the disk.
/// </summary>
public sealed partial class RefusedAuthenticationLog(ILogger<RefusedAuthenticationLog> logger, TimeProvider clock)
{
    private readonly PeerLogLimit limit = new(clock);

    public void Refused(HttpContext? http, string method, RpcException refused)
    {
        var peer = http?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limit.ShouldLog(peer, out var unlogged))
        {
            var prefix = refused.Data[ApiKeyAuthenticator.RefusedCredentialPrefix] as string;
            LogRefused(logger, peer, method, refused.Status.Detail, string.IsNullOrEmpty(prefix) ? "none" : prefix, unlogged);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refused authentication of {Peer} to {Method} with UNAUTHENTICATED ({Error}; credential {CredentialPrefix}); {Unlogged} more from this peer since its previous line (at most one line a minute per peer)")]
    private static partial void LogRefused(ILogger logger, string peer, string method, string error, string credentialPrefix, long unlogged);
}
