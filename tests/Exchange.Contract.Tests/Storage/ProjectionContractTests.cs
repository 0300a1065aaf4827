using System.Collections;
using System.Globalization;
using Exchange.Domain;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.Silo.Grains;
using Exchange.Storage.Applications;
using Exchange.Storage.Deadlines;
using Exchange.Storage.ReadModel;

namespace Exchange.Contract.Tests.Storage;

/// <summary>
/// The write statement projects the read model from the state's JSON, by the JSON names of
/// <see cref="ApplicationState"/>'s properties: a full state is written (and then changed) through it
/// into a real PostgreSQL, and every value every read-model query answers is checked against the state.
/// A property renamed, a column left out of the update, a wrong time zone fails here.
/// </summary>
public sealed class ProjectionContractTests : IAsyncLifetime
{
    // A receipt late on 31 March UTC is 1 April in China Standard Time: the statistics' month must say April.
    private static readonly DateTimeOffset T0 = new(2026, 3, 31, 20, 15, 7, TimeSpan.Zero);

    private TestDatabase db = null!;

    // Without a database (EXCHANGE_TEST_DB) the tests that need one are skipped and the others run.
    public async Task InitializeAsync() => db = TestPostgres.SkipReason is null ? await ApplicationWrites.CreateDatabaseAsync() : null!;

    public async Task DisposeAsync()
    {
        if (db is not null)
        {
            await db.DisposeAsync();
        }
    }

    [Fact]
    public void TheFullState_SetsEveryProperty()
    {
        // A property added to the state must be added to the full state too, and its projection (if any) checked below.
        var state = ApplicationWrites.Full(Guid.NewGuid(), "contract-props", 1, T0);
        var unset = typeof(ApplicationState).GetProperties()
            .Where(p => p.CanWrite && IsDefault(p.GetValue(state)))
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(unset);
    }

    [DatabaseFact]
    public async Task AFullState_WrittenThenChanged_EveryReadModelQueryAnswersItsValues()
    {
        var id = Guid.CreateVersion7();
        // Filed (a first write carries none of the court's columns), then two full states: every
        // column the filing wrote and every value a change may change (the update's SET list).
        var filed = ApplicationWrites.Full(id, "contract-full", 1, T0, ApplicationStatus.Received);
        Assert.Equal(1, await ApplicationWrites.WriteAsync(db, filed, null));
        var first = ApplicationWrites.Full(id, "contract-full", 2, T0, ApplicationStatus.UnderReview);
        Assert.Equal(2, await ApplicationWrites.WriteAsync(db, first, 1));
        await AssertProjectedAsync(first, 2, [ApplicationWrites.EventOf(filed, 1), ApplicationWrites.EventOf(first, 2)]);

        var second = ApplicationWrites.Full(id, "contract-full", 3, T0, ApplicationStatus.Confirmed);
        second.CaseYear = 2027;
        second.CaseTypeCode = "民初";
        Assert.Equal(3, await ApplicationWrites.WriteAsync(db, second, 2));
        await AssertProjectedAsync(second, 3, [ApplicationWrites.EventOf(filed, 1), ApplicationWrites.EventOf(first, 2), ApplicationWrites.EventOf(second, 3)]);
    }

    [DatabaseFact]
    public async Task AnAcceptingState_TakesTheNextCaseNumber_IntoItsState_TheDocket_AndItsEvent()
    {
        var ids = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            // A minute apart, so that each read below finds only its own application.
            var t0 = T0.AddMinutes(i);
            var received = ApplicationWrites.Full(id, "contract-number-" + i, 1, t0, ApplicationStatus.Received);
            received.CaseYear = null;
            received.CaseTypeCode = null;
            received.CaseSequence = null;
            Assert.Equal(1, await ApplicationWrites.WriteAsync(db, received, null));

            var accepting = ApplicationWrites.Full(id, "contract-number-" + i, 2, t0, ApplicationStatus.Accepted);
            accepting.CaseSequence = null;
            Assert.Equal(2, await ApplicationWrites.WriteAsync(db, accepting, 1));

            var stored = await ApplicationWrites.ReadAsync(db, id);
            Assert.Equal(i + 1, stored.CaseSequence);
            Assert.Equal(CaseNumbers.Format(2026, "新0102", "民特", i + 1), stored.CaseNumber);
            await AssertProjectedAsync(stored, 2, [ApplicationWrites.EventOf(received, 1), ApplicationWrites.EventOf(accepting, 2)], caseNumberInEvent: stored.CaseNumber);
        }
    }

    /// <summary>Every value of <paramref name="s"/> as each read-model query answers it.</summary>
    private async Task AssertProjectedAsync(ApplicationState s, int version, IReadOnlyList<ApplicationEvent> events, string? caseNumberInEvent = null)
    {
        var draft = s.Draft!;
        var platformCaseId = draft.Decode().PlatformCaseId;

        // Listing: filtered by every column it filters on, so the filters' columns are checked too.
        var listing = await new ApplicationListing(db.DataSource).ListAsync(
            new ListingFilter(s.PlatformId, [s.Status], draft.Type, draft.CourtCode, s.ReceivedAt, s.ReceivedAt.AddTicks(10)), 10, null, default);
        var row = Assert.Single(listing.Rows);
        Assert.Equal(new ApplicationRow(s.ApplicationId, platformCaseId, draft.Type, draft.CourtCode, s.Status, s.ReceivedAt, s.UpdatedAt, version), row);

        // Docket: the nearest deadline is the first one (flagged or not), the state as of 10 days before it.
        var next = s.Deadlines[0];
        var docket = await new Docket(db.DataSource).ListAsync(
            new DocketFilter(draft.CourtCode, [s.Status], draft.Type, DeadlineState.OnTime, TimeSpan.FromDays(3), s.PlatformId, s.ReceivedAt, s.ReceivedAt.AddTicks(10)),
            next.ClosesAt.AddDays(-10), 10, null, default);
        var line = Assert.Single(docket.Rows);
        Assert.Equal(new DocketRow(s.ApplicationId, s.PlatformId, platformCaseId, draft.Type, s.Status, s.ReceivedAt, s.UpdatedAt, version,
            s.CaseNumber, next.ClosesAt, next.Kind, s.WithdrawalRequestedAt), line);
        Assert.NotNull(line.CaseNumber);

        // Statistics: the month in China Standard Time, and both durations in days.
        var (counts, durations) = await new CourtStatisticsReader(db.DataSource).ReadAsync(draft.CourtCode, s.ReceivedAt, s.ReceivedAt.AddTicks(10), default);
        Assert.Equal(new StatusCountRow(draft.Type, s.Status, s.ReceivedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture), 1), Assert.Single(counts));
        Assert.Equal("2026-04", Assert.Single(counts).Month);
        var duration = Assert.Single(durations);
        Assert.Equal(draft.Type, duration.Type);
        var toAcceptance = (s.AcceptedAt!.Value - s.ReceivedAt).TotalDays;
        var toRuling = (s.RuledAt!.Value - s.AcceptedAt.Value).TotalDays;
        Assert.Equal(1, duration.ReceiptToAcceptance.Count);
        Assert.Equal(toAcceptance, duration.ReceiptToAcceptance.MeanDays, 9);
        Assert.Equal(toAcceptance, duration.ReceiptToAcceptance.P90Days, 9);
        Assert.Equal(1, duration.AcceptanceToRuling.Count);
        Assert.Equal(toRuling, duration.AcceptanceToRuling.MeanDays, 9);
        Assert.Equal(toRuling, duration.AcceptanceToRuling.P90Days, 9);

        // History: every field of every event, for the platform and for the court alike.
        var histories = new HistoryReader(db.DataSource);
        foreach (var (kind, caller) in new[] { (ActorKind.Platform, s.PlatformId), (ActorKind.Court, draft.CourtCode) })
        {
            var history = await histories.ReadAsync(s.ApplicationId, kind, caller, default);
            Assert.Equal(events.Count, history.Count);
            foreach (var (expected, actual) in events.Zip(history))
            {
                var details = new Dictionary<string, string>(expected.Details!);
                if (caseNumberInEvent is not null && expected == events[^1])
                {
                    details["case_number"] = caseNumberInEvent;
                }

                Assert.Equal((expected.Sequence, expected.OccurredAt, expected.Kind, expected.Actor.Kind, expected.Actor.Id, expected.Actor.Name, expected.Reason, expected.StatusAfter),
                    (actual.Sequence, actual.OccurredAt, actual.Kind, actual.ActorKind, actual.ActorId, actual.ActorName, actual.Reason, actual.StatusAfter));
                Assert.Equal(details.OrderBy(d => d.Key), actual.Details.OrderBy(d => d.Key));
            }
        }

        // The idempotency key, and the deadline watcher's watch_at: the first deadline not flagged.
        Assert.Equal(s.ApplicationId, await new ApplicationIndex(db.DataSource).FindByKeyAsync(s.PlatformId, platformCaseId, draft.Type));
        var watchAt = s.WatchAt!.Value;
        Assert.NotEqual(next.ClosesAt, watchAt);
        var due = new DueDeadlines(db.DataSource);
        Assert.Contains(s.ApplicationId, await due.FindAsync(watchAt, 100, []));
        Assert.DoesNotContain(s.ApplicationId, await due.FindAsync(watchAt.AddTicks(-10), 100, []));

        // The one projected column no query reads (the snapshot of the integration tests compares it).
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM exchange_applications WHERE application_id = $1 AND payload_sha256 = $2", s.ApplicationId, s.PayloadSha256));
    }

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        ICollection collection => collection.Count == 0,
        IEnumerable enumerable => !enumerable.GetEnumerator().MoveNext(),
        ValueType => value.Equals(Activator.CreateInstance(value.GetType())),
        _ => false,
    };
}
