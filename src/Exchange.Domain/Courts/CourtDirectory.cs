namespace Exchange.Domain;

/// <summary>
/// The courts and the holiday calendar as the hub knows them at one moment. A call reads one
/// snapshot and uses it throughout, so that its validation and its deadlines agree.
/// </summary>
public sealed record CourtsAndCalendar(CourtRegistry Courts, HolidayCalendar Calendar)
{
    /// <summary>The sample set (the Urumqi courts, the embedded years): what a new hub's database is seeded with.</summary>
    public static CourtsAndCalendar Sample() => new(CourtRegistry.LoadSample(), HolidayCalendar.LoadEmbedded());
}

/// <summary>
/// Where the silo and the gateway read the current courts and calendar. The hub's is loaded from
/// the database and replaced when an operator changes them; read <see cref="Current"/> per call,
/// never keep it.
/// </summary>
public interface ICourtDirectory
{
    CourtsAndCalendar Current { get; }
}

/// <summary>A directory that never changes (unit tests, tools).</summary>
public sealed class FixedCourtDirectory(CourtsAndCalendar current) : ICourtDirectory
{
    public CourtsAndCalendar Current { get; } = current;
}
