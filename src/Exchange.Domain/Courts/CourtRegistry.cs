using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Exchange.Domain;

/// <summary>
/// The courts registered with the hub and what each accepts, built from configuration data.
/// </summary>
/// <remarks>
/// JSON format: <c>{ "courts": [ { "code": "新0102", "name": "天山区人民法院", "level": "BASIC",
/// "division_code": "650102", "accepted_types": [ "JUDICIAL_CONFIRMATION", "MEDIATION_DOCUMENT" ] } ] }</c>;
/// level is INTERMEDIATE or BASIC and must match the code's form; types use the proto names.
/// Optional policy: "specialised_trial_code" (one character), "case_numbering" (HUB, the default, or
/// COURT), "case_type_codes" ({ "JUDICIAL_CONFIRMATION": "民特" }; unlisted types take the usual code).
/// </remarks>
public sealed class CourtRegistry
{
    private const string SampleResource = "Exchange.Domain.Courts.urumqi-sample.json";

    private readonly FrozenDictionary<string, Court> _courts;

    private CourtRegistry(IEnumerable<Court> courts) =>
        _courts = courts.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>Every registered court, ordered by code.</summary>
    public IReadOnlyList<Court> Courts => [.. _courts.Values.OrderBy(c => c.Code, StringComparer.Ordinal)];

    /// <summary>Builds a registry from courts already in memory.</summary>
    /// <exception cref="FormatException">A court breaks a rule of <see cref="CourtRules"/>, or a code repeats.</exception>
    public static CourtRegistry FromCourts(IEnumerable<Court> courts)
    {
        ArgumentNullException.ThrowIfNull(courts);
        var list = courts.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var court in list)
        {
            if (CourtRules.Check(court) is [var first, ..])
            {
                throw new FormatException($"Court {court.Code}: {first.Field} {first.Description}.");
            }

            if (!seen.Add(court.Code))
            {
                throw new FormatException($"Court {court.Code} is listed twice.");
            }
        }

        return new CourtRegistry(list);
    }

    /// <summary>Builds a registry from a JSON document (format in the remarks).</summary>
    /// <exception cref="FormatException">The document is malformed or a court entry is invalid.</exception>
    public static CourtRegistry FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        RegistryFile file;
        try
        {
            file = JsonSerializer.Deserialize<RegistryFile>(json, FileOptions)
                ?? throw new FormatException("The court registry document is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The court registry document is not valid: {e.Message}", e);
        }

        return FromCourts(file.Courts.Select(c => new Court
        {
            Code = c.Code,
            Name = c.Name,
            Level = c.Level switch
            {
                "INTERMEDIATE" => CourtLevel.Intermediate,
                "BASIC" => CourtLevel.Basic,
                _ => throw new FormatException($"Court {c.Code} has an unknown level '{c.Level}'."),
            },
            DivisionCode = c.DivisionCode ?? "",
            AcceptedTypes = [.. c.AcceptedTypes.Select(t => t switch
            {
                "JUDICIAL_CONFIRMATION" => ApplicationType.JudicialConfirmation,
                "MEDIATION_DOCUMENT" => ApplicationType.MediationDocument,
                _ => throw new FormatException($"Court {c.Code} accepts an unknown application type '{t}'."),
            })],
            SpecialisedTrialCode = c.SpecialisedTrialCode ?? "",
            CaseNumbering = c.CaseNumbering switch
            {
                null or "HUB" => CaseNumbering.Hub,
                "COURT" => CaseNumbering.Court,
                _ => throw new FormatException($"Court {c.Code} has an unknown case numbering '{c.CaseNumbering}'."),
            },
            CaseTypeCodes = [.. (c.CaseTypeCodes ?? new Dictionary<string, string>()).Select(e => new CaseTypeCode(ProtoNames.Parse<ApplicationType>(e.Key), e.Value))],
        }));
    }

    /// <summary>The sample courts of Urumqi (DOMAIN.md §8), embedded as <c>Courts/urumqi-sample.json</c>.</summary>
    public static CourtRegistry LoadSample() =>
        FromJson(EmbeddedResources.ReadText(typeof(CourtRegistry).Assembly, SampleResource));

    /// <summary>The court registered under <paramref name="code"/>, or null.</summary>
    public Court? Find(string? code) => code is not null && _courts.TryGetValue(code, out var court) ? court : null;

    /// <summary>Whether a court is registered under <paramref name="code"/>.</summary>
    public bool Contains(string? code) => code is not null && _courts.ContainsKey(code);

    private static readonly JsonSerializerOptions FileOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private sealed record RegistryFile(IReadOnlyList<CourtEntry> Courts);

    private sealed record CourtEntry(
        string Code, string Name, string Level, IReadOnlyList<string> AcceptedTypes, string? DivisionCode = null,
        string? SpecialisedTrialCode = null, string? CaseNumbering = null, IReadOnlyDictionary<string, string>? CaseTypeCodes = null);
}
