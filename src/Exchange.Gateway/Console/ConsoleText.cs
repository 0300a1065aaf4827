using System.Globalization;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using D = Exchange.Domain;

namespace Exchange.Gateway.CourtConsole;

/// <summary>
/// The console's words for the contract's values, in Chinese, as DOMAIN.md and common.proto name
/// them (the English proto name stays visible where an officer may need to tell it to a platform),
/// and its dates in China Standard Time.
/// </summary>
public static class ConsoleText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The cookie that keeps an officer's choice of language ("c=en|uic=en"); Chinese without it.</summary>
    public const string LanguageCookie = "exchange.console.lang";

    /// <summary>True when the request asked for English (the request localisation middleware set the UI culture).</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The words in the request's language: Chinese unless English was chosen.</summary>
    public static string T(string chinese, string english) => English ? english : chinese;

    private static string Pick((string Chinese, string English) words) => T(words.Chinese, words.English);

    public static string Status(ApplicationStatus status) => Pick(status switch
    {
        ApplicationStatus.Received => ("已收到", "Received"),
        ApplicationStatus.CorrectionRequested => ("待补正", "Correction requested"),
        ApplicationStatus.NotAccepted => ("不予受理", "Not accepted"),
        ApplicationStatus.Accepted => ("已受理", "Accepted"),
        ApplicationStatus.UnderReview => ("审查中", "Under review"),
        ApplicationStatus.SupplementRequested => ("待补充材料", "Supplement requested"),
        ApplicationStatus.Confirmed => ("裁定调解协议有效", "Agreement confirmed valid"),
        ApplicationStatus.Rejected => ("裁定驳回申请", "Application rejected"),
        ApplicationStatus.Withdrawn => ("准许撤回", "Withdrawn"),
        ApplicationStatus.DeemedWithdrawn => ("按撤回处理", "Deemed withdrawn"),
        ApplicationStatus.Served => ("已送达", "Served"),
        ApplicationStatus.CaseRegistered => ("已立案", "Case registered"),
        ApplicationStatus.Refused => ("不予出具调解书", "Document refused"),
        ApplicationStatus.DocumentIssued => ("调解书已出具", "Document issued"),
        ApplicationStatus.Effective => ("调解书已生效", "Document effective"),
        ApplicationStatus.Repudiated => ("当事人反悔", "Repudiated"),
        _ => (status.ToString(), status.ToString()),
    });

    public static string Type(ApplicationType type) => Pick(type switch
    {
        ApplicationType.JudicialConfirmation => ("司法确认", "Judicial confirmation"),
        ApplicationType.MediationDocument => ("出具调解书", "Mediation document"),
        _ => ("—", "—"),
    });

    public static string DeadlineKind(DeadlineKind kind) => Pick(kind switch
    {
        V1.DeadlineKind.AcceptanceDecision => ("受理审查期限", "Acceptance decision"),
        V1.DeadlineKind.Review => ("审查期限", "Review"),
        V1.DeadlineKind.ReviewCeiling => ("审查期限（延长后）", "Review (extended)"),
        V1.DeadlineKind.Correction => ("补正期限", "Correction"),
        V1.DeadlineKind.Supplement => ("补充材料期限", "Supplement"),
        _ => ("—", "—"),
    });

    public static string DeadlineState(DeadlineState state) => Pick(state switch
    {
        V1.DeadlineState.NoDeadline => ("无期限", "No deadline"),
        V1.DeadlineState.OnTime => ("期限内", "On time"),
        V1.DeadlineState.DueSoon => ("即将到期", "Due soon"),
        V1.DeadlineState.Overdue => ("已超期", "Overdue"),
        _ => ("—", "—"),
    });

    public static string NonAcceptanceGround(NonAcceptanceGround ground) => Pick(ground switch
    {
        V1.NonAcceptanceGround.OutsideCourtsRemit => ("不属于人民法院受理范围", "Outside the courts' remit"),
        V1.NonAcceptanceGround.OutsideJurisdiction => ("不属于本院管辖", "Outside this court's jurisdiction"),
        V1.NonAcceptanceGround.PersonalStatus => ("涉及身份关系", "Personal status"),
        V1.NonAcceptanceGround.SpecialOrBankruptcyProcedure => ("涉及适用特别程序、公示催告程序、破产程序", "Special, public summons or bankruptcy procedure"),
        V1.NonAcceptanceGround.PropertyOrIpOwnership => ("涉及物权、知识产权确权", "Ownership of property or IP rights"),
        _ => ("—", "—"),
    });

    public static string RejectionGround(RejectionGround ground) => Pick(ground switch
    {
        V1.RejectionGround.ViolatesMandatoryLaw => ("违反法律强制性规定", "Violates mandatory law"),
        V1.RejectionGround.HarmsStatePublicOrOthers => ("损害国家利益、社会公共利益、他人合法权益", "Harms the state, the public or others"),
        V1.RejectionGround.AgainstPublicOrder => ("违背公序良俗", "Against public order and good morals"),
        V1.RejectionGround.NotVoluntary => ("违反自愿原则", "Not voluntary"),
        V1.RejectionGround.ContentUnclear => ("内容不明确", "Content unclear"),
        V1.RejectionGround.OtherRejectionGround => ("其他不能进行司法确认的情形", "Other ground"),
        _ => ("—", "—"),
    });

    public static string DocumentRefusalGround(DocumentRefusalGround ground) => Pick(ground switch
    {
        V1.DocumentRefusalGround.NotIssuableMatter => ("不属于可出具调解书的事项", "Not an issuable matter"),
        V1.DocumentRefusalGround.SuspectedFalseMediation => ("涉嫌虚假调解", "Suspected false mediation"),
        V1.DocumentRefusalGround.UnlawfulOrInvoluntary => ("违法或违反自愿原则", "Unlawful or involuntary"),
        V1.DocumentRefusalGround.OtherGround => ("其他情形", "Other ground"),
        _ => ("—", "—"),
    });

    public static string Act(D.Act act) => Pick(act switch
    {
        D.Act.Accept => ("受理", "Accept"),
        D.Act.RefuseAcceptance => ("裁定不予受理", "Refuse acceptance"),
        D.Act.RequestCorrection => ("通知补正", "Request correction"),
        D.Act.StartReview => ("开始审查", "Start review"),
        D.Act.RequestSupplement => ("责令补充材料", "Request supplement"),
        D.Act.ExtendReview => ("延长审查期限", "Extend review"),
        D.Act.Confirm => ("裁定调解协议有效", "Confirm the agreement"),
        D.Act.Reject => ("裁定驳回申请", "Reject the application"),
        D.Act.PermitWithdrawal => ("准许撤回", "Permit withdrawal"),
        D.Act.TreatAsWithdrawn => ("按撤回处理", "Treat as withdrawn"),
        D.Act.RegisterCase => ("立案", "Register case"),
        D.Act.IssueDocument => ("出具调解书", "Issue the document"),
        D.Act.RefuseDocument => ("不予出具调解书", "Refuse the document"),
        D.Act.RecordRepudiation => ("记录当事人反悔", "Record repudiation"),
        _ => (act.ToString(), act.ToString()),
    });

    public static string Side(PartySide side) => Pick(side switch
    {
        PartySide.SideA => ("甲方（申请人）", "Side A (applicant)"),
        PartySide.SideB => ("乙方（被申请人）", "Side B (respondent)"),
        _ => ("—", "—"),
    });

    /// <summary>"2026-03-05 14:07" in China Standard Time; "—" when absent.</summary>
    public static string Time(Timestamp? time) => time is null ? "—" : Time(time.ToDateTimeOffset());

    public static string Time(DateTimeOffset time) => time.ToOffset(D.ChinaStandardTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A deadline's last day (China Standard Time): the day before the instant it closes, which is 00:00 of the next.</summary>
    public static string LastDay(Timestamp? closes) =>
        closes is null ? "—" : D.ChinaStandardTime.DateOf(closes.ToDateTimeOffset().AddTicks(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(Google.Type.Date? date) =>
        date is null || date.Year == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}");

    /// <summary>Fen as yuan: "¥12,345.67".</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("¥#,##0.00", CultureInfo.InvariantCulture);

    public static string Hex(Google.Protobuf.ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    /// <summary>The Chinese words for a refusal's status code; the hub's own message follows them on the page.</summary>
    public static string Code(Grpc.Core.StatusCode code) => Pick(code switch
    {
        Grpc.Core.StatusCode.OK => ("成功", "OK"),
        Grpc.Core.StatusCode.InvalidArgument => ("填写有误", "Invalid input"),
        Grpc.Core.StatusCode.FailedPrecondition => ("当前状态不允许此操作", "Not allowed in the current status"),
        Grpc.Core.StatusCode.NotFound => ("未找到本院的该申请", "No such application of this court"),
        Grpc.Core.StatusCode.PermissionDenied => ("无权办理", "Not permitted"),
        Grpc.Core.StatusCode.AlreadyExists => ("与此前的办理冲突", "Conflicts with an earlier act"),
        Grpc.Core.StatusCode.Unavailable => ("系统暂不可用，未办理", "Unavailable, nothing done"),
        Grpc.Core.StatusCode.Unknown => ("结果未知，请以相同请求重试", "Outcome unknown: retry the same request"),
        _ => ("系统错误", "System error"),
    });
}
