using System.Collections.Frozen;

namespace Exchange.Domain;

/// <summary>
/// The format of a court code (法院代字, 法〔2015〕137号): a provincial abbreviation followed by 2
/// digits (intermediate court) or 4 digits (basic court), following the division code. The high
/// courts' bare abbreviation is not accepted: no high court files or receives through the hub.
/// </summary>
public static class CourtCode
{
    /// <summary>
    /// The 31 provincial-level abbreviations of the mainland (省级行政区简称), and 兵 for the courts of
    /// the Xinjiang Production and Construction Corps (新疆生产建设兵团), which the same rules number
    /// apart (e.g. 兵01 for an intermediate court of the Corps).
    /// </summary>
    public const string ProvinceAbbreviations = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼兵";

    private static readonly FrozenSet<char> Provinces = ProvinceAbbreviations.ToFrozenSet();

    /// <summary>Whether <paramref name="code"/> has the form of a court code.</summary>
    public static bool IsWellFormed(string? code) => LevelOf(code) != CourtLevel.Unspecified;

    /// <summary>The level the code's form implies, or Unspecified when it is malformed.</summary>
    public static CourtLevel LevelOf(string? code)
    {
        if (code is null || code.Length is not (3 or 5) || !Provinces.Contains(code[0]))
        {
            return CourtLevel.Unspecified;
        }

        foreach (var c in code.AsSpan(1))
        {
            if (!char.IsAsciiDigit(c))
            {
                return CourtLevel.Unspecified;
            }
        }

        return code.Length == 3 ? CourtLevel.Intermediate : CourtLevel.Basic;
    }

    /// <summary>Why <paramref name="code"/> is not a court code, or null when it is well-formed.</summary>
    public static string? CheckFormat(string? code) =>
        string.IsNullOrEmpty(code) ? "is required"
        : IsWellFormed(code) ? null
        : $"'{code}' is not a court code: a provincial abbreviation followed by 2 digits (intermediate court) or 4 digits (basic court), e.g. 新0102";
}
