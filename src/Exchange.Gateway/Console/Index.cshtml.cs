using Exchange.Gateway.Services;
using Exchange.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;

namespace Exchange.Gateway.CourtConsole;

/// <summary>The docket: the court's applications, nearest deadline first, filtered, in keyset pages (CourtOffice.ListDocketAsync, as ListDocket).</summary>
public sealed class DocketModel(CourtOffice office) : ConsolePage
{
    public const int PageSize = 100;

    /// <summary>The statuses an officer works on, offered as filters.</summary>
    public static readonly ApplicationStatus[] FilterStatuses =
    [
        ApplicationStatus.Received, ApplicationStatus.CorrectionRequested, ApplicationStatus.Accepted, ApplicationStatus.UnderReview,
        ApplicationStatus.SupplementRequested, ApplicationStatus.CaseRegistered, ApplicationStatus.DocumentIssued, ApplicationStatus.Confirmed,
        ApplicationStatus.Rejected,
    ];

    [BindProperty(SupportsGet = true)]
    public List<ApplicationStatus> Status { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public ApplicationType Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public DeadlineState Deadline { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public string? PageToken { get; set; }

    public IReadOnlyList<DocketEntry> Entries { get; private set; } = [];

    public string NextToken { get; private set; } = "";

    /// <summary>Set on a later page: the way back to the first (keyset pages go forward only).</summary>
    public string? PreviousToken { get; private set; }

    public async Task OnGetAsync()
    {
        var request = new ListDocketRequest { PageSize = PageSize, PageToken = PageToken ?? "", Type = Type, DeadlineState = Deadline };
        request.Statuses.Add(Status);
        try
        {
            var response = await office.ListDocketAsync(Officer.ToPrincipal(), request, HttpContext.RequestAborted);
            Entries = response.Entries;
            NextToken = response.NextPageToken;
            PreviousToken = string.IsNullOrEmpty(PageToken) ? null : "";
        }
        catch (RpcException ex)
        {
            Error = Describe(ex);
        }
    }

    /// <summary>This docket's address with the same filters on another page ("" : the first).</summary>
    public string PageLink(string token)
    {
        var query = new List<string>();
        query.AddRange(Status.Select(s => $"status={(int)s}"));
        if (Type != ApplicationType.Unspecified)
        {
            query.Add($"type={(int)Type}");
        }

        if (Deadline != DeadlineState.Unspecified)
        {
            query.Add($"deadline={(int)Deadline}");
        }

        if (token.Length > 0)
        {
            query.Add("after=" + Uri.EscapeDataString(token));
        }

        return "/console" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
