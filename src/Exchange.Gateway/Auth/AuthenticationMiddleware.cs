using Exchange.Gateway.Errors;
using Exchange.Gateway.Services;
using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace Exchange.Gateway.Auth;

/// <summary>
/// Authenticates a call of the exchange.v1 services before grpc-dotnet reads its body (it parses
/// the body before any interceptor runs): an unknown caller is answered UNAUTHENTICATED without its
/// message being read or parsed, and the rate limiter that follows knows whose call it is.
/// </summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, ApiKeyAuthenticator authenticator, RefusedAuthenticationLog refusals)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc
            && grpc.Method.ServiceName.StartsWith("exchange.v1.", StringComparison.Ordinal)
            && grpc.Method.FullName != AdminGrpcMethods.Bootstrap)
        {
            try
            {
                var principal = await authenticator.AuthenticateCallAsync(
                    http.Request.Headers.Authorization, http.Connection.ClientCertificate, http.RequestAborted,
                    readOnly: !ErrorMappingInterceptor.Changes(grpc.Method.FullName));
                principal.AttachTo(http);
            }
            catch (RpcException refused)
            {
                refusals.Refused(http, grpc.Method.FullName, refused);
                await GrpcErrors.WriteAsync(http, refused);
                return;
            }
            catch (Exception ex) when (ex is OperationCanceledException || ErrorMappingInterceptor.Classify(ex) is not null)
            {
                // The store is out of reach (or the caller left): the call goes on unauthenticated, and
                // AuthenticationInterceptor tries again inside the error mapping, which answers it as
                // every other store failure (UNAVAILABLE).
            }
        }

        await next(http);
    }
}
