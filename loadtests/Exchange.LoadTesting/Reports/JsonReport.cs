using System.Text.Json;
using System.Text.Json.Serialization;

namespace Exchange.LoadTesting;

/// <summary>The whole run result as JSON, for tooling that compares runs.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Render(RunResult run) => JsonSerializer.Serialize(run, Options);
}
