using System.Text.Json;

namespace Exchange.Domain;

/// <summary>The proto spelling of the domain enums (MarriageStatus → MARRIAGE_STATUS), for messages and metadata.</summary>
public static class ProtoNames
{
    /// <summary>The proto enum value name of <paramref name="value"/>, or its number when undefined.</summary>
    /// <remarks>Looked up, not spelt anew: every event a grain writes names its kind with it.</remarks>
    public static string Of<T>(T value)
        where T : struct, Enum =>
        NameTable<T>.ByValue.TryGetValue(value, out var name) ? name : value.ToString("D");

    /// <summary>
    /// The member of <typeparamref name="T"/> whose proto name is <paramref name="name"/>, or
    /// default (Unspecified) when none is: e.g. a stored event kind read back.
    /// </summary>
    public static T Parse<T>(string name)
        where T : struct, Enum =>
        NameTable<T>.ByName.GetValueOrDefault(name);

    private static class NameTable<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue =
            Enum.GetValues<T>().Distinct().ToDictionary(v => v, v => JsonNamingPolicy.SnakeCaseUpper.ConvertName(v.ToString()));

        public static readonly Dictionary<string, T> ByName = ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
