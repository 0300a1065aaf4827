using Grpc.Core;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exchange.Gateway.CourtConsole;

/// <summary>What every signed-in page has: the officer, and a refusal of the hub shown as a message.</summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>The signed-in officer (the folder is authorised: every page but the sign-in has one).</summary>
    public ConsoleOfficer Officer => ConsoleOfficer.From(User) ?? throw new InvalidOperationException("no officer signed in");

    /// <summary>An error to show above the page.</summary>
    public string? Error { get; set; }

    /// <summary>An outcome to show above the page.</summary>
    public string? Notice { get; set; }

    /// <summary>The hub's refusal in the officer's words and its own (the reason and message name what to fix).</summary>
    public static string Describe(RpcException ex)
    {
        var reason = ReasonOf(ex);
        return $"{ConsoleText.Code(ex.StatusCode)}{(reason.Length > 0 ? "（" + reason + "）" : "")}：{ex.Status.Detail}";
    }

    private static string ReasonOf(RpcException ex)
    {
        var info = ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
        return info?.Reason ?? "";
    }
}
