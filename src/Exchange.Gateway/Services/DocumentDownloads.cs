using System.Globalization;
using Exchange.Abstractions;
using Exchange.Gateway.Errors;
using Exchange.Storage.Documents;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Actor = Exchange.Abstractions.Actor;
using D = Exchange.Domain;

namespace Exchange.Gateway.Services;

/// <summary>
/// GetDocument for both services: the application grain says whether the caller may see the
/// application and which documents it lists; the bytes come from exchange_documents in chunks, so a
/// document is never held whole in the gateway.
/// </summary>
public sealed class DocumentDownloads(IClusterClient cluster, DocumentStore store)
{
    /// <summary>The largest chunk streamed.</summary>
    public const int ChunkSize = 64 * 1024;

    public async Task StreamAsync(Actor caller, GetDocumentRequest request, IServerStreamWriter<DocumentChunk> responses, CancellationToken cancellationToken)
    {
        var violations = new List<(string, string)>();
        if (!Guid.TryParseExact(request.ApplicationId, "D", out var applicationId))
        {
            violations.Add(("application_id", "must be a UUID such as 0190b2a4-7c1e-7d3a-9f51-2c6a1e0b9d47"));
        }

        var sha256 = request.Sha256.ToLowerInvariant();
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
        {
            violations.Add(("sha256", "must be a SHA-256 in hexadecimal: 64 digits 0-9, a-f"));
        }

        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations);
        }

        var id = applicationId.ToString();
        var view = await cluster.GetGrain<IApplicationGrain>(id).GetAsync(caller).WaitAsync(cancellationToken)
            ?? throw GrpcErrors.NotFound("application", id);
        var listed = view.Documents.FirstOrDefault(d => d.Sha256 == sha256)
            ?? throw GrpcErrors.NotFound("document", sha256);

        var first = true;
        var found = await store.ReadAsync(applicationId, Convert.FromHexString(sha256), ChunkSize, async data =>
        {
            var chunk = new DocumentChunk { Data = ByteString.CopyFrom(data.Span) };
            if (first)
            {
                chunk.Document = ToProto(listed);
                first = false;
            }

            await responses.WriteAsync(chunk, cancellationToken);
        }, cancellationToken);
        if (!found)
        {
            // Listed but not stored: only if the table was tampered with; nothing has been sent yet.
            throw GrpcErrors.NotFound("document", sha256);
        }
    }

    /// <summary>A listed document as the contract describes it.</summary>
    public static IssuedDocument ToProto(D.IssuedDocument document) => new()
    {
        Kind = (DocumentKind)document.Kind,
        FileName = document.FileName,
        MediaType = DocumentStore.PdfMediaType,
        SizeBytes = document.SizeBytes,
        Sha256 = document.Sha256,
        IssueTime = Timestamp.FromDateTimeOffset(document.IssuedAt),
    };
}
