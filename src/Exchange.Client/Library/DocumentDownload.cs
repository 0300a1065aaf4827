using System.Security.Cryptography;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.Client;

/// <summary>
/// Reads a GetDocument stream (FilingService or CourtService) into a stream of the caller's,
/// hashing as it goes: a document whose bytes do not hash to the SHA-256 asked for is an error,
/// never a silently wrong file.
/// </summary>
internal static class DocumentDownload
{
    public static async Task<IssuedDocument> CopyAsync(
        Func<GetDocumentRequest, CallOptions, AsyncServerStreamingCall<DocumentChunk>> rpc,
        GetDocumentRequest request,
        Stream destination,
        DateTime? deadline,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var call = rpc(request, new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        IssuedDocument? document = null;
        long length = 0;
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            document ??= chunk.Document;
            hash.AppendData(chunk.Data.Span);
            await destination.WriteAsync(chunk.Data.Memory, cancellationToken).ConfigureAwait(false);
            length += chunk.Data.Length;
        }

        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (document is null || !string.Equals(sha256, request.Sha256, StringComparison.OrdinalIgnoreCase) || length != document.SizeBytes)
        {
            throw new InvalidDataException(
                $"document {request.Sha256} of application {request.ApplicationId}: the hub sent {length} bytes hashing to {sha256}, not the document asked for");
        }

        return document;
    }
}
