namespace Exchange.Domain;

/// <summary>
/// The PRC resident identity card number (公民身份号码, GB 11643-1999): 6-digit address code,
/// 8-digit birth date (yyyyMMdd), 3-digit sequence and a check character.
/// </summary>
/// <remarks>
/// A lower-case 'x' is refused rather than normalised: the standard writes the check value 10 as
/// the Roman numeral X, and accepting both spellings would give one person two identity strings in
/// stored applications, payload hashes and the court's own systems. The platform is told to send 'X'.
/// </remarks>
public static class ResidentId
{
    /// <summary>The check character for each value of (weighted sum mod 11).</summary>
    public const string CheckCharacters = "10X98765432";

    /// <summary>Earliest birth date accepted.</summary>
    public static DateOnly EarliestBirthDate { get; } = new(1900, 1, 1);

    private static ReadOnlySpan<int> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The check character for the first 17 digits.</summary>
    /// <exception cref="ArgumentException">Not exactly 17 ASCII digits.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17 || first17.ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("Expected 17 digits.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// Why <paramref name="number"/> is not a valid resident ID card number, or null. The birth date
    /// must be real, not before 1900 and not after <paramref name="today"/> (China Standard Time).
    /// </summary>
    public static string? Check(string? number, DateOnly today)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "is required";
        }

        if (number.Length != 18)
        {
            return $"a resident ID card number has 18 characters (has {number.Length})";
        }

        var first17 = number.AsSpan(0, 17);
        if (first17.ContainsAnyExceptInRange('0', '9'))
        {
            return "the first 17 characters of a resident ID card number must be digits";
        }

        var last = number[17];
        if (last == 'x')
        {
            return "the check character must be an upper-case 'X'";
        }

        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            return "the last character of a resident ID card number must be a digit or 'X'";
        }

        if (!DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", out var birth))
        {
            return $"embeds {number.Substring(6, 8)}, which is not a real birth date";
        }

        if (birth < EarliestBirthDate)
        {
            return $"embeds the birth date {birth:yyyy-MM-dd}, before 1900";
        }

        if (birth > today)
        {
            return $"embeds the birth date {birth:yyyy-MM-dd}, which is in the future";
        }

        var expected = ComputeCheckCharacter(first17);
        return last == expected ? null : $"fails the GB 11643 check: the check character should be '{expected}', not '{last}'";
    }
}
