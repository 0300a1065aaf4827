namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>Runs many calls with a bounded number in flight.</summary>
public static class Fan
{
    public static async Task<T[]> OutAsync<T>(int count, int inFlight, Func<int, Task<T>> call)
    {
        var results = new T[count];
        using var gate = new SemaphoreSlim(inFlight);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                results[i] = await call(i);
            }
            finally
            {
                gate.Release();
            }
        }));
        return results;
    }
}
