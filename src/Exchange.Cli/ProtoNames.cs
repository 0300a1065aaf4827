using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace Exchange.Cli;

/// <summary>Enum values as the contract spells them ("CORRECTION_REQUESTED"), not as C# does.</summary>
internal static class ProtoNames
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    public static string Of(Enum value) => Cache.GetOrAdd(value, static v =>
        v.GetType().GetField(v.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? v.ToString());
}
