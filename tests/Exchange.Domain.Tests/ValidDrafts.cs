using System.Security.Cryptography;
using System.Text;

namespace Exchange.Domain.Tests;

/// <summary>
/// Fully valid drafts of both application types, received at <see cref="Now"/>, and helpers to
/// derive invalid ones. The values are realistic enough to copy into samples.
/// </summary>
public static class ValidDrafts
{
    /// <summary>The receive instant every test uses unless it says otherwise.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

    public static CourtRegistry Courts { get; } = CourtRegistry.LoadSample();

    public static HolidayCalendar Calendar { get; } = HolidayCalendar.LoadEmbedded();

    /// <summary>A resident ID that passes GB 11643 (the standard's own example).</summary>
    public const string ResidentId = "11010519491231002X";

    /// <summary>Another valid resident ID (checked with the algorithm).</summary>
    public const string OtherResidentId = "650102198503151237";

    /// <summary>A unified social credit code that passes GB 32100.</summary>
    public const string CreditCode = "91350100M000100Y43";

    /// <summary>Another valid code.</summary>
    public const string OtherCreditCode = "91110000600037341L";

    public static byte[] AgreementPdf { get; } = Encoding.UTF8.GetBytes("%PDF-1.7 调解协议 TS-2026-0042");

    public static Attachment InlineFile(AttachmentKind kind, string fileName, byte[] content, int? partyIndex = null) => new()
    {
        Kind = kind,
        FileName = fileName,
        MediaType = "application/pdf",
        SizeBytes = content.Length,
        Sha256 = SHA256.HashData(content),
        Content = content,
        PartyIndex = partyIndex,
    };

    public static Attachment HashOnlyFile(AttachmentKind kind, string fileName, int? partyIndex = null) => new()
    {
        Kind = kind,
        FileName = fileName,
        MediaType = "application/pdf",
        SizeBytes = 245_760,
        Sha256 = SHA256.HashData(Encoding.UTF8.GetBytes(fileName)),
        PartyIndex = partyIndex,
    };

    public static ApplicationDraft JudicialConfirmation() => new()
    {
        PlatformCaseId = "tianshan-med/2026:0042",
        CourtCode = "新0102",
        Consent = new OnlineConsent
        {
            OnlineHandling = true,
            ElectronicService = true,
            ConsentTime = new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(8)),
        },
        Type = ApplicationType.JudicialConfirmation,
        Parties =
        [
            new Party
            {
                Side = PartySide.SideA,
                NaturalPerson = new NaturalPerson { Name = "张三", IdType = IdentityDocumentType.ResidentIdCard, IdNumber = ResidentId },
                Address = "新疆维吾尔自治区乌鲁木齐市天山区解放南路1号",
                Phone = "+86 138 0000 0000",
                ElectronicServiceAddress = "zhangsan@example.cn",
            },
            new Party
            {
                Side = PartySide.SideB,
                Organization = new Organization { Name = "乌鲁木齐某某商贸有限公司", UnifiedSocialCreditCode = CreditCode, LegalRepresentative = "李四" },
                Address = "新疆维吾尔自治区乌鲁木齐市沙依巴克区友好北路2号",
                Phone = "0991-1234567",
                ElectronicServiceAddress = "legal@example.com.cn",
                Agent = new Agent { Name = "王五", IdType = IdentityDocumentType.ResidentIdCard, IdNumber = OtherResidentId, Phone = "13900000000" },
            },
        ],
        Mediation = new Mediation
        {
            OrganizationName = "天山区解放南路街道人民调解委员会",
            OrganizationType = MediationOrganizationType.PeoplesMediation,
            CourtRelation = CourtRelation.NoCourtRelation,
            MediatorName = "赵六",
            MediatorId = "TS-M-017",
            StartDate = new DateOnly(2026, 2, 25),
            EndDate = new DateOnly(2026, 3, 1),
        },
        Agreement = new Agreement
        {
            Number = "TS-2026-0042",
            SignedDate = new DateOnly(2026, 3, 1),
            EffectiveTime = new DateTimeOffset(2026, 3, 1, 15, 30, 0, TimeSpan.FromHours(8)),
            Items =
            [
                new AgreementItem
                {
                    ObligorPartyIndex = 1,
                    ObligeePartyIndex = 0,
                    Description = "支付货款人民币壹万贰仟元整",
                    AmountFen = 1_200_000,
                    DueDate = new DateOnly(2026, 4, 30),
                },
            ],
            DisputeType = DisputeType.Contract,
        },
        Attachments =
        [
            InlineFile(AttachmentKind.MediationAgreement, "调解协议.pdf", AgreementPdf) with
            {
                Signatures =
                [
                    new Signature { Signer = "张三", Method = "e-signature", SignedTime = new DateTimeOffset(2026, 3, 1, 15, 0, 0, TimeSpan.FromHours(8)) },
                    new Signature { Signer = "乌鲁木齐某某商贸有限公司", Method = "seal" },
                ],
            },
            HashOnlyFile(AttachmentKind.MediationProof, "调解记录.pdf"),
            HashOnlyFile(AttachmentKind.PowerOfAttorney, "授权委托书.pdf", partyIndex: 1),
        ],
    };

    public static ApplicationDraft MediationDocument() => new()
    {
        PlatformCaseId = "SYBK-2026-0007",
        CourtCode = "新0103",
        Consent = new OnlineConsent
        {
            OnlineHandling = true,
            ElectronicService = true,
            ConsentTime = new DateTimeOffset(2026, 3, 9, 11, 0, 0, TimeSpan.FromHours(8)),
        },
        Type = ApplicationType.MediationDocument,
        Parties =
        [
            new Party
            {
                Side = PartySide.SideA,
                Organization = new Organization { Name = "新疆某某小额贷款有限公司", UnifiedSocialCreditCode = OtherCreditCode, LegalRepresentative = "孙七" },
                Address = "新疆维吾尔自治区乌鲁木齐市沙依巴克区西北路3号",
                Phone = "0991-7654321",
                ElectronicServiceAddress = "court@example-loan.cn",
                Agent = new Agent { Name = "周八", IdType = IdentityDocumentType.Passport, IdNumber = "E12345678" },
            },
            new Party
            {
                Side = PartySide.SideB,
                NaturalPerson = new NaturalPerson { Name = "吴九", IdType = IdentityDocumentType.ResidentIdCard, IdNumber = OtherResidentId },
                Address = "新疆维吾尔自治区乌鲁木齐市沙依巴克区长江路4号",
                Phone = "13800000001",
                ElectronicServiceAddress = "13800000001",
            },
        ],
        Mediation = new Mediation
        {
            OrganizationName = "沙依巴克区金融纠纷调解中心",
            OrganizationType = MediationOrganizationType.CourtInvitedMediation,
            OrganizationCreditCode = CreditCode,
            CourtRelation = CourtRelation.EntrustedByCourt,
            RelatedCourtCode = "新0103",
            MediatorName = "郑十",
            MediatorId = "SYBK-007",
            StartDate = new DateOnly(2026, 3, 2),
            EndDate = new DateOnly(2026, 3, 6),
        },
        Agreement = new Agreement
        {
            Number = "SYBK-TJ-2026-007",
            SignedDate = new DateOnly(2026, 3, 6),
            EffectiveTime = new DateTimeOffset(2026, 3, 6, 17, 0, 0, TimeSpan.FromHours(8)),
            Items =
            [
                new AgreementItem { ObligorPartyIndex = 1, ObligeePartyIndex = 0, Description = "分期偿还借款本金及利息", AmountFen = 5_000_000, DueDate = new DateOnly(2026, 9, 30) },
                new AgreementItem { ObligorPartyIndex = 0, ObligeePartyIndex = 1, Description = "出具结清证明", AmountFen = 0 },
            ],
            DisputeType = DisputeType.FinancialLoan,
        },
        Claims = "判令被告偿还借款本金人民币五万元及利息。",
        Facts = "2025年3月，被告向原告借款人民币五万元，约定一年内归还，到期未还。",
        PreLitigationCaseNumber = "（2026）新0103民诉前调45号",
        Attachments =
        [
            InlineFile(AttachmentKind.MediationAgreement, "调解协议.pdf", AgreementPdf),
            HashOnlyFile(AttachmentKind.PowerOfAttorney, "授权委托书.pdf", partyIndex: 0),
            HashOnlyFile(AttachmentKind.IdentityProof, "身份证.pdf", partyIndex: 1),
        ],
    };

    public static ValidationOutcome Validate(ApplicationDraft draft, DateTimeOffset? now = null) =>
        ApplicationValidator.Validate(draft, Courts, Calendar, now ?? Now);

    /// <summary>The draft with party <paramref name="index"/> replaced.</summary>
    public static ApplicationDraft WithParty(this ApplicationDraft draft, int index, Func<Party, Party> change) =>
        draft with { Parties = draft.Parties.SetItem(index, change(draft.Parties[index])) };

    /// <summary>The draft with attachment <paramref name="index"/> replaced.</summary>
    public static ApplicationDraft WithAttachment(this ApplicationDraft draft, int index, Func<Attachment, Attachment> change) =>
        draft with { Attachments = draft.Attachments.SetItem(index, change(draft.Attachments[index])) };

    public static ApplicationDraft WithAgreement(this ApplicationDraft draft, Func<Agreement, Agreement> change) =>
        draft with { Agreement = change(draft.Agreement!) };

    public static ApplicationDraft WithMediation(this ApplicationDraft draft, Func<Mediation, Mediation> change) =>
        draft with { Mediation = change(draft.Mediation!) };

    /// <summary>The fields of the violations, for compact assertions.</summary>
    public static string[] Fields(this ValidationOutcome outcome) => [.. outcome.Violations.Select(v => v.Field)];
}
