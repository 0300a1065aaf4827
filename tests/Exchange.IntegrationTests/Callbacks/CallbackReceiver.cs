using System.Collections.Concurrent;
using System.Net;
using Exchange.Client;
using Exchange.IntegrationTests.Infrastructure;

namespace Exchange.IntegrationTests.Callbacks;

/// <summary>One request the receiver got: its headers and body as they arrived, and what it answered.</summary>
public sealed record ReceivedCallback(int Number, string? EventId, string? Timestamp, string? Signature, string? ContentType, byte[] Body)
{
    /// <summary>The HTTP status answered (0 until answered).</summary>
    public int Answered { get; set; }
}

/// <summary>
/// A platform's callback endpoint on a loopback port (HttpListener in the test process): records
/// every request, answers as <see cref="Answer"/> says for the request's number (1, 2, 3 … in
/// arrival order), and can be stopped and started again on the same port.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedCallback> received = new();
    private HttpListener? listener;
    private Task? loop;
    private int count;

    public CallbackReceiver() => Port = HubProcess.FreePort();

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/exchange/callbacks";

    /// <summary>For request number n: how long to wait before answering, and the status. Default: at once, 200.</summary>
    public Func<int, (TimeSpan Delay, int Status)> Answer { get; set; } = _ => (TimeSpan.Zero, 200);

    public IReadOnlyList<ReceivedCallback> Received => [.. received];

    /// <summary>The requests answered 2xx, in arrival order.</summary>
    public IReadOnlyList<ReceivedCallback> Accepted => [.. received.Where(r => r.Answered is >= 200 and < 300)];

    public CallbackReceiver Start()
    {
        var started = new HttpListener();
        started.Prefixes.Add($"http://127.0.0.1:{Port}/");
        started.Start();
        listener = started;
        loop = ListenAsync(started);
        return this;
    }

    /// <summary>Closes the port: the hub's next attempts find nothing listening.</summary>
    public async Task StopAsync()
    {
        if (listener is { } running)
        {
            listener = null;
            running.Close();
            try
            {
                await loop!;
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    /// <summary>Waits until the requests received satisfy <paramref name="done"/>.</summary>
    public Task WaitForAsync(Func<CallbackReceiver, bool> done, TimeSpan timeout) =>
        Probe.UntilAsync(() => Task.FromResult(this), done, timeout);

    /// <summary>Every request's verification with <paramref name="verifier"/>.</summary>
    public IReadOnlyList<CallbackVerification> Verify(CallbackSignature verifier) =>
        [.. Received.Select(r => verifier.Verify(r.Timestamp, r.Signature, r.Body))];

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task ListenAsync(HttpListener running)
    {
        while (running.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await running.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            // Each request on its own: a slow answer must not hold the next request back.
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var request = new ReceivedCallback(
            Interlocked.Increment(ref count),
            context.Request.Headers[CallbackSignature.EventIdHeader],
            context.Request.Headers[CallbackSignature.TimestampHeader],
            context.Request.Headers[CallbackSignature.SignatureHeader],
            context.Request.ContentType,
            body.ToArray());
        received.Enqueue(request);
        var (delay, status) = Answer(request.Number);
        if (delay > TimeSpan.Zero)
        {
            // The answer the test wants late (beyond the hub's timeout).
            await Task.Delay(delay);
        }

        request.Answered = status;
        try
        {
            context.Response.StatusCode = status;
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The hub gave up waiting and closed the connection.
        }
    }
}
