using System.Text.Json;

namespace Exchange.Domain;

/// <summary>The proto spelling of the domain enums (MarriageStatus → MARRIAGE_STATUS), for messages and metadata.</summary>
public static class ProtoNames
{
    /// <summary>The proto enum value name of <paramref name="value"/>, or its number when undefined.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString()) : value.ToString("D");

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
        public static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => Of(v), StringComparer.Ordinal);
    }
}
