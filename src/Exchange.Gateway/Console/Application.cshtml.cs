using Exchange.Gateway.Services;
using Exchange.Storage.ReadModel;
using Exchange.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using D = Exchange.Domain;

namespace Exchange.Gateway.CourtConsole;

/// <summary>
/// One application: its parties, agreement, materials, deadlines and history, and the acts its
/// status allows (the domain's lifecycle decides which) as forms with a confirmation step. The act
/// goes through CourtOffice.ActAsync, as the CourtService method of that act does, with the officer
/// as the actor and a request id drawn when the confirmation was shown (a repeated post is one act).
/// </summary>
public sealed class ApplicationModel(CourtOffice office, HistoryReader histories) : ConsolePage
{
    /// <summary>The court acts the console offers, in the order an application meets them.</summary>
    public static readonly D.Act[] CourtActs =
    [
        D.Act.Accept, D.Act.RegisterCase, D.Act.RequestCorrection, D.Act.RefuseAcceptance, D.Act.StartReview, D.Act.RequestSupplement,
        D.Act.ExtendReview, D.Act.Confirm, D.Act.Reject, D.Act.IssueDocument, D.Act.RefuseDocument, D.Act.RecordRepudiation,
        D.Act.PermitWithdrawal, D.Act.TreatAsWithdrawn,
    ];

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public D.Act Act { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Correction or supplement items, one a line.</summary>
    [BindProperty]
    public string? Items { get; set; }

    [BindProperty]
    public int LimitDays { get; set; }

    [BindProperty]
    public string? ApprovedBy { get; set; }

    /// <summary>The act's ground, as the number of the contract's ground enum for that act.</summary>
    [BindProperty]
    public int Ground { get; set; }

    /// <summary>Issuing a mediation document: the SHA-256 (hex) of the document issued.</summary>
    [BindProperty]
    public string? DocumentSha256 { get; set; }

    /// <summary>Drawn when the confirmation is shown; the act's idempotency key.</summary>
    [BindProperty]
    public string? RequestId { get; set; }

    public Application App { get; private set; } = null!;

    public IReadOnlyList<HistoryEvent> History { get; private set; } = [];

    /// <summary>True while the act's confirmation is shown.</summary>
    public bool Confirming { get; private set; }

    /// <summary>The acts the application's status allows and the officer's role permits.</summary>
    public IEnumerable<D.Act> OfferedActs => CourtActs.Where(a =>
        D.OfficerPowers.May(Officer.Role, a)
        && D.Lifecycle.Apply((D.ApplicationType)App.Receipt.Type, (D.ApplicationStatus)App.Status, a, D.ActorKind.Court).IsAllowed
        && (a != D.Act.PermitWithdrawal || App.WithdrawalRequestedTime is not null));

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return Missing();
        }

        Notice = TempData["notice"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostPrepareAsync()
    {
        if (!await LoadAsync())
        {
            return Missing();
        }

        if (!D.OfficerPowers.May(Officer.Role, Act))
        {
            return Forbid();
        }

        Confirming = true;
        RequestId = Guid.NewGuid().ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostPerformAsync()
    {
        if (!await LoadAsync())
        {
            return Missing();
        }

        if (!D.OfficerPowers.May(Officer.Role, Act))
        {
            return Forbid();
        }

        try
        {
            var answer = await office.ActAsync(Officer.ToPrincipal(), Act, ActRequest(), HttpContext.RequestAborted);
            TempData["notice"] = ConsoleText.T($"已办理：{ConsoleText.Act(Act)}。当前状态：{ConsoleText.Status(answer.Status)}。", $"Done: {ConsoleText.Act(Act)}. Status now: {ConsoleText.Status(answer.Status)}.");
            return Redirect($"/console/applications/{App.Receipt.ApplicationId}");
        }
        catch (RpcException ex)
        {
            Error = Describe(ex);
        }
        catch (FormatException)
        {
            Error = ConsoleText.T("调解书 SHA-256 须为 64 位十六进制数。", "The document's SHA-256 must be 64 hexadecimal digits.");
        }

        return Page();
    }

    /// <summary>True when the court has no such application: the page says so, with status 404.</summary>
    public bool IsMissing { get; private set; }

    private IActionResult Missing()
    {
        IsMissing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>The act's contract request, built from the form as a CourtService client would send it.</summary>
    private IMessage ActRequest()
    {
        var common = new CourtActRequest { ApplicationId = App.Receipt.ApplicationId, RequestId = RequestId ?? "", OfficerName = Officer.Name, Reason = Reason ?? "" };
        if (!string.IsNullOrWhiteSpace(DocumentSha256))
        {
            common.DocumentSha256 = ByteString.CopyFrom(Convert.FromHexString(DocumentSha256.Trim()));
        }

        var items = (Items ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Act switch
        {
            D.Act.RequestCorrection => new RequestCorrectionRequest { Act = common, Items = { items }, LimitDays = LimitDays },
            D.Act.RequestSupplement => new RequestSupplementRequest { Act = common, Items = { items }, LimitDays = LimitDays },
            D.Act.RefuseAcceptance => new RefuseAcceptanceRequest { Act = common, Ground = (NonAcceptanceGround)Ground },
            D.Act.ExtendReview => new ExtendReviewRequest { Act = common, ApprovedBy = ApprovedBy ?? "" },
            D.Act.Reject => new RejectApplicationRequest { Act = common, Ground = (RejectionGround)Ground },
            D.Act.RefuseDocument => new RefuseMediationDocumentRequest { Act = common, Ground = (DocumentRefusalGround)Ground },
            _ => common,
        };
    }

    /// <summary>False when the court has no such application (another court's answers the same: 404, as NOT_FOUND).</summary>
    private async Task<bool> LoadAsync()
    {
        if (!Guid.TryParseExact(Id, "D", out _))
        {
            return false;
        }

        var principal = Officer.ToPrincipal();
        var app = await office.GetAsync(principal, Id, HttpContext.RequestAborted);
        if (app is null)
        {
            return false;
        }

        App = app;
        History = (await Acts.HistoryAsync(histories, Id, principal.ToActor(), HttpContext.RequestAborted)).Events;
        return true;
    }

    public IReadOnlyList<Party> Parties =>
        App.JudicialConfirmation is { } jc ? jc.Applicants : App.MediationDocument?.Parties ?? (IReadOnlyList<Party>)[];

    public Agreement? Agreement => App.JudicialConfirmation?.Agreement ?? App.MediationDocument?.Agreement;

    public IReadOnlyList<Attachment> Attachments => AttachmentsOf(App);

    /// <summary>The materials filed with an application, in their order (a download names one by its place).</summary>
    public static IReadOnlyList<Attachment> AttachmentsOf(Application app) =>
        app.JudicialConfirmation is { } jc ? jc.Attachments : app.MediationDocument?.Attachments ?? (IReadOnlyList<Attachment>)[];

    public static string PartyName(Party party) => party.NaturalPerson?.Name ?? party.Organization?.Name ?? "—";

    /// <summary>The ground choices of an act that takes one: (number, words).</summary>
    public static IReadOnlyList<(int Value, string Text)> Grounds(D.Act act) => act switch
    {
        D.Act.RefuseAcceptance => [.. Enum.GetValues<NonAcceptanceGround>().Where(g => g != NonAcceptanceGround.Unspecified).Select(g => ((int)g, ConsoleText.NonAcceptanceGround(g)))],
        D.Act.Reject => [.. Enum.GetValues<RejectionGround>().Where(g => g != RejectionGround.Unspecified).Select(g => ((int)g, ConsoleText.RejectionGround(g)))],
        D.Act.RefuseDocument => [.. Enum.GetValues<DocumentRefusalGround>().Where(g => g != DocumentRefusalGround.Unspecified).Select(g => ((int)g, ConsoleText.DocumentRefusalGround(g)))],
        _ => [],
    };

    public static bool TakesItems(D.Act act) => act is D.Act.RequestCorrection or D.Act.RequestSupplement;

    public string GroundText => Act switch
    {
        D.Act.RefuseAcceptance => ConsoleText.NonAcceptanceGround((NonAcceptanceGround)Ground),
        D.Act.Reject => ConsoleText.RejectionGround((RejectionGround)Ground),
        D.Act.RefuseDocument => ConsoleText.DocumentRefusalGround((DocumentRefusalGround)Ground),
        _ => "",
    };
}
