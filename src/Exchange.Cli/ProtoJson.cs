using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Exchange.Cli;

/// <summary>Proto3 JSON in and out, as grpcurl and the hub's other clients speak it.</summary>
internal static class ProtoJson
{
    /// <summary>
    /// The google.rpc error details (ErrorInfo, BadRequest, RetryInfo, …) that a BatchRule item's
    /// status carries in Any fields: JSON can show an Any only when its type is known.
    /// </summary>
    private static readonly TypeRegistry Registry = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor);

    /// <summary>
    /// Unknown fields are an error, not silently dropped: a misspelt field name in a filing would
    /// otherwise vanish and the hub would answer about a field the author believes they sent.
    /// </summary>
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false).WithTypeRegistry(Registry));

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation().WithTypeRegistry(Registry));

    public static T Parse<T>(string json)
        where T : IMessage<T>, new() => Parser.Parse<T>(json);

    /// <summary>Reads a message from a file; unreadable files and malformed JSON are usage errors.</summary>
    public static T ParseFile<T>(string path)
        where T : IMessage<T>, new()
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {ex.Message}");
        }

        try
        {
            return Parse<T>(json);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new UsageException($"{path} is not a valid {typeof(T).Name} in proto3 JSON: {ex.Message}");
        }
        catch (InvalidJsonException ex)
        {
            throw new UsageException($"{path} is not valid JSON: {ex.Message}");
        }
    }

    public static string Format(IMessage message) => Formatter.Format(message);
}
