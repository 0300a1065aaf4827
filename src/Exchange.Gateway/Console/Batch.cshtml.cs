using Exchange.Gateway.Services;
using Exchange.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Exchange.Gateway.CourtConsole;

/// <summary>
/// Batch ruling, for judges: choose the applications (ticked on the docket, or every one under
/// review, or those of them whose deadline is near or past), confirm, see each item's result. The
/// ruling is CourtOffice.BatchRuleAsync, as BatchRule: the request id is drawn when the
/// confirmation is shown and posted with it, so a form posted twice (a double click, a retry after
/// a lost answer) is one batch — the second post gets the first one's results and rules nothing.
/// </summary>
[Authorize(Policy = ConsoleHosting.JudgePolicy)]
public sealed class BatchModel(CourtOffice office, ILogger<BatchModel> logger) : ConsolePage
{
    /// <summary>"review": every application under review; "due": those of them due soon or overdue.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Scope { get; set; }

    /// <summary>Ticked on the docket.</summary>
    [BindProperty]
    public List<string> Ids { get; set; } = [];

    /// <summary>The chosen applications, space-separated (one form field, however many: form value counts are limited).</summary>
    [BindProperty]
    public string? IdList { get; set; }

    [BindProperty]
    public BatchRuling Ruling { get; set; } = BatchRuling.Confirm;

    [BindProperty]
    public RejectionGround RejectionGround { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? RequestId { get; set; }

    public IReadOnlyList<string> Chosen { get; private set; } = [];

    public BatchRuleResponse? Results { get; private set; }

    public async Task OnGetAsync()
    {
        if (Scope is "review" or "due")
        {
            Chosen = await UnderReviewAsync(Scope == "due");
            RequestId = Guid.NewGuid().ToString();
        }
    }

    /// <summary>The applications ticked on the docket, shown for confirmation.</summary>
    public void OnPostSelect()
    {
        Chosen = [.. Ids.Distinct(StringComparer.Ordinal)];
        RequestId = Guid.NewGuid().ToString();
    }

    public async Task OnPostRuleAsync()
    {
        try
        {
            Results = await office.BatchRuleAsync(Officer.ToPrincipal(), RuleRequest(), HttpContext.RequestAborted);
        }
        catch (RpcException ex)
        {
            Error = Describe(ex);
        }
    }

    /// <summary>
    /// The page's script: the same form, ruled in the background (the batch grain keeps going
    /// whatever this request does) while the page asks for <see cref="OnGetProgressAsync"/>; once all
    /// are ruled the script posts the form as <see cref="OnPostRuleAsync"/>, which answers with the
    /// stored results and rules nothing again. A refusal of the whole batch (a bad request) is
    /// answered here at once, before anything is ruled.
    /// </summary>
    public IActionResult OnPostStart()
    {
        var ruling = office.BatchRuleAsync(Officer.ToPrincipal(), RuleRequest(), CancellationToken.None);
        if (ruling.IsFaulted)
        {
            return StatusCode(StatusCodes.Status400BadRequest, new { error = ruling.Exception.InnerException is RpcException ex ? Describe(ex) : ConsoleText.Code(Grpc.Core.StatusCode.Internal) });
        }

        // Observed so that a failure is logged, not left to the finaliser; the final post reports it to the officer.
        _ = ruling.ContinueWith(
            (t, state) => ((ILogger)state!).LogWarning(t.Exception, "A console batch failed in the background"),
            logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return StatusCode(StatusCodes.Status202Accepted, new { requestId = RequestId });
    }

    /// <summary>The batch's items ruled so far, as JSON: {done, total, ruled: [{id, ok, outcome, status}]}.</summary>
    public async Task<IActionResult> OnGetProgressAsync(string requestId)
    {
        try
        {
            var (done, total, ruled) = await office.BatchProgressAsync(Officer.ToPrincipal(), requestId, HttpContext.RequestAborted);
            return new JsonResult(new
            {
                done,
                total,
                ruled = ruled.Select(r => new
                {
                    id = r.ApplicationId,
                    ok = r.Status.Code == 0,
                    outcome = Outcome(r),
                    status = r.ApplicationStatus == ApplicationStatus.Unspecified ? "—" : ConsoleText.Status(r.ApplicationStatus),
                }),
            });
        }
        catch (RpcException ex)
        {
            return StatusCode(StatusCodes.Status400BadRequest, new { error = Describe(ex) });
        }
    }

    private BatchRuleRequest RuleRequest()
    {
        Chosen = (IdList ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var request = new BatchRuleRequest
        {
            RequestId = RequestId ?? "",
            Ruling = Ruling,
            OfficerName = Officer.Name,
            Reason = Reason ?? "",
            RejectionGround = Ruling == BatchRuling.Reject ? RejectionGround : RejectionGround.Unspecified,
        };
        request.ApplicationIds.Add(Chosen);
        return request;
    }

    /// <summary>Up to the batch limit of the court's applications under review, nearest deadline first (the docket's order).</summary>
    private async Task<IReadOnlyList<string>> UnderReviewAsync(bool dueOnly)
    {
        var ids = new List<string>();
        DeadlineState[] states = dueOnly ? [DeadlineState.Overdue, DeadlineState.DueSoon] : [DeadlineState.Unspecified];
        foreach (var state in states)
        {
            var token = "";
            do
            {
                var request = new ListDocketRequest { PageSize = 500, PageToken = token, DeadlineState = state, Statuses = { ApplicationStatus.UnderReview } };
                var page = await office.ListDocketAsync(Officer.ToPrincipal(), request, HttpContext.RequestAborted);
                ids.AddRange(page.Entries.Select(e => e.ApplicationId));
                token = page.NextPageToken;
            }
            while (token.Length > 0 && ids.Count < CourtOffice.MaxBatchItems);
        }

        return [.. ids.Take(CourtOffice.MaxBatchItems)];
    }

    public static string Outcome(BatchRuleResult result)
    {
        var code = (Grpc.Core.StatusCode)result.Status.Code;
        if (code == Grpc.Core.StatusCode.OK)
        {
            return ConsoleText.Code(Grpc.Core.StatusCode.OK);
        }

        var reason = result.Status.Details.Select(d => d.TryUnpack<Google.Rpc.ErrorInfo>(out var info) ? info.Reason : null).FirstOrDefault(r => r is not null);
        return $"{ConsoleText.Code(code)}{(reason is null ? "" : "（" + reason + "）")}：{result.Status.Message}";
    }
}
