using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Exchange.LoadTests.Hub;

/// <summary>A platform the load tests file as, and its API key.</summary>
/// <param name="Id">Platform id, e.g. "load-platform-01".</param>
/// <param name="Key">Its API key.</param>
public sealed record PlatformKey(string Id, string Key);

/// <summary>A court's clerk-office key, for the CourtService calls of court-day and the seed replay's court phases.</summary>
/// <param name="Code">Court code, e.g. "新0102".</param>
/// <param name="Key">Its API key.</param>
public sealed record CourtKey(string Code, string Key);

/// <summary>The keys written by <c>provision</c> and read by <c>run</c> and <c>activate</c>.</summary>
/// <param name="Platforms">At least one platform.</param>
/// <param name="Courts">One key per sample court.</param>
public sealed record LoadKeys(IReadOnlyList<PlatformKey> Platforms, IReadOnlyList<CourtKey> Courts)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Court codes are Chinese: keep them readable in the file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Reads a keys file.</summary>
    /// <param name="path">The file <c>provision</c> wrote.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="InvalidDataException">The file holds no platform.</exception>
    public static LoadKeys Load(string path)
    {
        var keys = JsonSerializer.Deserialize<LoadKeys>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        if (keys.Platforms is not { Count: > 0 })
        {
            throw new InvalidDataException($"{path} lists no platform; run 'provision' first.");
        }

        return keys with { Courts = keys.Courts ?? [] };
    }

    /// <summary>Writes the keys, readable by the owner only where the file system allows it: they are secrets.</summary>
    /// <param name="path">Target file.</param>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, JsonSerializer.Serialize(this, Json));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
