using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Exchange.Gateway.CourtConsole;

/// <summary>Sign-out is a form (POST with its antiforgery token), so that a link elsewhere cannot sign an officer out.</summary>
public sealed class SignOutModel : ConsolePage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleHosting.Scheme);
        return LocalRedirect("/console/sign-in");
    }
}
