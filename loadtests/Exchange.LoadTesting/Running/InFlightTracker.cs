namespace Exchange.LoadTesting;

/// <summary>Counts running calls and workers so the end of a scenario can wait until all have finished.</summary>
internal sealed class InFlightTracker
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;
    private int _closing;

    public int Count => Volatile.Read(ref _count);

    public void Enter() => Interlocked.Increment(ref _count);

    public void Exit()
    {
        // Interlocked operations are full fences, so this read of _closing and the read of _count in
        // WhenDrainedAsync cannot both miss the other side's write: one of them completes _drained.
        if (Interlocked.Decrement(ref _count) == 0 && Volatile.Read(ref _closing) == 1)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Completes once nothing is in flight; call after the last <see cref="Enter"/>.</summary>
    public Task WhenDrainedAsync()
    {
        Interlocked.Exchange(ref _closing, 1);
        if (Volatile.Read(ref _count) == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }
}
