using Exchange.Storage.Feed;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Exchange.Gateway.Feed;

/// <summary>Keeps the gateway's <see cref="FeedSignal"/> listening (one connection per gateway, whatever the number of watchers).</summary>
public sealed partial class FeedSignalListener(FeedSignal signal, ILogger<FeedSignalListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signal.ListenAsync(ex => LogLost(logger, ex.Message), TimeSpan.FromSeconds(1), stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed notifications lost ({Error}); watchers poll until listening again")]
    private static partial void LogLost(ILogger logger, string error);
}
