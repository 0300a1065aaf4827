using System.Text.Json;
using System.Text.Json.Serialization;

namespace Exchange.Domain;

/// <summary>
/// JSON options suited to storing the domain records. The records also round-trip with default
/// options; these add readable enum names and refuse nulls where the model says non-null.
/// </summary>
public static class DomainJson
{
    /// <summary>Shared, read-only options: enum names as strings, nullable annotations respected.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            RespectNullableAnnotations = true,
            Converters = { new JsonStringEnumConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
