using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Storage;
using Microsoft.Extensions.Options;

namespace Exchange.Silo.Storage;

/// <summary>
/// Group commit for the hottest write the hub has: the first write of a new application. Concurrent
/// first writes of many grains are coalesced into one multi-row statement and one commit
/// (Sql/InsertApplications.sql); every other operation — reads, later writes, clears — goes to the
/// Orleans ADO.NET provider unchanged, on the same tables.
/// </summary>
/// <remarks>
/// Durability is the provider's: a grain's write completes only after the statement holding its
/// row has committed. A batch that fails as a whole (two rows racing for one idempotency key, or
/// any other error) is retried row by row through the provider, so each grain gets exactly the
/// outcome it would have had alone.
/// </remarks>
public sealed partial class GroupCommitGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const string ApplicationStateName = "application";
    private static readonly string InsertSql = ReadSql("InsertApplications.sql");

    private readonly IGrainStorage inner;
    private readonly NpgsqlDataSource dataSource;
    private readonly ApplicationStateSerializer serializer = new();
    private readonly string serviceId;
    private readonly int maxBatch;
    private readonly ILogger logger;
    private readonly Channel<PendingInsert> queue = Channel.CreateUnbounded<PendingInsert>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] writers;

    public GroupCommitGrainStorage(IGrainStorage inner, NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster,
        GroupCommitOptions options, ILogger<GroupCommitGrainStorage> logger)
    {
        this.inner = inner;
        this.dataSource = dataSource;
        this.logger = logger;
        serviceId = cluster.Value.ServiceId;
        maxBatch = options.MaxBatch;
        writers = [.. Enumerable.Range(0, options.Writers).Select(_ => Task.Run(WriteLoopAsync))];
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (stateName != ApplicationStateName || grainState.ETag is not null)
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        var pending = new PendingInsert(grainId.Key.ToString()!, serializer.Serialize(grainState.State).ToArray(),
            () => inner.WriteStateAsync(stateName, grainId, grainState));
        await queue.Writer.WriteAsync(pending);
        var version = await pending.Completion.Task;
        if (version is null)
        {
            // As the provider does when a first write finds the row or the key taken.
            throw new InconsistentStateException($"Version conflict (WriteState): grain {grainId} was not inserted.");
        }

        if (version > 0)
        {
            grainState.ETag = version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(writers);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingInsert>(maxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var versions = await InsertAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(versions[i]);
                }
            }
            catch (Exception ex)
            {
                LogBatchFallback(logger, ex, batch.Count);
                foreach (var item in batch)
                {
                    _ = FallBackAsync(item);
                }
            }
        }
    }

    private static async Task FallBackAsync(PendingInsert item)
    {
        try
        {
            await item.WriteAlone();
            item.Completion.TrySetResult(0); // the provider has already set the grain's etag
        }
        catch (Exception ex)
        {
            item.Completion.TrySetException(ex);
        }
    }

    private async Task<int?[]> InsertAsync(List<PendingInsert> batch)
    {
        await using var command = dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = ApplicationStateName });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.GrainIdKey).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(b => b.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        var versions = new int?[batch.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var ordinal = reader.GetInt64(0);
            versions[ordinal - 1] = reader.IsDBNull(1) ? null : reader.GetInt32(1);
        }

        return versions;
    }

    private static string ReadSql(string name)
    {
        var assembly = typeof(GroupCommitGrainStorage).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Storage.Sql." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group insert of {Count} applications failed; writing them one by one")]
    private static partial void LogBatchFallback(ILogger logger, Exception exception, int count);

    /// <summary>
    /// One grain's first write waiting for its batch. <see cref="Completion"/> gets the new version
    /// (1), null when nothing was stored, or 0 when the row was written alone by the provider.
    /// </summary>
    private sealed record PendingInsert(string GrainIdKey, byte[] Payload, Func<Task> WriteAlone)
    {
        public TaskCompletionSource<int?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>How first writes of applications are grouped ("Exchange:GroupCommit" section).</summary>
public sealed record GroupCommitOptions(bool Enabled, int MaxBatch, int Writers);
