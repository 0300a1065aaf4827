using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using GoogleDate = Google.Type.Date;

namespace Exchange.Cli;

/// <summary>
/// Moves the dates of a sample application to the present, so a judicial confirmation stays
/// inside its 30-day filing window (MSL23 art 205) whenever the sample is run.
/// </summary>
internal static class SampleDates
{
    /// <summary>Court dates are read in China Standard Time, which has no daylight saving.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>
    /// Hub clocks and the caller's are never exactly in step, and a consent time "in the future"
    /// is refused; stamping a minute in the past keeps a fast local clock from failing the sample.
    /// </summary>
    public static readonly TimeSpan ClockSkewMargin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Sets the agreement's signing date and the mediation's start and end dates to today (CST),
    /// the agreement's effective time and the consent time to now, and moves item due dates by as
    /// many days as the signing date moved, so they keep their distance from it.
    /// </summary>
    public static void Refresh(SubmitApplicationRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instant = now - ClockSkewMargin;
        // "Today" is taken from the same instant, so effective_time is never before signed_date.
        var today = DateOnly.FromDateTime(instant.ToOffset(ChinaStandardTime).DateTime);
        var timestamp = Timestamp.FromDateTimeOffset(instant);

        var (mediation, agreement) = request.ApplicationCase switch
        {
            SubmitApplicationRequest.ApplicationOneofCase.JudicialConfirmation =>
                (request.JudicialConfirmation.Mediation, request.JudicialConfirmation.Agreement),
            SubmitApplicationRequest.ApplicationOneofCase.MediationDocument =>
                (request.MediationDocument.Mediation, request.MediationDocument.Agreement),
            _ => throw new UsageException("the request has neither judicialConfirmation nor mediationDocument"),
        };

        if (agreement is not null)
        {
            if (agreement.SignedDate is { } oldSigned && IsComplete(oldSigned))
            {
                var shift = today.DayNumber - ToDateOnly(oldSigned).DayNumber;
                foreach (var item in agreement.Items.Where(i => i.DueDate is not null && IsComplete(i.DueDate)))
                {
                    item.DueDate = ToDate(ToDateOnly(item.DueDate).AddDays(shift));
                }
            }

            agreement.SignedDate = ToDate(today);
            agreement.EffectiveTime = timestamp.Clone();
        }

        if (mediation is not null)
        {
            mediation.StartDate = ToDate(today);
            mediation.EndDate = ToDate(today);
        }

        request.Consent ??= new OnlineConsent();
        request.Consent.ConsentTime = timestamp.Clone();
    }

    public static GoogleDate ToDate(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static DateOnly ToDateOnly(GoogleDate date) => new(date.Year, date.Month, date.Day);

    private static bool IsComplete(GoogleDate date) =>
        date.Year is >= 1 and <= 9999 && date.Month is >= 1 and <= 12
        && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month);
}
