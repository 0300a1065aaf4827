using System.Text.RegularExpressions;

namespace Exchange.Domain;

/// <summary>Ids the hub's operators choose for platforms and operators (not court codes).</summary>
public static partial class PrincipalIds
{
    public const string Rule = "1–64 characters of A–Z a–z 0–9 . _ - starting with a letter or digit";

    /// <summary>They end up in logs, URLs and metrics labels: kept plain.</summary>
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex Pattern();
}
