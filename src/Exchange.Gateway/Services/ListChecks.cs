using Exchange.Gateway.Mapping;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;

namespace Exchange.Gateway.Services;

/// <summary>The checks that listings (applications, docket, statistics) share.</summary>
internal static class ListChecks
{
    /// <summary>Page size, status and type filters.</summary>
    public static void CheckFilters(int pageSize, IEnumerable<ApplicationStatus> statuses, ApplicationType type, List<(string, string)> violations)
    {
        if (pageSize < 0)
        {
            violations.Add(("page_size", "must not be negative"));
        }

        if (statuses.Any(s => s == ApplicationStatus.Unspecified || !System.Enum.IsDefined(s)))
        {
            violations.Add(("statuses", "contains an unspecified or unknown status"));
        }

        if (!System.Enum.IsDefined(type))
        {
            violations.Add(("type", "unknown application type"));
        }
    }

    /// <summary>The received-time range: valid instants, and after before before.</summary>
    public static (DateTimeOffset? After, DateTimeOffset? Before) ReceivedRange(Timestamp? after, Timestamp? before, List<(string, string)> violations)
    {
        var from = ToInstant(after, "received_after", violations);
        var to = ToInstant(before, "received_before", violations);
        if (from is not null && to is not null && from >= to)
        {
            violations.Add(("received_after", "must be before received_before"));
        }

        return (from, to);
    }

    private static DateTimeOffset? ToInstant(Timestamp? timestamp, string field, List<(string, string)> violations)
    {
        if (timestamp is null)
        {
            return null;
        }

        if (ApplicationMapper.IsValid(timestamp))
        {
            return timestamp.ToDateTimeOffset();
        }

        violations.Add((field, "not a valid timestamp"));
        return null;
    }
}
