using Exchange.Gateway.Errors;
using Exchange.Gateway.Services;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Exchange.Gateway.Auth;

/// <summary>
/// Authenticates every call of the exchange.v1 services from `authorization: Bearer &lt;api key&gt;`
/// before any of the service's code runs. (Reflection and health stay open for tools and load balancers.)
/// </summary>
public sealed class AuthenticationInterceptor(ApiKeyAuthenticator authenticator) : Interceptor
{
    private const string Scheme = "Bearer ";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        // The one open method of the exchange services: it answers only while the hub has no admin key.
        if (context.Method != AdminGrpcMethods.Bootstrap)
        {
            await AuthenticateAsync(context);
        }

        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(request, responseStream, context);
    }

    private async Task AuthenticateAsync(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (string.IsNullOrEmpty(header))
        {
            throw GrpcErrors.Unauthenticated("missing credential: send 'authorization: Bearer <api key>' metadata");
        }

        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            throw GrpcErrors.Unauthenticated("malformed authorization metadata: expected 'Bearer <api key>'");
        }

        var principal = await authenticator.AuthenticateAsync(header[Scheme.Length..].Trim(), context.CancellationToken)
            ?? throw GrpcErrors.Unauthenticated("unknown or revoked API key");
        principal.AttachTo(context);
    }
}
