using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Exchange.Domain;

/// <summary>A signature or seal on an attachment. Mirrors exchange.v1.Signature.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.Signature")]
public sealed record Signature
{
    /// <summary>Who signed or sealed, 1–200 characters.</summary>
    [Id(0)] public string Signer { get; init; } = "";

    /// <summary>When; null when not given.</summary>
    [Id(1)] public DateTimeOffset? SignedTime { get; init; }

    /// <summary>Kind of mark, e.g. "e-signature", "seal", "fingerprint"; 1–32 characters.</summary>
    [Id(2)] public string Method { get; init; } = "";
}

/// <summary>A file filed with the application. Mirrors exchange.v1.Attachment.</summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.Attachment")]
public sealed record Attachment
{
    /// <summary>What the file is.</summary>
    [Id(0)] public AttachmentKind Kind { get; init; }

    /// <summary>File name as the platform knows it, 1–255 characters.</summary>
    [Id(1)] public string FileName { get; init; } = "";

    /// <summary>IANA media type, 3–127 characters.</summary>
    [Id(2)] public string MediaType { get; init; } = "";

    /// <summary>Size of the file in bytes, 1 to 20 MiB.</summary>
    [Id(3)] public long SizeBytes { get; init; }

    /// <summary>SHA-256 of the file, exactly 32 bytes. Treat as read-only.</summary>
    [Id(4)] public byte[] Sha256 { get; init; } = [];

    /// <summary>
    /// The file itself when sent inline (at most 1 MiB); null (or empty) when the platform keeps
    /// the file. Carried to grains by Orleans but never written into JSON state: contents are
    /// stored apart from the application, and the canonical payload hash excludes them.
    /// </summary>
    [Id(5), JsonIgnore] public byte[]? Content { get; init; }

    /// <summary>Index into the party list of the party it belongs to; null or -1 for none.</summary>
    [Id(6)] public int? PartyIndex { get; init; }

    /// <summary>Signatures and seals on the file, at most 20. Never default.</summary>
    [Id(7)]
    public ImmutableArray<Signature> Signatures { get => field.IsDefault ? [] : field; init; } = [];

    /// <summary>
    /// True when the file is one the platform uploaded (UploadAttachment) and is referenced here by
    /// <see cref="Sha256"/>. Omitted from stored JSON when false, so states written before it read the same.
    /// </summary>
    [Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool Uploaded { get; init; }
}
