using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;

namespace Exchange.Silo.Storage;

/// <summary>
/// Grain-state serializer: System.Text.Json, camelCase, enums as names, no type names, nulls omitted.
/// Chosen over the provider's default (Newtonsoft with $type names, which breaks on type renames)
/// and over the Orleans binary format so that a stored state stays readable by people and by later
/// builds; states written before the application store (migration 0100) are read as they are.
/// Also the serializer of the grains kept in Orleans' own storage (batch rulings).
/// </summary>
public sealed class ApplicationStateSerializer : IGrainStorageSerializer
{
    /// <summary>The options of every stored state (and of the draft it holds, see <see cref="Grains.CompactDraft"/>).</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
        ?? throw new JsonException($"stored state of {typeof(T).Name} is null");

    private static void ShapeApplicationState(JsonTypeInfo info)
    {
        if (info.Type != typeof(Grains.ApplicationState))
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (typeof(System.Collections.ICollection).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = (_, value) => value is System.Collections.ICollection { Count: > 0 };
            }

        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Absent means null: smaller rows.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Chinese text as UTF-8, not \uXXXX escapes: half the bytes, and readable in the database.
            // (The JSON is never embedded in HTML, which is what the default escaping guards against.)
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
            // The court-side fields of a state are empty for most of its life (a submission has no
            // notice, signatures or flags): leave empty lists and maps out rather than store "[]".
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ShapeApplicationState } },
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
