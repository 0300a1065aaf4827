using Npgsql;

namespace Exchange.Storage.Applications;

/// <summary>
/// Keeps attachment contents apart from grain state, addressed by their SHA-256 (already verified
/// by the domain rules). Stored before the application's state, so an acknowledged application never
/// points at content that is missing; content of a submission that then fails stays, harmless and
/// deduplicated by its hash.
/// </summary>
public sealed class AttachmentContentStore(NpgsqlDataSource dataSource)
{
    public async Task StoreAsync(IEnumerable<(byte[] Sha256, byte[] Content)> contents, CancellationToken cancellationToken = default)
    {
        var batch = dataSource.CreateBatch();
        await using (batch.ConfigureAwait(false))
        {
            foreach (var (sha256, content) in contents)
            {
                var command = new NpgsqlBatchCommand(
                    "INSERT INTO exchange_attachment_contents (sha256, size_bytes, content) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
                command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
                command.Parameters.Add(new NpgsqlParameter { Value = content.Length });
                command.Parameters.Add(new NpgsqlParameter { Value = content });
                batch.BatchCommands.Add(command);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The content stored under <paramref name="sha256"/>; null when none was (the platform kept the file).</summary>
    public async Task<byte[]?> ReadAsync(byte[] sha256, CancellationToken cancellationToken = default)
    {
        var command = dataSource.CreateCommand("SELECT content FROM exchange_attachment_contents WHERE sha256 = $1");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
        }
    }
}
