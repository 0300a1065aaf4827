using Exchange.Gateway.Services;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Exchange.Gateway.Auth;

/// <summary>
/// Authenticates every call of the exchange.v1 services from `authorization: Bearer &lt;api key&gt;`
/// before any of the service's code runs. (Reflection and health stay open for tools and load balancers.)
/// On the gateway's own pipeline <see cref="AuthenticationMiddleware"/> has done it already, before
/// the body was read; this is the same check for a host without it.
/// </summary>
public sealed class AuthenticationInterceptor(ApiKeyAuthenticator authenticator, RefusedAuthenticationLog refusals) : Interceptor
{
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

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(requestStream, context);
    }

    private async Task AuthenticateAsync(ServerCallContext context)
    {
        if (!Principal.IsAttached(context))
        {
            var http = context.GetHttpContext();
            Principal principal;
            try
            {
                principal = await authenticator.AuthenticateCallAsync(
                    context.RequestHeaders.GetValue("authorization"), http.Connection.ClientCertificate, context.CancellationToken,
                    readOnly: !Errors.ErrorMappingInterceptor.Changes(context.Method));
            }
            catch (RpcException refused) when (refused.StatusCode == StatusCode.Unauthenticated)
            {
                refusals.Refused(http, context.Method, refused);
                throw;
            }

            principal.AttachTo(context);
        }
    }
}
