using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Exchange.Gateway.Hosting;
using Exchange.Domain;
using Exchange.Storage.Officers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Exchange.Gateway.CourtConsole;

/// <summary>
/// The court console: Razor Pages under /console on a port of its own (HTTP/1.1 for browsers; the
/// gRPC port speaks cleartext HTTP/2 only), signed in per officer with a cookie. Every page calls
/// <see cref="Services.CourtOffice"/>, as the gRPC CourtService does.
/// </summary>
public static class ConsoleHosting
{
    public const string Scheme = "ExchangeConsole";
    public const string JudgePolicy = "judge";

    public static WebApplicationBuilder AddCourtConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewaySettings>>((kestrel, settings) =>
        {
            if (settings.Value.ConsolePort > 0)
            {
                kestrel.Listen(settings.Value.Address, settings.Value.ConsolePort, o => o.Protocols = HttpProtocols.Http1);
            }
        });
        // Chinese as characters in the HTML, not as &#x..; references (which also render, but bloat
        // every page and hinder reading its source).
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // Material downloads read where the application grain stored them.
        builder.Services.TryAddSingleton<Exchange.Storage.Applications.AttachmentContentStore>();
        builder.Services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Console";
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/SignIn");
            })
            .AddApplicationPart(typeof(ConsoleHosting).Assembly);
        // Every gateway of the hub signs and reads the same cookies and form tokens: one application
        // name, and the key ring in the hub's database (exchange_console_keys), not in a folder of
        // one machine, so that a session outlives a restart and moves between gateways.
        builder.Services.TryAddSingleton<ConsoleKeyStore>();
        builder.Services.AddDataProtection().SetApplicationName("Exchange.Console");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<ConsoleKeyStore>((o, keys) => o.XmlRepository = new ConsoleKeyRepository(keys));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "exchange.console.af";
            o.Cookie.Path = "/console";
            o.FormFieldName = "__RequestVerificationToken";
        });
        builder.Services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "exchange.console";
            o.Cookie.Path = "/console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/console/sign-in";
            o.LogoutPath = "/console/sign-out";
            o.AccessDeniedPath = "/console/denied";
            // A working day; sliding while the officer works.
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateAsync;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(JudgePolicy, p => p.RequireAuthenticatedUser().RequireRole(nameof(OfficerRole.Judge)));
        return builder;
    }

    /// <summary>Maps the console's pages to its own port; nothing when the console is off (Exchange:ConsolePort 0).</summary>
    public static WebApplication MapCourtConsole(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<GatewaySettings>>().Value;
        if (settings.ConsolePort <= 0)
        {
            return app;
        }

        // The officer's language, on the console's port only (gRPC answers stay as they are):
        // ?lang=en for one page, the cookie set by /console/language for the session; Chinese otherwise.
        string[] languages = ["zh-CN", "en"];
        app.UseWhen(c => c.Connection.LocalPort == settings.ConsolePort, console => console.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(languages[0]).AddSupportedCultures(languages).AddSupportedUICultures(languages);
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider { CookieName = ConsoleText.LanguageCookie },
            ];
        }));
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages().RequireHost($"*:{settings.ConsolePort}");
        app.MapGet("/", () => Results.Redirect("/console")).RequireHost($"*:{settings.ConsolePort}");
        // A preference, not an act: a GET that sets only the language cookie, then back to a page of the console.
        app.MapGet("/console/language", (HttpContext context, string? lang, string? back) =>
        {
            var culture = lang == "en" ? "en" : "zh-CN";
            context.Response.Cookies.Append(
                ConsoleText.LanguageCookie,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Path = "/console", HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return Results.LocalRedirect(back is { Length: > 0 } && back.StartsWith("/console", StringComparison.Ordinal) && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/console");
        }).RequireHost($"*:{settings.ConsolePort}");
        return app;
    }

    /// <summary>A session ends when its officer was disabled or given a new password (a new security stamp) since it began.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var officer = ConsoleOfficer.From(context.Principal);
        var stored = officer is null
            ? null
            : await context.HttpContext.RequestServices.GetRequiredService<OfficerStore>()
                .FindAsync(officer.CourtCode, officer.Name, context.HttpContext.RequestAborted);
        if (officer is null || stored is null || stored.DisabledAt is not null || stored.SecurityStamp != officer.SecurityStamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}

/// <summary>The signed-in officer, as the session cookie carries them.</summary>
public sealed record ConsoleOfficer(string CourtCode, string CourtName, string Name, OfficerRole Role, Guid SecurityStamp)
{
    private const string CourtClaim = "exchange:court";
    private const string CourtNameClaim = "exchange:court_name";
    private const string StampClaim = "exchange:stamp";

    public bool IsJudge => Role == OfficerRole.Judge;

    /// <summary>The court as CourtOffice's caller: the officer's acts name the officer.</summary>
    public Auth.Principal ToPrincipal() => new(Auth.PrincipalKind.Court, CourtCode, Name);

    public string RoleName => IsJudge ? ConsoleText.T("法官", "judge") : ConsoleText.T("书记员", "clerk");

    public ClaimsPrincipal ToClaims()
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, Name),
                new Claim(ClaimTypes.Role, Role.ToString()),
                new Claim(CourtClaim, CourtCode),
                new Claim(CourtNameClaim, CourtName),
                new Claim(StampClaim, SecurityStamp.ToString()),
            ],
            ConsoleHosting.Scheme);
        return new ClaimsPrincipal(identity);
    }

    public static ConsoleOfficer? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true
            || user.FindFirstValue(CourtClaim) is not { } court
            || user.FindFirstValue(ClaimTypes.Name) is not { } name
            || !Enum.TryParse<OfficerRole>(user.FindFirstValue(ClaimTypes.Role), out var role)
            || !Guid.TryParse(user.FindFirstValue(StampClaim), out var stamp))
        {
            return null;
        }

        return new ConsoleOfficer(court, user.FindFirstValue(CourtNameClaim) ?? court, name, role, stamp);
    }
}
