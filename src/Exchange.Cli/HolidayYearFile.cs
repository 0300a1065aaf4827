using System.Text.Json;
using System.Text.Json.Serialization;
using Exchange.V1;

namespace Exchange.Cli;

/// <summary>
/// A holiday year file as the hub's own sample (src/Exchange.Domain/Calendar/2026.json) is written:
/// year, source, holidays (name, first, last as yyyy-MM-dd) and make_up_working_days. Only the
/// format is checked here; the hub checks the rules and names each field it refuses.
/// </summary>
internal static class HolidayYearFile
{
    // A misspelt field (say "make_up_workdays") would otherwise vanish and the year be put without it.
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads <paramref name="path"/> ("-" for standard input) into the message PutHolidayYear takes.</summary>
    /// <exception cref="UsageException">The file cannot be read or is not a year file.</exception>
    public static HolidayYear Load(string path, CliContext context)
    {
        string json;
        try
        {
            json = path == "-" ? (context.In ?? TextReader.Null).ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {ex.Message}");
        }

        return Parse(json, path == "-" ? "standard input" : path);
    }

    public static HolidayYear Parse(string json, string source)
    {
        YearFile file;
        try
        {
            file = JsonSerializer.Deserialize<YearFile>(json, Options) ?? throw new UsageException($"{source} is empty (null), not a holiday year");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{source} is not a holiday year file (year, source, holidays, make_up_working_days): {ex.Message}");
        }

        var year = new HolidayYear { Year = file.Year, Source = file.Source ?? "" };
        year.Holidays.Add(file.Holidays.Select(h => new V1.Holiday { Name = h.Name, First = SampleDates.ToDate(h.First), Last = SampleDates.ToDate(h.Last) }));
        year.MakeUpWorkingDays.Add((file.MakeUpWorkingDays ?? []).Select(SampleDates.ToDate));
        return year;
    }

    private sealed record YearFile(int Year, IReadOnlyList<HolidayRange> Holidays, IReadOnlyList<DateOnly>? MakeUpWorkingDays = null, string? Source = null);

    private sealed record HolidayRange(string Name, DateOnly First, DateOnly Last);
}
