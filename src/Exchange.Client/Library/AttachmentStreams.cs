using System.Buffers;
using System.Security.Cryptography;
using Exchange.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Exchange.Client;

/// <summary>
/// Large attachments (attachments.proto) on the client side: an upload hashes the file in a first
/// pass and streams it in a second, a chunk at a time; a download writes each chunk as it comes and
/// checks the SHA-256 of the whole at the end. Neither holds more than one chunk of the file.
/// </summary>
public static class AttachmentStreams
{
    /// <summary>The size of the chunks an upload sends: the most UploadAttachment takes, 1 MiB.</summary>
    public const int ChunkBytes = 1024 * 1024;

    /// <summary>SHA-256 and length of <paramref name="content"/> from its current position to its end; the position is put back.</summary>
    public static async Task<(byte[] Sha256, long SizeBytes)> MeasureAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("an upload needs a seekable stream: its SHA-256 is sent before its bytes", nameof(content));
        }

        var start = content.Position;
        var sha256 = await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false);
        var size = content.Position - start;
        content.Position = start;
        return (sha256, size);
    }

    internal static async Task<UploadedAttachment> UploadAsync(AsyncClientStreamingCall<UploadAttachmentRequest, UploadedAttachment> call,
        UploadAttachmentHeader header, Stream content, CancellationToken cancellationToken)
    {
        await call.RequestStream.WriteAsync(new UploadAttachmentRequest { Header = header }, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await content.ReadAtLeastAsync(buffer.AsMemory(0, ChunkBytes), ChunkBytes, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false)) > 0)
            {
                // Wrapped, not copied: the message is serialised before WriteAsync completes.
                var chunk = new UploadAttachmentRequest { Chunk = UnsafeByteOperations.UnsafeWrap(buffer.AsMemory(0, read)) };
                await call.RequestStream.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    internal static async Task<UploadedAttachment> DownloadAsync(AsyncServerStreamingCall<DownloadAttachmentResponse> call, Stream destination,
        CancellationToken cancellationToken)
    {
        UploadedAttachment? attachment = null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long received = 0;
        await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            attachment ??= response.Attachment;
            hash.AppendData(response.Chunk.Span);
            received += response.Chunk.Length;
            await destination.WriteAsync(response.Chunk.Memory, cancellationToken).ConfigureAwait(false);
        }

        if (attachment is null)
        {
            throw new InvalidDataException("the hub ended the download without sending the attachment");
        }

        if (received != attachment.SizeBytes || !hash.GetHashAndReset().AsSpan().SequenceEqual(attachment.Sha256.Span))
        {
            throw new InvalidDataException($"the downloaded bytes ({received}) do not match the attachment's size ({attachment.SizeBytes}) and SHA-256");
        }

        return attachment;
    }
}
