namespace Exchange.Domain;

/// <summary>
/// The 30-day window for filing a judicial confirmation (MSL23 art 205; PML art 33), counted per
/// MSL23 art 85: the day the agreement took effect is not counted, and a last day that is a rest
/// day moves to the next working day.
/// </summary>
public static class FilingWindow
{
    /// <summary>Length of the window in days.</summary>
    public const int Days = 30;

    /// <summary>
    /// The filing deadline for an agreement that took effect at <paramref name="effectiveTime"/>:
    /// the CST day of that instant plus 30 days, moved forward to a working day, closing at the
    /// end (24:00 CST) of that day.
    /// </summary>
    public static Deadline Compute(DateTimeOffset effectiveTime, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);

        // The start day is not counted, so day 30 is start + 30.
        var day = ChinaStandardTime.DateOf(effectiveTime).AddDays(Days);
        var provisional = !calendar.HasYear(day.Year);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
            provisional |= !calendar.HasYear(day.Year);
        }

        return new Deadline(day, ChinaStandardTime.StartOf(day.AddDays(1)), provisional);
    }

    /// <summary>Whether a filing received at <paramref name="now"/> is past the deadline.</summary>
    public static bool IsExpired(Deadline deadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return now >= deadline.ClosesAt;
    }
}
