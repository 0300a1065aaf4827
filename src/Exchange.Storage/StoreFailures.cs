using System.Net.Sockets;
using Npgsql;

namespace Exchange.Storage;

/// <summary>
/// What a failure of PostgreSQL says about a write: whether it may have committed. Shared by the
/// silo (which reports it across the grain boundary) and the gateway's admin service (which writes
/// the credential tables itself), so that both answer UNAVAILABLE or UNKNOWN by the same rule.
/// </summary>
public static class StoreFailures
{
    /// <summary>Whether <paramref name="ex"/> (or a cause) is a failure of the store or the network to it.</summary>
    public static bool IsStoreFailure(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException or SocketException or IOException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether this one exception (not its causes) shows that nothing was committed: PostgreSQL
    /// answered with an error (the statement's transaction rolled back), or no connection could be
    /// made (nothing was sent).
    /// </summary>
    public static bool ShowsNothingCommitted(Exception e) => e is PostgresException
        or SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
            or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable or SocketError.TryAgain };

    /// <summary>
    /// Whether a write that failed with <paramref name="ex"/> may nevertheless have committed: yes
    /// unless the exception or a cause shows otherwise (a connection broken after the statement went
    /// out, a timeout: the commit may have happened and its answer been lost).
    /// </summary>
    public static bool MayHaveCommitted(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (ShowsNothingCommitted(e))
            {
                return false;
            }
        }

        return true;
    }
}
