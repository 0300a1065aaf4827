using Exchange.Storage.Courts;
using Exchange.Storage.Officers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Gateway.CourtConsole;

/// <summary>Sign-in with court code, name and password; lock-out after repeated failures (OfficerStore).</summary>
public sealed class SignInModel(OfficerStore officers, LiveCourtDirectory directory) : PageModel
{
    [BindProperty]
    public string Court { get; set; } = "";

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await officers.SignInAsync(Court.Trim(), Name.Trim(), Password, HttpContext.RequestAborted);
        if (outcome.Verdict != SignInVerdict.SignedIn || outcome.Officer is not { } officer)
        {
            Error = outcome.Verdict switch
            {
                SignInVerdict.LockedOut => ConsoleText.T(
                    $"连续密码错误次数过多，账户已锁定至 {ConsoleText.Time(outcome.LockedUntil!.Value)}（北京时间）。请稍后再试，或请管理员重置密码。",
                    $"Too many wrong passwords: the account is locked until {ConsoleText.Time(outcome.LockedUntil!.Value)} (China Standard Time). Try later, or ask the administrator to reset the password."),
                SignInVerdict.Disabled => ConsoleText.T("该账户已停用。", "This account is disabled."),
                _ => ConsoleText.T("法院代字、姓名或密码不正确。", "Court code, name or password is wrong."),
            };
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        var courtName = directory.Current.Courts.Find(officer.CourtCode)?.Name ?? officer.CourtCode;
        var session = new ConsoleOfficer(officer.CourtCode, courtName, officer.Name, officer.Role, officer.SecurityStamp);
        await HttpContext.SignInAsync(ConsoleHosting.Scheme, session.ToClaims());
        // Only a page of the console: never an address elsewhere (an open redirect).
        return LocalRedirect(ReturnUrl is { } url && url.StartsWith("/console", StringComparison.Ordinal) && Url.IsLocalUrl(url) ? url : "/console");
    }
}
