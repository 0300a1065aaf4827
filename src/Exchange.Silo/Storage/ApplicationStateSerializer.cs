using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Exchange.Silo.Storage;

/// <summary>
/// Grain-state serializer: System.Text.Json, camelCase, enums as names, no type names, nulls omitted.
/// Chosen over the provider's default (Newtonsoft with $type names, which breaks on type renames)
/// and over the Orleans binary format because the storage statement must read the state to project
/// the read model and append the event in the same transaction (docs/ARCHITECTURE.md).
/// </summary>
public sealed class ApplicationStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
        ?? throw new JsonException($"stored state of {typeof(T).Name} is null");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Absent means null: smaller rows, and the storage statement reads a missing key as NULL.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Chinese text as UTF-8, not \uXXXX escapes: half the bytes, and readable in the database.
            // (The JSON is never embedded in HTML, which is what the default escaping guards against.)
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
