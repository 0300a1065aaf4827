namespace Exchange.Gateway.CourtConsole;

public sealed class DeniedModel : ConsolePage
{
    public void OnGet()
    {
    }

    public void OnPost()
    {
    }
}
