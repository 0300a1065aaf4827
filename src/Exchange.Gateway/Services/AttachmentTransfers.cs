using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Exchange.Gateway.Errors;
using Exchange.Storage.Applications;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using D = Exchange.Domain;

namespace Exchange.Gateway.Services;

/// <summary>
/// Large attachments (attachments.proto), for both services: an upload streams from the gRPC
/// request into PostgreSQL chunk by chunk, hashed as it passes, in one transaction that commits
/// only when size and SHA-256 match the header; a download streams from PostgreSQL a chunk at a
/// time. Neither ever holds more than one chunk of a file (docs/ARCHITECTURE.md, "Large attachments").
/// </summary>
public sealed class AttachmentTransfers(AttachmentUploads uploads, D.ICourtDirectory directory)
{
    public async Task<UploadedAttachment> UploadAsync(string platformId, IAsyncStreamReader<UploadAttachmentRequest> requests, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requests.MoveNext(cancellationToken) || requests.Current.PartCase != UploadAttachmentRequest.PartOneofCase.Header)
        {
            GrpcErrors.ThrowInvalidArgument("header", "the first message of an upload must be its header");
        }

        var header = requests.Current.Header;
        var sha256 = header.Sha256.ToByteArray();
        // The court's limit as its policy states it (the snapshot GetCourtPolicy reports), no query per upload.
        var limit = directory.Current.Courts.Find(header.CourtCode)?.MaxAttachmentBytes;
        var violations = D.AttachmentRules.CheckUpload(sha256, header.SizeBytes, header.FileName, header.MediaType, header.CourtCode, limit);
        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations.Select(v => (v.Field, v.Description)));
        }

        if (D.AttachmentRules.IsOverLimit(header.SizeBytes, limit!.Value))
        {
            var message = $"{header.SizeBytes} bytes is over the attachment limit of court {header.CourtCode}: {limit} bytes";
            throw GrpcErrors.Create(StatusCode.InvalidArgument, D.ErrorReason.AttachmentTooLarge, message,
                new Dictionary<string, string>
                {
                    ["max_bytes"] = limit.Value.ToString(CultureInfo.InvariantCulture),
                    ["court_code"] = header.CourtCode,
                },
                Violation("header.size_bytes", message));
        }

        var existing = (await uploads.FindAsync(platformId, [sha256], cancellationToken)).Values.FirstOrDefault();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long received = 0;
        var writer = existing is null ? await uploads.BeginAsync(platformId, sha256, cancellationToken) : null;
        try
        {
            while (await requests.MoveNext(cancellationToken))
            {
                var part = requests.Current;
                if (part.PartCase != UploadAttachmentRequest.PartOneofCase.Chunk)
                {
                    GrpcErrors.ThrowInvalidArgument("header", "only the first message of an upload is a header; every later one is a chunk");
                }

                var chunk = part.Chunk.Memory;
                if (chunk.Length is 0 or > D.AttachmentRules.MaxUploadChunkBytes)
                {
                    GrpcErrors.ThrowInvalidArgument("chunk", $"must be 1 to {D.AttachmentRules.MaxUploadChunkBytes} bytes (has {chunk.Length})");
                }

                received += chunk.Length;
                if (received > header.SizeBytes)
                {
                    // Refused at once: a caller cannot get past the court's limit by declaring less.
                    throw Mismatch("header.size_bytes", $"more bytes were sent than the {header.SizeBytes} declared");
                }

                hash.AppendData(chunk.Span);
                if (writer is not null)
                {
                    try
                    {
                        await writer.WriteAsync(chunk, cancellationToken);
                    }
                    catch (Exception ex) when (UploadWriter.IsAlreadyStored(ex))
                    {
                        // The same file committed by another call meanwhile: check these bytes, answer with it.
                        await writer.DisposeAsync();
                        writer = null;
                    }
                }
            }

            if (received != header.SizeBytes)
            {
                throw Mismatch("header.size_bytes", $"{received} bytes were sent, {header.SizeBytes} declared");
            }

            if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), sha256))
            {
                throw Mismatch("header.sha256", "the bytes sent do not hash to the declared SHA-256");
            }

            if (writer is not null)
            {
                try
                {
                    if (await writer.CompleteAsync(header.SizeBytes, header.FileName, header.MediaType, header.CourtCode, cancellationToken))
                    {
                        existing = null;
                    }
                }
                catch (Exception ex) when (UploadWriter.IsAlreadyStored(ex))
                {
                }
            }

            var stored = existing ?? (await uploads.FindAsync(platformId, [sha256], cancellationToken)).Values.FirstOrDefault()
                ?? throw new InvalidOperationException("an upload committed but cannot be read back");
            return ToProto(stored);
        }
        finally
        {
            if (writer is not null)
            {
                // Rolls back whatever was written unless it committed.
                await writer.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Streams the file, one stored chunk per message; NOT_FOUND when the caller may not see it.
    /// </summary>
    public async Task DownloadAsync(Abstractions.Actor caller, DownloadAttachmentRequest request, IServerStreamWriter<DownloadAttachmentResponse> responses,
        ServerCallContext context)
    {
        var violations = new List<(string, string)>();
        var sha256 = request.Sha256.ToByteArray();
        if (sha256.Length != D.AttachmentRules.Sha256Length)
        {
            violations.Add(("sha256", $"must be exactly {D.AttachmentRules.Sha256Length} bytes (has {sha256.Length})"));
        }

        Guid? applicationId = null;
        if (request.ApplicationId.Length > 0 && Guid.TryParseExact(request.ApplicationId, "D", out var id))
        {
            applicationId = id;
        }
        else if (request.ApplicationId.Length > 0 || caller.Kind == D.ActorKind.Court)
        {
            violations.Add(("application_id", caller.Kind == D.ActorKind.Court && request.ApplicationId.Length == 0
                ? "is required: a court downloads what an application filed with it references"
                : "must be a UUID such as 0190b2a4-7c1e-7d3a-9f51-2c6a1e0b9d47"));
        }

        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations);
        }

        var file = await uploads.FindDownloadableAsync(caller.Kind, caller.Id, sha256, applicationId, context.CancellationToken)
            ?? throw GrpcErrors.NotFound("attachment", Convert.ToHexStringLower(sha256));
        var buffer = ArrayPool<byte>.Shared.Rent(AttachmentUploads.ChunkBytes);
        try
        {
            for (var index = 0; index < file.ChunkCount; index++)
            {
                var length = await uploads.ReadChunkAsync(file, index, buffer, context.CancellationToken);
                // The pooled buffer wrapped, not copied: the message is serialised before WriteAsync returns.
                var response = new DownloadAttachmentResponse { Chunk = UnsafeByteOperations.UnsafeWrap(buffer.AsMemory(0, length)) };
                if (index == 0)
                {
                    response.Attachment = ToProto(file);
                }

                await responses.WriteAsync(response, context.CancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static UploadedAttachment ToProto(UploadedFile file) => new()
    {
        Sha256 = ByteString.CopyFrom(file.Sha256),
        SizeBytes = file.SizeBytes,
        FileName = file.FileName,
        MediaType = file.MediaType,
        CourtCode = file.CourtCode,
        UploadTime = Timestamp.FromDateTimeOffset(file.UploadedAt),
    };

    private static RpcException Mismatch(string field, string description) =>
        GrpcErrors.Create(StatusCode.InvalidArgument, D.ErrorReason.AttachmentMismatch, $"{field}: {description}; nothing was stored",
            badRequest: Violation(field, description));

    private static BadRequest Violation(string field, string description) =>
        new() { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = description } } };
}
