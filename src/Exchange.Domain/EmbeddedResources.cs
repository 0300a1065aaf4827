using System.Reflection;

namespace Exchange.Domain;

/// <summary>Reads the data files compiled into this assembly: the one kind of I/O the domain does.</summary>
internal static class EmbeddedResources
{
    public static string ReadText(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
