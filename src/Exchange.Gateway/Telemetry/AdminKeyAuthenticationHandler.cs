using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Exchange.Gateway.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Exchange.Gateway.Telemetry;

/// <summary>
/// The operators' web pages (the Orleans dashboard) behind an admin API key: sent as a bearer token,
/// or as the password of HTTP Basic authentication (any user name), so that a browser asks for it.
/// Platform and court keys are refused.
/// </summary>
public sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyAuthenticator keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminKey";
    public const string PolicyName = "Operators";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || header.Parameter is not { Length: > 0 } value)
        {
            return AuthenticateResult.NoResult();
        }

        string key;
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            key = value;
        }
        else if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(value));
                key = pair[(pair.IndexOf(':') + 1)..];
            }
            catch (FormatException)
            {
                return AuthenticateResult.Fail("malformed Basic credentials");
            }
        }
        else
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await keys.AuthenticateAsync(key, Context.RequestAborted);
        if (principal is not { Kind: PrincipalKind.Admin })
        {
            return AuthenticateResult.Fail("not an admin key");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, principal.Id)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A browser then asks for the key (as the password).
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Exchange operators (password: an admin key)\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
