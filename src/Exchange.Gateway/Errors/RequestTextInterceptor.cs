using Exchange.Domain;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Exchange.Gateway.Errors;

/// <summary>
/// Applies the text rule (<see cref="FreeText"/>, common.proto "Text") to every string field of
/// every request, nested messages and lists included, before the service sees it: a refused text
/// is INVALID_ARGUMENT naming each field; accepted text is replaced by its NFC form. Walking the
/// message's descriptor, not a list of fields, is what makes it cover every field of every method,
/// those added later included; a field marked [(exchange.v1.line_breaks) = true] may hold line breaks.
/// </summary>
public sealed class RequestTextInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Apply(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Apply(request);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new CheckedStream<TRequest>(requestStream), context);

    /// <summary>A client stream whose every message passes the text rule as it is read.</summary>
    private sealed class CheckedStream<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }

            Apply(inner.Current);
            return true;
        }
    }

    /// <summary>Normalises every string of <paramref name="request"/> in place, or throws INVALID_ARGUMENT listing each refused one.</summary>
    public static void Apply(object? request)
    {
        if (request is not IMessage message)
        {
            return;
        }

        List<(string Field, string Description)>? violations = null;
        Walk(message, "", ref violations);
        if (violations is not null)
        {
            throw GrpcErrors.InvalidArgument(violations);
        }
    }

    private static void Walk(IMessage message, string prefix, ref List<(string Field, string Description)>? violations)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var path = prefix + field.Name;
            if (field.FieldType == FieldType.String)
            {
                var lineBreaks = field.GetOptions()?.GetExtension(CommonExtensions.LineBreaks) ?? false;
                if (field.IsRepeated)
                {
                    var list = (IList<string>)field.Accessor.GetValue(message);
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (Check(list[i], lineBreaks, $"{path}[{i}]", ref violations) is { } normal)
                        {
                            list[i] = normal;
                        }
                    }
                }
                else if (!field.IsMap && Check((string)field.Accessor.GetValue(message), lineBreaks, path, ref violations) is { } normal)
                {
                    field.Accessor.SetValue(message, normal);
                }
            }
            else if (field.FieldType == FieldType.Message && !field.IsMap)
            {
                if (field.IsRepeated)
                {
                    var list = (System.Collections.IList)field.Accessor.GetValue(message);
                    for (var i = 0; i < list.Count; i++)
                    {
                        Walk((IMessage)list[i]!, $"{path}[{i}].", ref violations);
                    }
                }
                else if (field.Accessor.GetValue(message) is IMessage child)
                {
                    Walk(child, path + ".", ref violations);
                }
            }
        }
    }

    // The normal form when it differs from the value; null when it is the same or refused.
    private static string? Check(string value, bool lineBreaks, string path, ref List<(string Field, string Description)>? violations)
    {
        if (FreeText.Check(value, lineBreaks, out var normalized) is { } problem)
        {
            (violations ??= []).Add((path, problem));
            return null;
        }

        return ReferenceEquals(normalized, value) ? null : normalized;
    }
}
