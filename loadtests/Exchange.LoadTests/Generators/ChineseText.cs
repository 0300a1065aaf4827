using System.Globalization;

namespace Exchange.LoadTests.Generators;

/// <summary>
/// Plausible Chinese names, addresses and texts for generated applications: realistic lengths and
/// character mixes (Han and Uyghur names, as in Urumqi) keep payload sizes and hashing costs honest.
/// </summary>
public static class ChineseText
{
    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "梁", "郑", "宋", "韩", "冯", "欧阳", "司马"];

    private static readonly string[] MaleGiven =
        ["伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "建国", "志强", "海波", "文博", "子轩", "浩然", "国庆", "振华"];

    private static readonly string[] FemaleGiven =
        ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "婷", "雪", "秀英", "桂兰", "玉梅", "欣怡", "梓涵", "雨桐", "红梅", "晓燕"];

    private static readonly string[] UyghurMale =
        ["艾力", "买买提", "阿不都", "艾合买提", "吐尔逊", "玉素甫", "努尔", "阿里木", "热合曼", "依明"];

    private static readonly string[] UyghurFemale =
        ["阿依古丽", "古丽娜尔", "帕提曼", "热孜宛古丽", "米热古丽", "阿孜古丽", "努尔尼沙", "帕丽达"];

    private static readonly string[] Roads =
        ["解放北路", "解放南路", "中山路", "人民路", "新华北路", "光明路", "友好北路", "扬子江路", "北京南路", "河北东路", "西虹东路", "红光山路", "南湖东路", "克拉玛依西路", "钱塘江路"];

    private static readonly string[] Compounds =
        ["幸福小区", "阳光花园", "天山雅居", "博格达小区", "南湖名都", "绿城广场", "丝路佳苑", "金色家园"];

    private static readonly string[] TradeNames =
        ["天山", "博格达", "丝路", "昆仑", "雪莲", "金桥", "恒达", "华源", "西域", "亚欧", "新乐", "瑞丰", "通达", "盛世"];

    private static readonly string[] Industries =
        ["商贸", "建筑工程", "物流", "餐饮管理", "农业开发", "科技", "房地产开发", "汽车销售", "建材", "劳务", "物业服务", "小额贷款"];

    private static readonly string[] CompanyForms = ["有限公司", "有限责任公司", "股份有限公司"];

    /// <summary>A person's name of the given sex: mostly Han, about one in four Uyghur.</summary>
    public static string PersonName(Random random, bool male)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (random.Next(4) == 0)
        {
            var given = Pick(random, male ? UyghurMale : UyghurFemale);
            return given + "·" + Pick(random, UyghurMale);
        }

        return Pick(random, Surnames) + Pick(random, male ? MaleGiven : FemaleGiven);
    }

    /// <summary>A company's registered name in the district.</summary>
    public static string CompanyName(Random random, string district)
    {
        ArgumentNullException.ThrowIfNull(random);
        var city = district.EndsWith("市", StringComparison.Ordinal) ? district : "乌鲁木齐";
        return city.TrimEnd('市') + Pick(random, TradeNames) + Pick(random, Industries) + Pick(random, CompanyForms);
    }

    /// <summary>A street address in the district.</summary>
    public static string Address(Random random, string district)
    {
        ArgumentNullException.ThrowIfNull(random);
        var prefix = district.EndsWith("市", StringComparison.Ordinal) ? "新疆维吾尔自治区" + district : "新疆维吾尔自治区乌鲁木齐市" + district;
        var number = random.Next(1, 899).ToString(CultureInfo.InvariantCulture);
        return random.Next(3) == 0
            ? prefix + Pick(random, Roads) + number + "号"
            : prefix + Pick(random, Roads) + number + "号" + Pick(random, Compounds) + random.Next(1, 30).ToString(CultureInfo.InvariantCulture)
                + "栋" + random.Next(1, 6).ToString(CultureInfo.InvariantCulture) + "单元" + random.Next(101, 2803).ToString(CultureInfo.InvariantCulture) + "室";
    }

    /// <summary>A mobile number (13x–19x) or an Urumqi landline.</summary>
    public static string Phone(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(5) == 0
            ? "0991-" + random.Next(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture)
            : "1" + random.Next(3, 10).ToString(CultureInfo.InvariantCulture) + random.Next(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
    }

    /// <summary>Amount in yuan as Chinese legal documents write it, e.g. "12,500.00元".</summary>
    public static string Yuan(long fen) =>
        (fen / 100m).ToString("#,0.00", CultureInfo.InvariantCulture) + "元";

    /// <summary>One item of a list, uniformly.</summary>
    public static T Pick<T>(Random random, IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(items);
        return items[random.Next(items.Count)];
    }
}
