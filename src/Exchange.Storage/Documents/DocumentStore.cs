using System.Data;
using System.Security.Cryptography;
using Npgsql;

namespace Exchange.Storage.Documents;

/// <summary>
/// The documents the hub issued (exchange_documents), by the SHA-256 of their bytes: written by the
/// application grain before the act that refers to them, read back in chunks by GetDocument.
/// </summary>
public sealed class DocumentStore(NpgsqlDataSource dataSource)
{
    /// <summary>The one media type the hub renders.</summary>
    public const string PdfMediaType = "application/pdf";

    /// <summary>Stores <paramref name="content"/> for <paramref name="applicationId"/>; returns its SHA-256. Storing the same bytes again changes nothing.</summary>
    public async Task<byte[]> StoreAsync(Guid applicationId, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sha256 = SHA256.HashData(content);
        var command = dataSource.CreateCommand(
            "INSERT INTO exchange_documents (sha256, application_id, media_type, size_bytes, content) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
            command.Parameters.Add(new NpgsqlParameter { Value = applicationId });
            command.Parameters.Add(new NpgsqlParameter { Value = PdfMediaType });
            command.Parameters.Add(new NpgsqlParameter { Value = content.Length });
            command.Parameters.Add(new NpgsqlParameter { Value = content });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return sha256;
    }

    /// <summary>
    /// Hands the bytes of the document stored under <paramref name="sha256"/> for
    /// <paramref name="applicationId"/> to <paramref name="chunk"/> in pieces of at most
    /// <paramref name="chunkSize"/> bytes, read as they go (the whole document is never held);
    /// false when there is no such document.
    /// </summary>
    public async Task<bool> ReadAsync(Guid applicationId, byte[] sha256, int chunkSize, Func<ReadOnlyMemory<byte>, Task> chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        var command = dataSource.CreateCommand("SELECT content FROM exchange_documents WHERE sha256 = $1 AND application_id = $2");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
            command.Parameters.Add(new NpgsqlParameter { Value = applicationId });
            var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                var stream = await reader.GetStreamAsync(0, cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var buffer = new byte[chunkSize];
                    int read;
                    while ((read = await stream.ReadAtLeastAsync(buffer, chunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await chunk(buffer.AsMemory(0, read)).ConfigureAwait(false);
                    }
                }

                return true;
            }
        }
    }
}
