using System.Text.RegularExpressions;

namespace Exchange.Contract.Tests;

/// <summary>
/// Every ErrorInfo reason and warning code the hub emits is a member of the domain's ErrorReason or
/// WarningCode (and so of the proto, by the parity test): refusals and warnings are made only from
/// those enums, and the gateway's errors take an ErrorReason.
/// </summary>
public sealed partial class ReasonSourceTests
{
    [Fact]
    public void RefusalsAndWarnings_AreMadeFromTheEnums_Only()
    {
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root(), "src"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (DirectConstruction().IsMatch(lines[i]))
                {
                    offenders.Add($"{Path.GetRelativePath(Root(), file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    // `new RuleRefusal(` / `new ApplicationWarning(` (or a target-typed `new(` right after a
    // refusal or warning): the reason or code would be free text, not an enum member.
    [GeneratedRegex(@"new\s+(RuleRefusal|ApplicationWarning)\s*\(|(RuleRefusal|ApplicationWarning)\??\s+\w+\s*=\s*new\s*\(")]
    private static partial Regex DirectConstruction();

    internal static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Exchange.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Exchange.sln not found above " + AppContext.BaseDirectory);
    }
}
