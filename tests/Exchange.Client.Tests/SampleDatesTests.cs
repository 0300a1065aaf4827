using Exchange.Cli;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;

namespace Exchange.Client.Tests;

public sealed class SampleDatesTests
{
    [Fact]
    public void Refresh_MovesSigningMediationEffectiveAndConsentToNow()
    {
        var request = Samples.Load(Samples.JudicialConfirmation);
        var now = new DateTimeOffset(2027, 3, 15, 4, 0, 0, TimeSpan.Zero); // 12:00 in China

        SampleDates.Refresh(request, now);

        var jc = request.JudicialConfirmation;
        var expectedInstant = Timestamp.FromDateTimeOffset(now - SampleDates.ClockSkewMargin);
        Assert.Equal(Date(2027, 3, 15), jc.Agreement.SignedDate);
        Assert.Equal(Date(2027, 3, 15), jc.Mediation.StartDate);
        Assert.Equal(Date(2027, 3, 15), jc.Mediation.EndDate);
        Assert.Equal(expectedInstant, jc.Agreement.EffectiveTime);
        Assert.Equal(expectedInstant, request.Consent.ConsentTime);
    }

    [Fact]
    public void Refresh_KeepsDueDatesTheirDistanceFromSigning()
    {
        var request = Samples.Load(Samples.JudicialConfirmation);
        var agreement = request.JudicialConfirmation.Agreement;
        var before = ToDateOnly(agreement.Items[0].DueDate).DayNumber - ToDateOnly(agreement.SignedDate).DayNumber;

        SampleDates.Refresh(request, new DateTimeOffset(2027, 3, 15, 4, 0, 0, TimeSpan.Zero));

        var after = ToDateOnly(agreement.Items[0].DueDate).DayNumber - ToDateOnly(agreement.SignedDate).DayNumber;
        Assert.Equal(before, after);
    }

    [Fact]
    public void Refresh_TodayIsTheChinaStandardTimeDate()
    {
        var request = Samples.Load(Samples.MediationDocument);
        // 17:30 UTC on 14 March is 01:30 on 15 March in China.
        SampleDates.Refresh(request, new DateTimeOffset(2027, 3, 14, 17, 30, 0, TimeSpan.Zero));

        Assert.Equal(Date(2027, 3, 15), request.MediationDocument.Agreement.SignedDate);
    }

    [Fact]
    public void Refresh_JustAfterMidnightInChina_NeverPutsEffectiveTimeBeforeTheSigningDate()
    {
        var request = Samples.Load(Samples.JudicialConfirmation);
        // 00:00:30 in China: the skew margin reaches back into the previous day, and the date must follow it.
        SampleDates.Refresh(request, new DateTimeOffset(2027, 3, 14, 16, 0, 30, TimeSpan.Zero));

        var agreement = request.JudicialConfirmation.Agreement;
        var effectiveCst = agreement.EffectiveTime.ToDateTimeOffset().ToOffset(SampleDates.ChinaStandardTime);
        Assert.Equal(Date(effectiveCst.Year, effectiveCst.Month, effectiveCst.Day), agreement.SignedDate);
        Assert.Equal(Date(2027, 3, 14), agreement.SignedDate);
    }

    [Fact]
    public void Refresh_LeavesEverythingElseAlone()
    {
        var original = Samples.Load(Samples.JudicialConfirmation);
        var refreshed = original.Clone();

        SampleDates.Refresh(refreshed, DateTimeOffset.UtcNow);
        // Put the refreshed fields back: what remains must be identical.
        var (a, b) = (original.JudicialConfirmation, refreshed.JudicialConfirmation);
        b.Agreement.SignedDate = a.Agreement.SignedDate;
        b.Agreement.EffectiveTime = a.Agreement.EffectiveTime;
        b.Agreement.Items[0].DueDate = a.Agreement.Items[0].DueDate;
        b.Mediation.StartDate = a.Mediation.StartDate;
        b.Mediation.EndDate = a.Mediation.EndDate;
        refreshed.Consent.ConsentTime = original.Consent.ConsentTime;

        Assert.Equal(original, refreshed);
    }

    private static Google.Type.Date Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    private static DateOnly ToDateOnly(Google.Type.Date date) => new(date.Year, date.Month, date.Day);
}
