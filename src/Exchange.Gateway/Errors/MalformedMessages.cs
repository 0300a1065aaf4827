using System.Reflection;
using Exchange.Domain;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace Exchange.Gateway.Errors;

/// <summary>
/// Binds every gRPC service as grpc-dotnet's own binder does, with one difference: a request body
/// that is not a valid protobuf message answers INVALID_ARGUMENT (reason INVALID_ARGUMENT) instead
/// of UNKNOWN "Exception was thrown by handler". grpc-dotnet parses the body before any interceptor
/// runs and logs a parse failure as a handler failure, with its stack trace, at Error; an
/// RpcException thrown by the deserializer is logged by it at Information only (below the
/// gateway's Warning), so the one line an operator sees is <see cref="MalformedMessageLog"/>'s.
/// Registered in place of the default provider (<see cref="CheckedMessages.Register"/>).
/// </summary>
public sealed class CheckedMessageMethodProvider<TService>(MalformedMessageLog log) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        // The generated base class names its static BindService(ServiceBinderBase, TBase) through this attribute.
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                var bind = attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static, [typeof(ServiceBinderBase), type])
                    ?? throw new InvalidOperationException($"{attribute.BindType}.{attribute.BindMethodName}({type.Name}) was not found");
                bind.Invoke(null, [new Binder(context, log), null]);
                return;
            }
        }
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, MalformedMessageLog log) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(Checked(method), Metadata(method.Name, typeof(TRequest), typeof(ServerCallContext)),
                Invoker<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Checked(method), Metadata(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)),
                Invoker<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(Checked(method), Metadata(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)),
                Invoker<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(Checked(method), Metadata(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)),
                Invoker<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

        private Method<TRequest, TResponse> Checked<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class
            where TResponse : class
        {
            var parse = method.RequestMarshaller.ContextualDeserializer;
            var requestName = typeof(IMessage).IsAssignableFrom(typeof(TRequest))
                ? ((IMessage)Activator.CreateInstance(typeof(TRequest))!).Descriptor.FullName
                : typeof(TRequest).Name;
            var marshaller = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, deserialization =>
            {
                try
                {
                    return parse(deserialization);
                }
                catch (Exception ex) when (ex is InvalidProtocolBufferException or ArgumentException)
                {
                    log.Refused(method.FullName, ex.Message);
                    throw GrpcErrors.Create(StatusCode.InvalidArgument, ErrorReason.InvalidArgument,
                        $"the request body is not a valid {requestName} message: {ex.Message}");
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
        }

        // The service's public override of the generated method (or the generated one, which answers UNIMPLEMENTED).
        private static MethodInfo Handler(string name, Type[] parameters) =>
            typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)
            ?? throw new InvalidOperationException($"{typeof(TService).Name}.{name} was not found");

        private static TDelegate Invoker<TDelegate>(string name, params Type[] parameters)
            where TDelegate : Delegate =>
            (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), Handler(name, parameters));

        // As the default binder: the service's attributes, then the method's (higher priority), then POST only.
        private static List<object> Metadata(string name, params Type[] parameters) =>
        [
            .. typeof(TService).GetCustomAttributes(inherit: true),
            .. Handler(name, parameters).GetCustomAttributes(inherit: true),
            new HttpMethodMetadata(["POST"], acceptCorsPreflight: true),
        ];
    }
}

/// <summary>Registration of <see cref="CheckedMessageMethodProvider{TService}"/> and its log.</summary>
public static class CheckedMessages
{
    /// <summary>Puts the checking provider in the place of grpc-dotnet's default one (call after every AddGrpc…, which would add it back).</summary>
    public static void Register(IServiceCollection services)
    {
        var provider = typeof(IServiceMethodProvider<>);
        var defaults = services.Where(d => d.ServiceType == provider && d.ImplementationType is { } t
            && t.Assembly == provider.Assembly && t.Name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal)).ToList();
        if (defaults.Count != 1)
        {
            // A new grpc-dotnet that binds differently: both providers would bind every method twice.
            throw new InvalidOperationException($"expected grpc-dotnet's one default service method provider, found {defaults.Count}");
        }

        services.Remove(defaults[0]);
        services.AddSingleton(provider, typeof(CheckedMessageMethodProvider<>));
        services.AddHttpContextAccessor();
        services.AddSingleton<MalformedMessageLog>();
    }
}

/// <summary>
/// One warning line per peer per minute about the malformed requests it sent (the count of those
/// not logged is in the next line): a peer sending garbage cannot fill the disk.
/// </summary>
public sealed partial class MalformedMessageLog(ILogger<MalformedMessageLog> logger, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>How often a peer's malformed requests are logged at most.</summary>
    public static readonly TimeSpan Interval = Auth.PeerLogLimit.Interval;

    private readonly Auth.PeerLogLimit limit = new(clock);

    public void Refused(string method, string error)
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limit.ShouldLog(address, out var unlogged))
        {
            LogRefused(logger, address, method, error, unlogged);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refused a malformed request from {Peer} to {Method} with INVALID_ARGUMENT ({Error}); {Unlogged} more from this peer since its previous line (at most one line a minute per peer)")]
    private static partial void LogRefused(ILogger logger, string peer, string method, string error, long unlogged);
}
