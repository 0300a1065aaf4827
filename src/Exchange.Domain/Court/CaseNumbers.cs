using System.Globalization;

namespace Exchange.Domain;

/// <summary>
/// Case numbers (案号) per the 2015 rules (法〔2015〕137号 arts 2–3, 10; DOMAIN.md §6):
/// <c>（2026）新0102民特123号</c> = year in full-width parentheses, court code, case-type code,
/// sequence, 号. Sequences run per court, type code and year, without gaps or repeats; the
/// database assigns them (see WriteToStorageKey.sql), this class only names and formats them.
/// </summary>
public static class CaseNumbers
{
    /// <summary>民特: civil special procedure, which judicial confirmation belongs to (MSL23 ch. 15).</summary>
    public const string SpecialProcedure = "民特";

    /// <summary>
    /// 民初: civil first instance. A mediation document after a successful pre-litigation mediation
    /// is issued in a case registered as a first-instance civil case (the pre-litigation mediation
    /// itself had a 民诉前调 number, which the application carries as pre_litigation_case_number).
    /// </summary>
    public const string FirstInstance = "民初";

    /// <summary>The case-type code a court registers an application of <paramref name="type"/> under.</summary>
    public static string TypeCodeOf(ApplicationType type) => type switch
    {
        ApplicationType.JudicialConfirmation => SpecialProcedure,
        ApplicationType.MediationDocument => FirstInstance,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no case type for this application type"),
    };

    /// <summary>The year a case accepted at <paramref name="acceptedAt"/> is numbered in: the CST year.</summary>
    public static int YearOf(DateTimeOffset acceptedAt) => ChinaStandardTime.DateOf(acceptedAt).Year;

    /// <summary>The case number text, e.g. <c>（2026）新0102民特123号</c>.</summary>
    public static string Format(int year, string courtCode, string typeCode, long sequence)
    {
        ArgumentException.ThrowIfNullOrEmpty(courtCode);
        ArgumentException.ThrowIfNullOrEmpty(typeCode);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"（{year}）{courtCode}{typeCode}{sequence}号");
    }
}
