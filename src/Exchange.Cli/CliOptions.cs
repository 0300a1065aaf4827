using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Exchange.Cli;

/// <summary>Options several commands share, and the parsers behind them.</summary>
internal static class CliOptions
{
    public static Option<ApplicationStatus[]> Statuses() => new("--status")
    {
        Description = "Only these statuses (repeat, or separate with commas), e.g. RECEIVED ACCEPTED",
        HelpName = "status",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => [.. result.Tokens
            .SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(token => ParseEnum<ApplicationStatus>(result, "--status", token, "a status"))],
    };

    public static Option<ApplicationType> Type() => new("--type")
    {
        Description = "Only this type: JUDICIAL_CONFIRMATION (jc) or MEDIATION_DOCUMENT (md)",
        HelpName = "type",
        CustomParser = result => ParseType(result, "--type", result.Tokens.Single().Value),
    };

    /// <summary>
    /// Application types (repeat, or separate with commas) by short name or proto name; "none"
    /// alone for no type at all, so that an empty list is said on purpose.
    /// </summary>
    public static Option<ApplicationType[]> Types(string name, string description) => new(name)
    {
        Description = description + ": jc (JUDICIAL_CONFIRMATION), md (MEDIATION_DOCUMENT), or none",
        HelpName = "types",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result =>
        {
            var tokens = result.Tokens
                .SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();
            return tokens is [var only] && only.Equals("none", StringComparison.OrdinalIgnoreCase)
                ? []
                : [.. tokens.Select(token => ParseType(result, name, token))];
        },
    };

    /// <summary>The one mapping of the types' short names (jc, md, as the tables print them) and proto names to types.</summary>
    private static ApplicationType ParseType(ArgumentResult result, string option, string token) =>
        token.Trim().ToUpperInvariant() switch
        {
            "JC" => ApplicationType.JudicialConfirmation,
            "MD" => ApplicationType.MediationDocument,
            _ => ParseEnum<ApplicationType>(result, option, token, "a type", "jc, md, "),
        };

    /// <summary>An option taking one value of a contract enum by its proto name (any case, '-' for '_').</summary>
    public static Option<T> Enum<T>(string name, string description)
        where T : struct, System.Enum => new(name)
    {
        Description = $"{description}: {Names<T>()}",
        HelpName = name.TrimStart('-'),
        CustomParser = result => ParseEnum<T>(result, name, result.Tokens.Single().Value, "one"),
    };

    public static Option<int> PageSize(string things)
    {
        var option = new Option<int>("--page-size") { Description = $"{things} per page; 0 lets the hub choose (50), at most 500" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--page-size cannot be negative");
            }
        });
        return option;
    }

    /// <summary>
    /// An instant: "2026-11-01" (midnight China Standard Time, as the courts count days),
    /// "2026-11-01T09:30" (China Standard Time) or ISO 8601 with an offset ("…Z", "…+08:00").
    /// </summary>
    public static Option<Timestamp?> Time(string name, string description) => new(name)
    {
        Description = description + " (a date, taken as 00:00 China Standard Time, or an ISO 8601 time)",
        HelpName = "time",
        CustomParser = result =>
        {
            var token = result.Tokens.Single().Value;
            if (ParseTime(token) is { } instant)
            {
                return Timestamp.FromDateTimeOffset(instant);
            }

            result.AddError($"{name} '{token}' is not a date (2026-11-01) or an ISO 8601 time (2026-11-01T09:30:00+08:00)");
            return null;
        },
    };

    /// <summary>A SHA-256 written as 64 hex digits.</summary>
    public static Option<ByteString?> Sha256(string name, string description) => new(name)
    {
        Description = description + " (64 hex digits)",
        HelpName = "hex",
        CustomParser = result =>
        {
            var token = result.Tokens.Single().Value.Trim();
            if (token.Length == 64 && token.All(char.IsAsciiHexDigit))
            {
                return ByteString.CopyFrom(Convert.FromHexString(token));
            }

            result.AddError($"{name} must be a SHA-256 of 64 hex digits, not '{token}'");
            return null;
        },
    };

    public static Option<string> RequestId(string description)
    {
        var option = new Option<string>("--request-id") { Description = description, HelpName = "id" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } id && (id.Length is 0 or > CourtClient.MaxRequestIdLength || !id.All(IsRequestIdCharacter)))
            {
                result.AddError($"--request-id '{id}' must be 1–64 characters of A–Z a–z 0–9 - _ . :");
            }
        });
        return option;
    }

    /// <summary>Adds a usage error unless <paramref name="after"/> is before <paramref name="before"/>, as the hub requires.</summary>
    public static void RequireRange(CommandResult result, Option<Timestamp?> after, Option<Timestamp?> before)
    {
        // From the tokens, not GetValue: that throws when either option failed to parse, and
        // that failure is reported already.
        if (TimeOf(result.GetResult(after)) is { } a && TimeOf(result.GetResult(before)) is { } b && a >= b)
        {
            result.AddError($"{after.Name} must be before {before.Name}");
        }
    }

    private static DateTimeOffset? TimeOf(OptionResult? result) =>
        result is { Tokens.Count: 1 } ? ParseTime(result.Tokens[0].Value) : null;

    public static DateTimeOffset? ParseTime(string token)
    {
        token = token.Trim();
        if (DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), SampleDates.ChinaStandardTime);
        }

        if (!DateTime.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) || !token.Contains('T', StringComparison.Ordinal))
        {
            return null;
        }

        // Without an offset the time is the courts' own: China Standard Time.
        return parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, SampleDates.ChinaStandardTime)
            : DateTimeOffset.Parse(token, CultureInfo.InvariantCulture, DateTimeStyles.None);
    }

    public static bool IsRequestIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    /// <summary>Accepts the proto name in any case, with '-' for '_'; never the zero (_UNSPECIFIED) value.</summary>
    public static T? TryParseEnum<T>(string token)
        where T : struct, System.Enum
    {
        var wanted = token.Trim().ToUpperInvariant().Replace('-', '_');
        foreach (var value in System.Enum.GetValues<T>())
        {
            if (Convert.ToInt32(value, CultureInfo.InvariantCulture) != 0 && ProtoNames.Of(value) == wanted)
            {
                return value;
            }
        }

        return null;
    }

    public static string Names<T>()
        where T : struct, System.Enum =>
        string.Join(", ", System.Enum.GetValues<T>().Where(v => Convert.ToInt32(v, CultureInfo.InvariantCulture) != 0).Select(v => ProtoNames.Of(v)));

    private static T ParseEnum<T>(ArgumentResult result, string option, string token, string what, string aliases = "")
        where T : struct, System.Enum
    {
        if (TryParseEnum<T>(token) is { } value)
        {
            return value;
        }

        result.AddError($"{option} '{token}' is not {what}; one of: {aliases}{Names<T>()}");
        return default;
    }
}
