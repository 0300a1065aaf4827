namespace Exchange.Domain;

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
/// <see cref="Alphabet"/>, the last a check character. A malformed code is a field violation; a
/// well-formed code whose check character does not match is only a warning, because some early
/// pilot codes fail the check (DOMAIN.md §5).
/// </summary>
public static class UnifiedSocialCreditCode
{
    /// <summary>The characters in value order: digits and A–Y without I, O, S, V, Z.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Length of a code.</summary>
    public const int Length = 18;

    // 3^i mod 31 for i = 0..16.
    private static ReadOnlySpan<int> Weights => [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Why <paramref name="code"/> is not a well-formed code, or null (the checksum is not checked here).</summary>
    public static string? CheckFormat(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "is required";
        }

        if (code.Length != Length)
        {
            return $"a unified social credit code has 18 characters (has {TextLimits.CodePoints(code)})";
        }

        for (var i = 0; i < code.Length; i++)
        {
            if (!Alphabet.Contains(code[i], StringComparison.Ordinal))
            {
                return $"character {i + 1} ('{code[i]}') is not allowed: use 0–9 and upper-case A–Y without I, O, S, V, Z";
            }
        }

        return null;
    }

    /// <summary>The check character for the first 17 characters.</summary>
    /// <exception cref="ArgumentException">Not 17 characters of <see cref="Alphabet"/>.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Expected 17 characters.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not in the GB 32100 character set.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Whether a well-formed code's check character matches (see <see cref="CheckFormat"/>).</summary>
    public static bool HasValidChecksum(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return CheckFormat(code) is null && ComputeCheckCharacter(code.AsSpan(0, 17)) == code[17];
    }
}
