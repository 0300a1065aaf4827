using System.Globalization;
using System.Text;

namespace Exchange.Domain;

/// <summary>
/// Amounts and dates as a court's documents write them: money in figures and in capital numerals
/// (大写, as the People's Bank's payment rules require for amounts on financial documents, so that a
/// figure cannot be altered unnoticed), dates in Chinese numerals (二〇二六年十二月六日).
/// </summary>
public static class ChineseText
{
    private const string CapitalDigits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] CapitalUnits = ["", "拾", "佰", "仟"];
    private static readonly string[] GroupUnits = ["", "万", "亿", "万亿", "亿亿"];
    private const string DateDigits = "〇一二三四五六七八九";

    /// <summary>An amount in fen in figures, yuan with two decimals and thousands separators: 12,345.67.</summary>
    public static string Yuan(long fen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fen);
        return (fen / 100).ToString("N0", CultureInfo.InvariantCulture) + "." + (fen % 100).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>An amount in fen in capital numerals: 壹万贰仟叁佰肆拾伍元陆角柒分, 壹佰元整, 零元整.</summary>
    public static string CapitalYuan(long fen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fen);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);
        var text = new StringBuilder();
        if (yuan > 0 || (jiao == 0 && cents == 0))
        {
            text.Append(Integer(yuan)).Append('元');
        }

        if (jiao == 0 && cents == 0)
        {
            return text.Append('整').ToString();
        }

        if (jiao > 0)
        {
            text.Append(CapitalDigits[jiao]).Append('角');
        }
        else if (yuan > 0)
        {
            // 壹元零伍分: the missing jiao is read as a zero.
            text.Append('零');
        }

        if (cents > 0)
        {
            text.Append(CapitalDigits[cents]).Append('分');
        }

        return text.ToString();
    }

    /// <summary>A whole number in capital numerals, grouped by 万 and 亿: 100500 → 壹拾万零伍佰.</summary>
    private static string Integer(long value)
    {
        if (value == 0)
        {
            return "零";
        }

        var groups = new List<int>();
        for (var rest = value; rest > 0; rest /= 10_000)
        {
            groups.Add((int)(rest % 10_000));
        }

        var text = new StringBuilder();
        var zeroPending = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            if (group == 0)
            {
                zeroPending |= text.Length > 0;
                continue;
            }

            // A skipped group, or a group with leading zeros after a higher one, is read with one 零.
            if (text.Length > 0 && (zeroPending || group < 1000))
            {
                text.Append('零');
            }

            text.Append(Group(group)).Append(GroupUnits[g]);
            zeroPending = false;
        }

        return text.ToString();
    }

    private static string Group(int value)
    {
        var text = new StringBuilder();
        var zeroPending = false;
        for (var position = 3; position >= 0; position--)
        {
            var digit = value / (int)Math.Pow(10, position) % 10;
            if (digit == 0)
            {
                zeroPending |= text.Length > 0;
                continue;
            }

            if (zeroPending)
            {
                text.Append('零');
                zeroPending = false;
            }

            text.Append(CapitalDigits[digit]).Append(CapitalUnits[position]);
        }

        return text.ToString();
    }

    /// <summary>A date as a court's document dates it: 二〇二六年十二月六日.</summary>
    public static string Date(DateOnly day)
    {
        var text = new StringBuilder();
        foreach (var c in day.Year.ToString(CultureInfo.InvariantCulture))
        {
            text.Append(DateDigits[c - '0']);
        }

        return text.Append('年').Append(Numeral(day.Month)).Append('月').Append(Numeral(day.Day)).Append('日').ToString();
    }

    /// <summary>0–99 in small numerals (六, 十, 十二, 二十, 三十一); from 100 on in figures.</summary>
    public static string Numeral(int value) => value switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(value), value, "must not be negative"),
        < 10 => DateDigits[value].ToString(),
        10 => "十",
        < 20 => "十" + DateDigits[value - 10],
        < 100 => DateDigits[value / 10] + "十" + (value % 10 == 0 ? "" : DateDigits[value % 10].ToString()),
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
