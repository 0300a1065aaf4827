using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Exchange.LoadTests.Commands;

/// <summary>Option helpers shared by the commands.</summary>
internal static partial class CliOptions
{
    /// <summary>An option holding a duration such as "30s", "500ms", "2m", "1h" (a bare number is seconds).</summary>
    public static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description + " (e.g. 30s, 500ms, 2m)",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return defaultValue;
            }

            var text = result.Tokens[0].Value;
            if (TryParseDuration(text, out var value))
            {
                return value;
            }

            result.AddError($"{name} '{text}' is not a duration such as 30s, 500ms, 2m or 1h");
            return defaultValue;
        },
    };

    /// <summary>An integer option that must be at least <paramref name="min"/>.</summary>
    public static Option<int> AtLeast(string name, string description, int defaultValue, int min, int max = int.MaxValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError(max == int.MaxValue ? $"{name} must be at least {min}" : $"{name} must be {min} to {max}");
            }
        });
        return option;
    }

    /// <summary>An absolute http:// or https:// address.</summary>
    public static Option<Uri> Endpoint(string name, string description, string? defaultValue)
    {
        var option = new Option<Uri>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : defaultValue;
                if (text is null)
                {
                    return null;
                }

                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    return uri;
                }

                result.AddError($"{name} '{text}' is not an absolute http:// or https:// address");
                return null;
            },
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => new Uri(defaultValue);
        }

        return option;
    }

    /// <summary>Parses "30s", "500ms", "2m", "1h" or a bare number of seconds.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        value = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "m" or "min" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromSeconds(n),
        };
        return value >= TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<unit>ms|s|m|min|h)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
