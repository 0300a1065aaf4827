using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace Exchange.Client;

/// <summary>
/// Enum values as the contract spells them ("CORRECTION_REQUESTED", "FAILED_PRECONDITION"), read
/// from the generated enums' <see cref="OriginalNameAttribute"/>: the proto is the one source of
/// the names, so none is written out here.
/// </summary>
public static class ProtoNames
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    /// <summary>
    /// The proto name of <paramref name="value"/>, a value of a protoc-generated enum; its number
    /// when the enum has no member for it (a value newer than this library), its C# name when the
    /// enum is not generated.
    /// </summary>
    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Cache.GetOrAdd(value, static v =>
            v.GetType().GetField(v.ToString(), BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<OriginalNameAttribute>()?.Name
            ?? v.ToString());
    }
}
