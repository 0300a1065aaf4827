namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>
/// Waits for a condition that another process brings about (a health publication, a restarted silo),
/// asking again at short intervals up to a bound: a barrier on observable state, not a fixed sleep.
/// </summary>
public static class Probe
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        T? result = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                result = await probe();
                if (done(result))
                {
                    return result;
                }
            }
            catch (Exception ex)
            {
                last = ex;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"condition not reached within {timeout}; last result {result}", last);
    }
}
