namespace Exchange.Domain;

/// <summary>
/// What makes a court entry valid, whether it comes from the sample file, the database or an
/// operator's request: a well-formed code, the level its code implies, a name, an optional division
/// code and the types it accepts. Field names are those of the admin service's Court message.
/// </summary>
public static class CourtRules
{
    /// <summary>The longest court name, in characters (the longest real names are about 20).</summary>
    public const int MaxNameLength = 100;

    /// <summary>Every rule <paramref name="court"/> breaks; empty when it is valid.</summary>
    public static IReadOnlyList<FieldViolation> Check(Court court)
    {
        ArgumentNullException.ThrowIfNull(court);
        var found = new List<FieldViolation>();
        void Add(string field, string? problem)
        {
            if (problem is not null)
            {
                found.Add(new FieldViolation(field, problem));
            }
        }

        Add("code", CourtCode.CheckFormat(court.Code));
        var implied = CourtCode.LevelOf(court.Code);
        Add("level", court.Level == CourtLevel.Unspecified ? "is required"
            : !Enum.IsDefined(court.Level) ? $"{(int)court.Level} is not a court level"
            : implied != CourtLevel.Unspecified && implied != court.Level
                ? $"must be {ProtoNames.Of(implied)}: the code {court.Code} is that of a {ProtoNames.Of(implied)} court"
            : null);
        Add("name", TextLimits.Required(court.Name, MaxNameLength));
        Add("max_attachment_bytes", court.MaxAttachmentBytes is < 1 or > Court.MaxMaxAttachmentBytes
            ? $"must be 1 to {Court.MaxMaxAttachmentBytes} bytes (2 GiB)" : null);
        Add("division_code", CheckDivisionCode(court.DivisionCode));
        var seen = new HashSet<ApplicationType>();
        for (var i = 0; i < court.AcceptedTypes.Length; i++)
        {
            var type = court.AcceptedTypes[i];
            Add($"accepted_types[{i}]", type == ApplicationType.Unspecified || !Enum.IsDefined(type) ? "is not an application type"
                : !seen.Add(type) ? $"{ProtoNames.Of(type)} is listed twice"
                : null);
        }

        Add("specialised_trial_code", court.SpecialisedTrialCode.Length == 0 || CaseNumbers.IsSpecialisedTrialCode(court.SpecialisedTrialCode)
            ? null : $"'{court.SpecialisedTrialCode}' is not a specialised-trial code: one Chinese character (法〔2018〕335号), or empty");
        Add("case_numbering", court.CaseNumbering == CaseNumbering.Unspecified || !Enum.IsDefined(court.CaseNumbering)
            ? "must be HUB or COURT" : null);
        var coded = new HashSet<ApplicationType>();
        for (var i = 0; i < court.CaseTypeCodes.Length; i++)
        {
            var entry = court.CaseTypeCodes[i];
            Add($"case_type_codes[{i}].type", entry.Type == ApplicationType.Unspecified || !Enum.IsDefined(entry.Type) ? "is not an application type"
                : !coded.Add(entry.Type) ? $"{ProtoNames.Of(entry.Type)} is listed twice"
                : null);
            Add($"case_type_codes[{i}].code", CaseNumbers.IsTypeCode(entry.Code) ? null
                : $"'{entry.Code}' is not a case-type code: 1–{CaseNumbers.MaxTypeCodeLength} Chinese characters, e.g. 民特");
        }

        return found;
    }

    /// <summary>
    /// An administrative division code (GB/T 2260) is optional; when given it is 2, 4 or 6 digits
    /// (province, prefecture, county), as the sample's "6501" for Urumqi and "650102" for Tianshan.
    /// </summary>
    public static string? CheckDivisionCode(string? code) =>
        string.IsNullOrEmpty(code) ? null
        : code.Length is 2 or 4 or 6 && code.All(char.IsAsciiDigit) ? null
        : $"'{code}' is not a division code: 2, 4 or 6 digits (GB/T 2260), e.g. 650102";
}
