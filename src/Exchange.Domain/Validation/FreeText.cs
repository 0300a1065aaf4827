using System.Globalization;
using System.Text;

namespace Exchange.Domain;

/// <summary>
/// The rule for every free-text field of every request (common.proto, "Text"): text must be
/// something PostgreSQL can store and a person can read. Refused: control characters (C0, DEL and
/// C1 — NUL above all, which PostgreSQL's text and jsonb cannot hold), except the line breaks and
/// tabs of a field that documents them; and text that is empty once invisible characters are
/// removed (a lone BOM as a party's name identifies nobody; white space alone is left to the
/// field's own rule, which calls a required field missing). Accepted text is stored in
/// Unicode normalisation form C, so that the same name typed on two keyboards is one name.
/// </summary>
/// <remarks>
/// Invisible characters inside visible text (a zero-width joiner in an emoji, the right-to-left
/// mark of a Uyghur name) are kept: the scripts of the courts' parties need some of them.
/// </remarks>
public static class FreeText
{
    /// <summary>
    /// Checks <paramref name="value"/> and gives its NFC form in <paramref name="normalized"/>
    /// (the value itself when it is refused or already normal).
    /// </summary>
    /// <param name="lineBreaks">Whether the field documents line breaks: LF, CR, TAB, U+2028 and U+2029 are then allowed.</param>
    /// <returns>Why the value is refused, or null. Empty or white-space text is not refused here (required fields say so themselves).</returns>
    public static string? Check(string value, bool lineBreaks, out string normalized)
    {
        ArgumentNullException.ThrowIfNull(value);
        normalized = value;
        if (value.Length == 0)
        {
            return null;
        }

        var visible = false;
        var hidden = false;
        var position = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsControl(rune) && !(lineBreaks && rune.Value is '\n' or '\r' or '\t'))
            {
                return $"must not contain control characters (U+{rune.Value:X4} at character {position + 1})";
            }

            if (rune.Value is 0x2028 or 0x2029 && !lineBreaks)
            {
                return $"must be a single line (U+{rune.Value:X4} at character {position + 1})";
            }

            if (rune == Rune.ReplacementChar && HasUnpairedSurrogate(value))
            {
                return "is not valid Unicode (an unpaired surrogate)";
            }

            visible |= !IsInvisible(rune);
            hidden |= !Rune.IsWhiteSpace(rune);
            position++;
        }

        // Text of white space alone is left to the field's own rule (a required field calls it missing).
        if (!visible && hidden)
        {
            return "has no visible character (only white space or invisible characters such as U+FEFF, zero-width spaces or direction marks)";
        }

        if (!value.IsNormalized(NormalizationForm.FormC))
        {
            normalized = value.Normalize(NormalizationForm.FormC);
        }

        return null;
    }

    /// <summary>Whether <paramref name="value"/> has a character a reader can see (see <see cref="IsInvisible"/>).</summary>
    public static bool HasVisible(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var rune in value.EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// White space, format characters (Unicode category Cf: BOM, zero-width space and joiners, the
    /// bidirectional marks, embeddings, overrides and isolates, soft hyphen, tags), control
    /// characters, variation selectors, the combining grapheme joiner and the Hangul fillers.
    /// </summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.IsWhiteSpace(rune)
        || Rune.IsControl(rune)
        || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
        || rune.Value is 0x034F or 0x115F or 0x1160 or 0x3164 or 0xFFA0
            or >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF;

    // EnumerateRunes yields U+FFFD for an unpaired surrogate; a real U+FFFD is fine.
    private static bool HasUnpairedSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}
