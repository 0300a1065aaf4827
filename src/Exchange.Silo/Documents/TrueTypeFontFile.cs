using System.Buffers.Binary;

namespace Exchange.Silo.Documents;

/// <summary>
/// Reads the font file documents are set in: a TrueType font (.ttf) or the first font of a TrueType
/// collection (.ttc, as Debian's fonts-wqy-microhei ships it). PDFsharp 6 reads single fonts only,
/// and TrueType outlines only: a collection's font is copied out into a font file of its own (the
/// same tables, their offsets moved), and a font with PostScript (CFF) outlines is refused.
/// </summary>
public static class TrueTypeFontFile
{
    private const uint Collection = 0x74746366; // "ttcf"
    private const uint TrueTypeOutlines = 0x00010000;
    private const uint AppleTrueType = 0x74727565; // "true"
    private const uint CffOutlines = 0x4F54544F; // "OTTO"

    /// <summary>The bytes of one TrueType font from <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the problem.</summary>
    public static byte[] Load(string path)
    {
        var file = File.ReadAllBytes(path);
        return Extract(file, path);
    }

    /// <summary>One TrueType font out of <paramref name="file"/> (the first, in a collection).</summary>
    public static byte[] Extract(byte[] file, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length < 12)
        {
            throw new InvalidDataException($"{path} is not a font file (too short)");
        }

        var tag = BinaryPrimitives.ReadUInt32BigEndian(file);
        if (tag is TrueTypeOutlines or AppleTrueType)
        {
            return file;
        }

        if (tag == CffOutlines)
        {
            throw new InvalidDataException($"{path} has PostScript (CFF) outlines, which PDFsharp cannot embed: use a TrueType font such as Debian's fonts-wqy-microhei");
        }

        if (tag != Collection)
        {
            throw new InvalidDataException($"{path} is not a TrueType font or collection");
        }

        try
        {
            return First(file, path);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"{path}: the font collection is truncated");
        }
    }

    private static byte[] First(byte[] file, string path)
    {
        var s = file.AsSpan();
        var offset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(s[12..]));
        if (BinaryPrimitives.ReadUInt32BigEndian(s[offset..]) is not (TrueTypeOutlines or AppleTrueType))
        {
            throw new InvalidDataException($"{path}: the collection's first font has no TrueType outlines");
        }

        int tables = BinaryPrimitives.ReadUInt16BigEndian(s[(offset + 4)..]);
        var directory = 12 + (16 * tables);
        var total = directory;
        for (var t = 0; t < tables; t++)
        {
            total += Padded(TableLength(s, offset, t));
        }

        var font = new byte[total];
        s.Slice(offset, directory).CopyTo(font);
        var at = directory;
        for (var t = 0; t < tables; t++)
        {
            var entry = offset + 12 + (16 * t);
            var tableOffset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(s[(entry + 8)..]));
            var length = TableLength(s, offset, t);
            s.Slice(tableOffset, length).CopyTo(font.AsSpan(at));
            // Each table's checksum covers the table alone, so it stays valid where the table moves.
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + (16 * t) + 8), (uint)at);
            at += Padded(length);
        }

        return font;
    }

    private static int TableLength(ReadOnlySpan<byte> s, int offset, int table) =>
        checked((int)BinaryPrimitives.ReadUInt32BigEndian(s[(offset + 12 + (16 * table) + 12)..]));

    // Tables start on 4-byte boundaries.
    private static int Padded(int length) => (length + 3) & ~3;
}
