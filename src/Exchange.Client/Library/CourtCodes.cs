namespace Exchange.Client;

/// <summary>The shape of a court code such as "新0102" (DOMAIN.md §6).</summary>
/// <remarks>
/// Only the shape is checked here: the hub's court registry decides which codes exist. The
/// 2015 case-number rules (法〔2015〕137号) give each court a code of its province-level
/// abbreviation and the administrative division digits: 2 for an intermediate court, 4 for a
/// basic court. The high courts (a bare abbreviation) and the Supreme People's Court do not take
/// filings through the hub and are not accepted.
/// </remarks>
public static class CourtCodes
{
    /// <summary>
    /// The abbreviations of the 31 province-level divisions of the mainland, and 兵 for the courts
    /// of the Xinjiang Production and Construction Corps, which the same rules number apart.
    /// </summary>
    public const string ProvinceAbbreviations = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新兵";

    /// <summary>Whether <paramref name="code"/> is an abbreviation followed by exactly 2 or 4 ASCII digits.</summary>
    public static bool IsWellFormed(string? code)
    {
        if (code is null || (code.Length != 3 && code.Length != 5))
        {
            return false;
        }

        return ProvinceAbbreviations.Contains(code[0], StringComparison.Ordinal)
            && code.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
    }
}
