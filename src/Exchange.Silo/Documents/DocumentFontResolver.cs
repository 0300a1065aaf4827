using PdfSharp.Fonts;

namespace Exchange.Silo.Documents;

/// <summary>
/// PDFsharp's font resolver for the hub's documents: every typeface asked for is the one CJK font
/// of <c>Exchange:DocumentFontFile</c> (PDFsharp's own resolver finds no fonts on Linux).
/// </summary>
public sealed class DocumentFontResolver(byte[] font) : IFontResolver
{
    /// <summary>The family name documents ask for.</summary>
    public const string Family = "ExchangeDocument";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Bold is simulated: the font has one weight, and a title in it must not fall back to another font.
        new(Family, bold, false);

    public byte[]? GetFont(string faceName) => font;
}
