namespace Exchange.Domain;

/// <summary>
/// The last day of a period (期间届满日) and the instant it closes (24:00 China Standard Time of
/// that day). <see cref="Provisional"/> when a year involved had no holiday calendar, so the day
/// was found on weekends alone and may move later once the year's schedule is loaded.
/// </summary>
[GenerateSerializer, Immutable, Alias("exchange.domain.Deadline")]
public sealed record Deadline(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] DateTimeOffset ClosesAt,
    [property: Id(2)] bool Provisional);
