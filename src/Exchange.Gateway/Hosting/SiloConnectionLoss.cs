using Orleans.Runtime;

namespace Exchange.Gateway.Hosting;

/// <summary>
/// Fails the grain calls in flight when a connection of this gateway to a silo closes, instead of
/// letting them wait for the response timeout (60 s): Orleans' client keeps a sent request's
/// callback until its answer or the timeout, even when the silo it went through was killed and
/// can never answer (measured: 30 s waits after a SIGKILL while membership had declared the silo
/// dead after 5–8 s). A closed connection is the earliest sign (the kernel closes a killed
/// process's sockets at once). A call that went through another silo fails too — the client cannot
/// tell which connection carried it — and is answered as any lost answer is (OUTCOME_UNKNOWN for a
/// change, UNAVAILABLE for a read), which a caller repeats with the same request id.
/// </summary>
public sealed class SiloConnectionLoss : IClusterConnectionStatusObserver
{
    private CancellationTokenSource current = new();

    /// <summary>Cancelled when a connection to a silo closes after this token was taken.</summary>
    public CancellationToken Token => Volatile.Read(ref current).Token;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways)
        {
            Lost();
        }
    }

    public void NotifyClusterConnectionLost() => Lost();

    private void Lost()
    {
        var lost = Interlocked.Exchange(ref current, new CancellationTokenSource());
        lost.Cancel();
        lost.Dispose();
    }
}

/// <summary>Races each grain call with <see cref="SiloConnectionLoss"/>: a lost connection ends the wait with SiloUnavailableException.</summary>
public sealed class FailCallsOnSiloConnectionLoss(SiloConnectionLoss loss) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var lost = loss.Token;
        try
        {
            await context.Invoke().WaitAsync(lost);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            throw new SiloUnavailableException("the connection to the silo this call went through closed before its answer came");
        }
    }
}
