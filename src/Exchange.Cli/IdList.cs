namespace Exchange.Cli;

/// <summary>Application ids one per line, as batch-confirm reads them from a file or standard input.</summary>
internal static class IdList
{
    /// <summary>
    /// Reads <paramref name="path"/> ("-" for standard input): one id a line, surrounding spaces
    /// trimmed, blank lines and everything from a '#' to the end of its line ignored.
    /// </summary>
    /// <exception cref="UsageException">The file cannot be read, or a line holds more than one word.</exception>
    public static List<string> Load(string path, CliContext context)
    {
        if (path == "-")
        {
            return Parse(context.In ?? TextReader.Null, "standard input");
        }

        try
        {
            using var reader = new StreamReader(path);
            return Parse(reader, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {ex.Message}");
        }
    }

    public static List<string> Parse(TextReader reader, string source)
    {
        var ids = new List<string>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var id = (hash >= 0 ? line[..hash] : line).Trim();
            if (id.Length == 0)
            {
                continue;
            }

            // Two words on a line are a pasted table row or a CSV, not an id: better refuse
            // than rule on whatever the first column happens to be.
            if (id.Any(char.IsWhiteSpace) || id.Contains(',', StringComparison.Ordinal))
            {
                throw new UsageException($"{source}, line {lineNumber}: one application id a line, not '{id}'");
            }

            ids.Add(id);
        }

        return ids;
    }
}
