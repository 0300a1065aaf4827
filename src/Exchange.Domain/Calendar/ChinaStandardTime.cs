namespace Exchange.Domain;

/// <summary>
/// China Standard Time (北京时间), UTC+08:00 all year: China has observed no daylight saving since
/// 1991, so a fixed offset is exact for every instant the hub will see and needs no time-zone data.
/// Courts count dates in it (common.proto conventions).
/// </summary>
public static class ChinaStandardTime
{
    /// <summary>The offset from UTC.</summary>
    public static TimeSpan Offset { get; } = TimeSpan.FromHours(8);

    /// <summary>The calendar day in China on which <paramref name="instant"/> falls.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The instant 00:00 CST of <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}
