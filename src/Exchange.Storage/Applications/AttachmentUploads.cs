using System.Buffers;
using Exchange.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Exchange.Storage.Applications;

/// <summary>An uploaded attachment as stored (exchange_uploads), without its bytes.</summary>
public sealed record UploadedFile(string PlatformId, byte[] Sha256, long SizeBytes, string FileName, string MediaType, string CourtCode,
    int ChunkCount, DateTimeOffset UploadedAt);

/// <summary>
/// Large attachments (attachments.proto): a platform's uploaded files, kept by (platform, SHA-256)
/// in rows of <see cref="ChunkBytes"/> (migration 0085). Bytes are written and read one row at a
/// time, so that no caller ever holds more than one chunk of a file, however large.
/// </summary>
public sealed class AttachmentUploads(NpgsqlDataSource dataSource)
{
    /// <summary>The size of a stored chunk: every row but a file's last holds exactly this many bytes.</summary>
    public const int ChunkBytes = 1024 * 1024;

    /// <summary>The platform's uploads among <paramref name="hashes"/>, by lower-case hex SHA-256.</summary>
    public async Task<IReadOnlyDictionary<string, UploadedFile>> FindAsync(string platformId, IReadOnlyCollection<byte[]> hashes,
        CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, UploadedFile>();
        if (hashes.Count == 0)
        {
            return found;
        }

        var command = dataSource.CreateCommand($"{SelectUpload} WHERE u.platform_id = $1 AND u.sha256 = ANY($2)");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = platformId });
            command.Parameters.Add(new NpgsqlParameter { Value = hashes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var file = ReadUpload(reader);
                    found[Convert.ToHexStringLower(file.Sha256)] = file;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The uploaded file <paramref name="sha256"/> the caller may download; null when there is none
    /// it may see. Without <paramref name="applicationId"/>: a platform's own upload. With it: the
    /// upload of the application's platform that one of the application's events records as
    /// referenced (details "uploaded_sha256"), when the application is the caller's (its platform,
    /// or the court it was filed with).
    /// </summary>
    public async Task<UploadedFile?> FindDownloadableAsync(ActorKind callerKind, string callerId, byte[] sha256, Guid? applicationId,
        CancellationToken cancellationToken = default)
    {
        if (applicationId is null && callerKind != ActorKind.Platform)
        {
            return null;
        }

        var owner = callerKind switch
        {
            ActorKind.Platform => "a.platform_id",
            ActorKind.Court => "a.court_code",
            _ => throw new ArgumentOutOfRangeException(nameof(callerKind), callerKind, "only platforms and courts download attachments"),
        };
        var sql = applicationId is null
            ? $"{SelectUpload} WHERE u.platform_id = $1 AND u.sha256 = $2"
            : $"""
              {SelectUpload}
              JOIN exchange_applications a ON a.platform_id = u.platform_id
              WHERE {owner} = $1 AND u.sha256 = $2 AND a.application_id = $3
                AND EXISTS (SELECT 1 FROM exchange_events e
                            WHERE e.application_id = a.application_id
                              AND encode($2, 'hex') = ANY (string_to_array(e.details->>'uploaded_sha256', ',')))
              """;
        var command = dataSource.CreateCommand(sql);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = callerId });
            command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
            if (applicationId is { } id)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = id });
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadUpload(reader) : null;
            }
        }
    }

    /// <summary>
    /// Reads chunk <paramref name="index"/> of an upload into <paramref name="buffer"/> (at least
    /// <see cref="ChunkBytes"/> long) and returns its length. One short statement per chunk: a slow
    /// reader holds no connection or snapshot while it is sent (stored chunks never change).
    /// </summary>
    public async Task<int> ReadChunkAsync(UploadedFile file, int index, byte[] buffer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(buffer);
        var command = dataSource.CreateCommand(
            "SELECT content FROM exchange_upload_chunks WHERE platform_id = $1 AND sha256 = $2 AND chunk_index = $3");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = file.PlatformId });
            command.Parameters.Add(new NpgsqlParameter { Value = file.Sha256 });
            command.Parameters.Add(new NpgsqlParameter { Value = index });
            var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"chunk {index} of an upload of {file.ChunkCount} chunks is missing");
                }

                // Copied straight from the connection's buffer into the caller's: no array per chunk.
                return (int)reader.GetBytes(0, 0, buffer, 0, buffer.Length);
            }
        }
    }

    /// <summary>
    /// Starts writing an upload of <paramref name="platformId"/>: a connection and a transaction of
    /// its own, held until the writer completes (commit) or is disposed (rollback).
    /// </summary>
    public async Task<UploadWriter> BeginAsync(string platformId, byte[] sha256, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new UploadWriter(connection, transaction, platformId, sha256);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private const string SelectUpload =
        "SELECT u.platform_id, u.sha256, u.size_bytes, u.file_name, u.media_type, u.court_code, u.chunk_count, u.uploaded_at FROM exchange_uploads u";

    private static UploadedFile ReadUpload(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
        reader.GetString(5), reader.GetInt32(6), reader.GetFieldValue<DateTimeOffset>(7));
}

/// <summary>
/// One upload being written: bytes are gathered into a pooled buffer of one chunk and each full
/// chunk is inserted at once, in the upload's transaction. Nothing is visible to anyone until
/// <see cref="CompleteAsync"/> commits; disposing without completing rolls everything back.
/// </summary>
public sealed class UploadWriter : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly string platformId;
    private readonly byte[] sha256;
    private byte[]? buffer = ArrayPool<byte>.Shared.Rent(AttachmentUploads.ChunkBytes);
    private int buffered;
    private int chunks;
    private bool completed;

    internal UploadWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, string platformId, byte[] sha256)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.platformId = platformId;
        this.sha256 = sha256;
    }

    /// <summary>Adds <paramref name="data"/> to the upload, writing every chunk it fills.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var target = buffer ?? throw new ObjectDisposedException(nameof(UploadWriter));
        while (data.Length > 0)
        {
            var take = Math.Min(data.Length, AttachmentUploads.ChunkBytes - buffered);
            data.Span[..take].CopyTo(target.AsSpan(buffered));
            buffered += take;
            data = data[take..];
            if (buffered == AttachmentUploads.ChunkBytes)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes the last chunk and the upload's row, and commits. Returns false, committing nothing,
    /// when the platform has this file already (uploaded before, or by a call that committed first).
    /// </summary>
    public async Task<bool> CompleteAsync(long sizeBytes, string fileName, string mediaType, string courtCode,
        CancellationToken cancellationToken = default)
    {
        if (buffered > 0)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var command = new NpgsqlCommand("""
            INSERT INTO exchange_uploads (platform_id, sha256, size_bytes, file_name, media_type, court_code, chunk_count)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (platform_id, sha256) DO NOTHING
            """, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = platformId });
            command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
            command.Parameters.Add(new NpgsqlParameter { Value = sizeBytes });
            command.Parameters.Add(new NpgsqlParameter { Value = fileName });
            command.Parameters.Add(new NpgsqlParameter { Value = mediaType });
            command.Parameters.Add(new NpgsqlParameter { Value = courtCode });
            command.Parameters.Add(new NpgsqlParameter { Value = chunks });
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        completed = true;
        return true;
    }

    /// <summary>Whether <paramref name="ex"/> says the platform stored this file meanwhile (a chunk's key was taken).</summary>
    public static bool IsAlreadyStored(Exception ex) => ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(
            "INSERT INTO exchange_upload_chunks (platform_id, sha256, chunk_index, content) VALUES ($1, $2, $3, $4)", connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = platformId });
            command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
            command.Parameters.Add(new NpgsqlParameter { Value = chunks });
            // The pooled buffer itself, not a copy: Npgsql writes it to the connection before returning.
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = buffer.AsMemory(0, buffered), NpgsqlDbType = NpgsqlDbType.Bytea });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        chunks++;
        buffered = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!completed)
        {
            try
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // A broken connection rolls back by itself.
            }
        }

        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
        if (buffer is { } b)
        {
            buffer = null;
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
