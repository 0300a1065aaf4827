using System.Globalization;

namespace Exchange.Abstractions;

/// <summary>
/// A clock that runs at real speed but shifted by an offset read from a file (a number of seconds,
/// re-read whenever the file changes). Only for tests that must move the hub's time across
/// statutory deadlines while silo and gateway run as separate processes (Exchange:ClockFile);
/// never configured in production, where the system clock is used.
/// </summary>
public sealed class ShiftedClock(string offsetFile) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTime seenWrite;
    private TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + CurrentOffset();

    private TimeSpan CurrentOffset()
    {
        var written = File.Exists(offsetFile) ? File.GetLastWriteTimeUtc(offsetFile) : DateTime.MinValue;
        lock (gate)
        {
            if (written != seenWrite)
            {
                seenWrite = written;
                var text = written == DateTime.MinValue ? "" : File.ReadAllText(offsetFile).Trim();
                offset = text.Length == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));
            }

            return offset;
        }
    }

    /// <summary>
    /// The service key of the hub's legal clock: the time of receipts, events and statutory
    /// deadlines (<c>[FromKeyedServices(ShiftedClock.LegalClock)] TimeProvider</c>). Only that clock
    /// is shifted. The unkeyed TimeProvider stays the system clock, because Orleans takes it for
    /// membership (a silo's start and I-am-alive times): a silo started a day ahead looked a day
    /// stale to the cluster and was declared dead.
    /// </summary>
    public const string LegalClock = "exchange:legal-clock";

    /// <summary>The system clock, or a <see cref="ShiftedClock"/> when <paramref name="offsetFile"/> is set.</summary>
    public static TimeProvider For(string? offsetFile) => string.IsNullOrWhiteSpace(offsetFile) ? System : new ShiftedClock(offsetFile);
}
