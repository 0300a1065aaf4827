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

    public static string Status(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Received => "已收到",
        ApplicationStatus.CorrectionRequested => "待补正",
        ApplicationStatus.NotAccepted => "不予受理",
        ApplicationStatus.Accepted => "已受理",
        ApplicationStatus.UnderReview => "审查中",
        ApplicationStatus.SupplementRequested => "待补充材料",
        ApplicationStatus.Confirmed => "裁定调解协议有效",
        ApplicationStatus.Rejected => "裁定驳回申请",
        ApplicationStatus.Withdrawn => "准许撤回",
        ApplicationStatus.DeemedWithdrawn => "按撤回处理",
        ApplicationStatus.Served => "已送达",
        ApplicationStatus.CaseRegistered => "已立案",
        ApplicationStatus.Refused => "不予出具调解书",
        ApplicationStatus.DocumentIssued => "调解书已出具",
        ApplicationStatus.Effective => "调解书已生效",
        ApplicationStatus.Repudiated => "当事人反悔",
        _ => status.ToString(),
    };

    public static string Type(ApplicationType type) => type switch
    {
        ApplicationType.JudicialConfirmation => "司法确认",
        ApplicationType.MediationDocument => "出具调解书",
        _ => "—",
    };

    public static string DeadlineKind(DeadlineKind kind) => kind switch
    {
        V1.DeadlineKind.AcceptanceDecision => "受理审查期限",
        V1.DeadlineKind.Review => "审查期限",
        V1.DeadlineKind.ReviewCeiling => "审查期限（延长后）",
        V1.DeadlineKind.Correction => "补正期限",
        V1.DeadlineKind.Supplement => "补充材料期限",
        _ => "—",
    };

    public static string DeadlineState(DeadlineState state) => state switch
    {
        V1.DeadlineState.NoDeadline => "无期限",
        V1.DeadlineState.OnTime => "期限内",
        V1.DeadlineState.DueSoon => "即将到期",
        V1.DeadlineState.Overdue => "已超期",
        _ => "—",
    };

    public static string NonAcceptanceGround(NonAcceptanceGround ground) => ground switch
    {
        V1.NonAcceptanceGround.OutsideCourtsRemit => "不属于人民法院受理范围",
        V1.NonAcceptanceGround.OutsideJurisdiction => "不属于本院管辖",
        V1.NonAcceptanceGround.PersonalStatus => "涉及身份关系",
        V1.NonAcceptanceGround.SpecialOrBankruptcyProcedure => "涉及适用特别程序、公示催告程序、破产程序",
        V1.NonAcceptanceGround.PropertyOrIpOwnership => "涉及物权、知识产权确权",
        _ => "—",
    };

    public static string RejectionGround(RejectionGround ground) => ground switch
    {
        V1.RejectionGround.ViolatesMandatoryLaw => "违反法律强制性规定",
        V1.RejectionGround.HarmsStatePublicOrOthers => "损害国家利益、社会公共利益、他人合法权益",
        V1.RejectionGround.AgainstPublicOrder => "违背公序良俗",
        V1.RejectionGround.NotVoluntary => "违反自愿原则",
        V1.RejectionGround.ContentUnclear => "内容不明确",
        V1.RejectionGround.OtherRejectionGround => "其他不能进行司法确认的情形",
        _ => "—",
    };

    public static string DocumentRefusalGround(DocumentRefusalGround ground) => ground switch
    {
        V1.DocumentRefusalGround.NotIssuableMatter => "不属于可出具调解书的事项",
        V1.DocumentRefusalGround.SuspectedFalseMediation => "涉嫌虚假调解",
        V1.DocumentRefusalGround.UnlawfulOrInvoluntary => "违法或违反自愿原则",
        V1.DocumentRefusalGround.OtherGround => "其他情形",
        _ => "—",
    };

    public static string Act(D.Act act) => act switch
    {
        D.Act.Accept => "受理",
        D.Act.RefuseAcceptance => "裁定不予受理",
        D.Act.RequestCorrection => "通知补正",
        D.Act.StartReview => "开始审查",
        D.Act.RequestSupplement => "责令补充材料",
        D.Act.ExtendReview => "延长审查期限",
        D.Act.Confirm => "裁定调解协议有效",
        D.Act.Reject => "裁定驳回申请",
        D.Act.PermitWithdrawal => "准许撤回",
        D.Act.TreatAsWithdrawn => "按撤回处理",
        D.Act.RegisterCase => "立案",
        D.Act.IssueDocument => "出具调解书",
        D.Act.RefuseDocument => "不予出具调解书",
        D.Act.RecordRepudiation => "记录当事人反悔",
        _ => act.ToString(),
    };

    public static string Side(PartySide side) => side switch
    {
        PartySide.SideA => "甲方（申请人）",
        PartySide.SideB => "乙方（被申请人）",
        _ => "—",
    };

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
    public static string Code(Grpc.Core.StatusCode code) => code switch
    {
        Grpc.Core.StatusCode.OK => "成功",
        Grpc.Core.StatusCode.InvalidArgument => "填写有误",
        Grpc.Core.StatusCode.FailedPrecondition => "当前状态不允许此操作",
        Grpc.Core.StatusCode.NotFound => "未找到本院的该申请",
        Grpc.Core.StatusCode.PermissionDenied => "无权办理",
        Grpc.Core.StatusCode.AlreadyExists => "与此前的办理冲突",
        Grpc.Core.StatusCode.Unavailable => "系统暂不可用，未办理",
        Grpc.Core.StatusCode.Unknown => "结果未知，请以相同请求重试",
        _ => "系统错误",
    };
}
