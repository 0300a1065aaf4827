namespace Exchange.Domain;

/// <summary>
/// Length limits of the proto comments, counted in Unicode code points (common.proto: "limits are in
/// Unicode characters"), so a CJK name in the astral planes counts one per character, not two.
/// </summary>
public static class TextLimits
{
    /// <summary>The number of code points in <paramref name="value"/>; an unpaired surrogate counts as one.</summary>
    public static int CodePoints(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>
    /// Checks a required text of <paramref name="min"/>–<paramref name="max"/> characters. Blank text
    /// (only white space or invisible characters, <see cref="FreeText.IsInvisible"/>) counts as
    /// missing: a name or address of spaces identifies nothing.
    /// </summary>
    /// <returns>Why the value is invalid, or null.</returns>
    public static string? Required(string? value, int max, int min = 1) =>
        !FreeText.HasVisible(value) ? "is required" : Length(value!, min, max);

    /// <summary>Checks an optional text: empty is fine, otherwise at most <paramref name="max"/> characters.</summary>
    public static string? Optional(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : Length(value, 0, max);

    private static string? Length(string value, int min, int max)
    {
        var length = CodePoints(value);
        return length > max ? $"must be at most {max} characters (has {length})"
            : length < min ? $"must be at least {min} characters (has {length})"
            : null;
    }
}

/// <summary>The platform's case id: 1–64 characters from A–Z, a–z, 0–9 and ".-_:/" (filing.proto).</summary>
public static class PlatformCaseId
{
    /// <summary>Maximum length.</summary>
    public const int MaxLength = 64;

    /// <summary>Why <paramref name="value"/> is not a valid platform case id, or null.</summary>
    public static string? Check(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "is required";
        }

        if (value.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters (has {value.Length})";
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_' or ':' or '/'))
            {
                return "may contain only A–Z, a–z, 0–9 and . - _ : /";
            }
        }

        return null;
    }
}

/// <summary>A phone number: 5–20 characters of digits, spaces, '+' and '-' (common.proto).</summary>
public static class PhoneNumber
{
    /// <summary>Why <paramref name="value"/> is not a valid phone number, or null. Empty is valid unless <paramref name="required"/>.</summary>
    public static string? Check(string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? "is required" : null;
        }

        if (value.Length is < 5 or > 20)
        {
            return $"must be 5–20 characters (has {value.Length})";
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (' ' or '+' or '-'))
            {
                return "may contain only digits, spaces, '+' and '-'";
            }
        }

        return null;
    }
}

/// <summary>Enum fields: the zero value (UNSPECIFIED) and numbers the proto does not define are never valid.</summary>
public static class EnumRules
{
    /// <summary>Why <paramref name="value"/> is not a valid choice, or null.</summary>
    public static string? Check<T>(T value)
        where T : struct, Enum =>
        EqualityComparer<T>.Default.Equals(value, default) ? "is required"
        : Enum.IsDefined(value) ? null
        : $"{value:D} is not a known value";
}

/// <summary>
/// Instants a platform reports (consent, agreement effect) must not lie in the future. A tolerance of
/// five minutes absorbs clock skew between the platform and the hub.
/// </summary>
public static class ClockSkew
{
    /// <summary>How far ahead of the hub's clock a reported instant may be.</summary>
    public static TimeSpan Tolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether <paramref name="instant"/> is in the future beyond the tolerance.</summary>
    public static bool IsInFuture(DateTimeOffset instant, DateTimeOffset now) => instant > now + Tolerance;
}
