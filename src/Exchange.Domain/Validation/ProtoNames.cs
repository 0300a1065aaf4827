using System.Text.Json;

namespace Exchange.Domain;

/// <summary>The proto spelling of the domain enums (MarriageStatus → MARRIAGE_STATUS), for messages and metadata.</summary>
public static class ProtoNames
{
    /// <summary>The proto enum value name of <paramref name="value"/>, or its number when undefined.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString()) : value.ToString("D");
}
