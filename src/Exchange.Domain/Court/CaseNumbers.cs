using System.Globalization;
using System.Text.RegularExpressions;

namespace Exchange.Domain;

/// <summary>
/// A case number (案号) taken apart: <c>（2026）新0102民特123号</c> is year 2026, court 新0102, no
/// specialised-trial code, type code 民特, sequence 123; <c>（2026）新0102知民初7号</c> has the
/// specialised-trial code 知.
/// </summary>
/// <param name="Year">The year the court received the case (收案年度).</param>
/// <param name="CourtCode">The court code (法院代字).</param>
/// <param name="SpecialisedTrialCode">The specialised-trial code (专门审判代字), or empty.</param>
/// <param name="TypeCode">The case-type code (类型代字).</param>
/// <param name="Sequence">The case's place in its sequence, from 1.</param>
public sealed record CaseNumber(int Year, string CourtCode, string SpecialisedTrialCode, string TypeCode, long Sequence)
{
    /// <summary>The codes between court code and sequence: specialised-trial code and type code.</summary>
    public string Codes => SpecialisedTrialCode + TypeCode;

    /// <summary>The case number as the court prints it, with full-width parentheses.</summary>
    public override string ToString() => CaseNumbers.Format(Year, CourtCode, Codes, Sequence);
}

/// <summary>What an accepting act records of its case number; <paramref name="Sequence"/> null: the hub draws it.</summary>
public sealed record CaseNumberAssignment(int Year, string Codes, long? Sequence);

/// <summary>
/// Case numbers (案号) per the 2015 rules (法〔2015〕137号 arts 2–3, 10) as amended in 2018
/// (法〔2018〕335号): <c>（2026）新0102民特123号</c> = year in full-width parentheses, court code, an
/// optional one-character specialised-trial code, case-type code, sequence, 号. Sequences run per
/// court, specialised-trial code, type code and year. A court's policy (<see cref="Court"/>) says
/// which codes it uses and who numbers: the court's own system, or the hub's gapless sequence,
/// which the database draws (see WriteToStorageKey.sql).
/// </summary>
public static partial class CaseNumbers
{
    /// <summary>民特: civil special procedure, which judicial confirmation belongs to (MSL23 ch. 15).</summary>
    public const string SpecialProcedure = "民特";

    /// <summary>
    /// 民初: civil first instance. A mediation document after a successful pre-litigation mediation
    /// is issued in a case registered as a first-instance civil case (the pre-litigation mediation
    /// itself had a 民诉前调 number, which the application carries as pre_litigation_case_number).
    /// </summary>
    public const string FirstInstance = "民初";

    /// <summary>The longest case-type code, in characters (民诉前调 has 4).</summary>
    public const int MaxTypeCodeLength = 4;

    /// <summary>The longest sequence, in digits.</summary>
    public const int MaxSequenceDigits = 9;

    /// <summary>
    /// The case-type code most courts register an application of <paramref name="type"/> under: a
    /// court's policy may name another (<see cref="Court.CaseTypeCodes"/>).
    /// </summary>
    public static string UsualTypeCode(ApplicationType type) => type switch
    {
        ApplicationType.JudicialConfirmation => SpecialProcedure,
        ApplicationType.MediationDocument => FirstInstance,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no case type for this application type"),
    };

    /// <summary>The year a case accepted at <paramref name="acceptedAt"/> is numbered in: the CST year.</summary>
    public static int YearOf(DateTimeOffset acceptedAt) => ChinaStandardTime.DateOf(acceptedAt).Year;

    /// <summary>
    /// The case number text, e.g. <c>（2026）新0102民特123号</c>; <paramref name="codes"/> is the
    /// specialised-trial code, if any, followed by the type code.
    /// </summary>
    public static string Format(int year, string courtCode, string codes, long sequence)
    {
        ArgumentException.ThrowIfNullOrEmpty(courtCode);
        ArgumentException.ThrowIfNullOrEmpty(codes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"（{year}）{courtCode}{codes}{sequence}号");
    }

    /// <summary>Whether <paramref name="code"/> is a specialised-trial code: one Chinese character.</summary>
    public static bool IsSpecialisedTrialCode(string? code) => code is { Length: 1 } && IsHan(code);

    /// <summary>Whether <paramref name="code"/> is a case-type code: 1–4 Chinese characters.</summary>
    public static bool IsTypeCode(string? code) => code is { Length: >= 1 and <= MaxTypeCodeLength } && IsHan(code);

    /// <summary>
    /// Reads a case number of <paramref name="court"/> for an application of <paramref name="type"/>:
    /// the codes between court code and sequence must be the court's (its specialised-trial code
    /// and its type code for that type). Half-width parentheses are read as full-width.
    /// </summary>
    /// <param name="text">The case number as the court's system issued it.</param>
    /// <param name="court">The court the application was filed with.</param>
    /// <param name="type">The application's type.</param>
    /// <param name="years">The years the case may be numbered in (received, accepted).</param>
    /// <param name="problem">Why the number is not one the court gives this application; null when it is.</param>
    public static CaseNumber? Read(string? text, Court court, ApplicationType type, IReadOnlyCollection<int> years, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(court);
        ArgumentNullException.ThrowIfNull(years);
        problem = null;
        var expectedCodes = court.CaseCodesOf(type);
        var example = Format(years.Max(), court.Code, expectedCodes, 1);
        if (string.IsNullOrEmpty(text))
        {
            problem = $"is required: {court.Name} ({court.Code}) numbers its own cases; give the number its case-management system issued, e.g. {example}";
            return null;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            problem = $"'{text}' is not a case number: （year）court code, codes, sequence and 号, e.g. {example}";
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var courtCode = match.Groups["court"].Value;
        var codes = match.Groups["codes"].Value;
        var sequence = long.Parse(match.Groups["sequence"].Value, CultureInfo.InvariantCulture);
        if (courtCode != court.Code)
        {
            problem = $"'{text}' names the court {courtCode}; the application was filed with {court.Code}";
        }
        else if (!years.Contains(year))
        {
            problem = $"'{text}' is numbered in {year}; the case was received or accepted in {string.Join(" or ", years.Order())}";
        }
        else if (codes != expectedCodes)
        {
            problem = $"'{text}' has the codes {codes}; {court.Code} numbers {ProtoNames.Of(type)} applications with {expectedCodes}"
                + (court.SpecialisedTrialCode.Length > 0 ? $" (specialised-trial code {court.SpecialisedTrialCode}, type code {court.TypeCodeOf(type)})" : "");
        }

        return problem is null ? new CaseNumber(year, courtCode, court.SpecialisedTrialCode, court.TypeCodeOf(type), sequence) : null;
    }

    /// <summary>
    /// The case number an accepting act (受理 / 立案) gives an application of <paramref name="type"/>
    /// filed with <paramref name="court"/>: the one the court's system issued when the court numbers
    /// its cases (<paramref name="given"/>, numbered in the year the application was received or is
    /// accepted), otherwise the court's codes and the year of acceptance with no sequence — the
    /// hub's database draws it. Null with <paramref name="problem"/> when the given number is
    /// missing, not the court's, or given to a court the hub numbers.
    /// </summary>
    public static CaseNumberAssignment? Assign(Court court, ApplicationType type, string? given, DateTimeOffset receivedAt, DateTimeOffset acceptedAt, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(court);
        var year = YearOf(acceptedAt);
        problem = null;
        if (court.CaseNumbering != CaseNumbering.Court)
        {
            if (!string.IsNullOrEmpty(given))
            {
                problem = $"must be empty: {court.Name} ({court.Code}) leaves its case numbers to the hub, which gives the next of its sequence";
                return null;
            }

            return new CaseNumberAssignment(year, court.CaseCodesOf(type), null);
        }

        var read = Read(given, court, type, [YearOf(receivedAt), year], out problem);
        return read is null ? null : new CaseNumberAssignment(read.Year, read.Codes, read.Sequence);
    }

    /// <summary>
    /// Takes a case number apart against a court's policy: the codes split into its specialised-trial
    /// code and a type code. Null when the text is not a case number, or its codes do not start with
    /// the court's specialised-trial code.
    /// </summary>
    public static CaseNumber? Parse(string? text, Court court)
    {
        ArgumentNullException.ThrowIfNull(court);
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success || match.Groups["court"].Value != court.Code)
        {
            return null;
        }

        var codes = match.Groups["codes"].Value;
        var special = court.SpecialisedTrialCode;
        if (!codes.StartsWith(special, StringComparison.Ordinal) || !IsTypeCode(codes[special.Length..]))
        {
            return null;
        }

        return new CaseNumber(
            int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), match.Groups["court"].Value, special, codes[special.Length..],
            long.Parse(match.Groups["sequence"].Value, CultureInfo.InvariantCulture));
    }

    private static bool IsHan(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!HanRune().IsMatch(rune.ToString()))
            {
                return false;
            }
        }

        return true;
    }

    // The court code: a provincial abbreviation and 2 or 4 digits (CourtCode); then 1–5 Chinese
    // characters (a specialised-trial code and a type code of 1–4); a sequence without leading zero.
    [GeneratedRegex(@"^[（(](?<year>\d{4})[）)](?<court>\p{IsCJKUnifiedIdeographs}(?:\d{4}|\d{2}))(?<codes>\p{IsCJKUnifiedIdeographs}{1,5})(?<sequence>[1-9]\d{0,8})号$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}$")]
    private static partial Regex HanRune();
}
