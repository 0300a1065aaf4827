using System.Security.Cryptography;
using System.Text;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>Valid requests to start from; tests change one thing to make them invalid.</summary>
public static class Requests
{
    /// <summary>A GB 32100 code whose check character is right.</summary>
    public const string ValidCreditCode = "91650102MA71111109";

    /// <summary>The GB 11643 example: a valid resident ID.</summary>
    public const string ValidResidentId = "11010519491231002X";

    public static SubmitApplicationRequest JudicialConfirmation(string caseId, string court = HubFixture.Court)
    {
        var now = DateTimeOffset.UtcNow;
        var cst = now.ToOffset(TimeSpan.FromHours(8));
        var today = new Google.Type.Date { Year = cst.Year, Month = cst.Month, Day = cst.Day };
        var jc = new JudicialConfirmationApplication
        {
            Mediation = Mediation(today),
            Agreement = new Agreement
            {
                Number = "TS-2026-" + caseId,
                SignedDate = today,
                EffectiveTime = Timestamp.FromDateTimeOffset(now.AddMinutes(-30)),
                DisputeType = DisputeType.Debt,
                Items = { new AgreementItem { ObligorPartyIndex = 1, ObligeePartyIndex = 0, Description = "偿还借款本金", AmountFen = 1_250_000 } },
            },
        };
        jc.Applicants.Add(Person());
        jc.Applicants.Add(Company());
        jc.Attachments.Add(File(AttachmentKind.MediationAgreement, "agreement.pdf", "调解协议 " + caseId));
        jc.Attachments.Add(File(AttachmentKind.MediationProof, "proof.pdf", "调解证明 " + caseId));
        return new SubmitApplicationRequest
        {
            PlatformCaseId = caseId,
            CourtCode = court,
            Consent = Consent(now),
            JudicialConfirmation = jc,
        };
    }

    public static SubmitApplicationRequest MediationDocument(string caseId, string court = HubFixture.Court)
    {
        var now = DateTimeOffset.UtcNow;
        var cst = now.ToOffset(TimeSpan.FromHours(8));
        var today = new Google.Type.Date { Year = cst.Year, Month = cst.Month, Day = cst.Day };
        var md = new MediationDocumentApplication
        {
            Mediation = Mediation(today),
            Agreement = new Agreement
            {
                Number = "MD-2026-" + caseId,
                SignedDate = today,
                EffectiveTime = Timestamp.FromDateTimeOffset(now.AddMinutes(-10)),
                DisputeType = DisputeType.Contract,
                Items = { new AgreementItem { ObligorPartyIndex = 1, ObligeePartyIndex = 0, Description = "支付货款", AmountFen = 3_600_00 } },
            },
            Claims = "判令被告支付货款人民币三千六百元。",
            Facts = "双方于2026年签订买卖合同，被告未按期付款，经诉前调解达成协议。",
        };
        md.Parties.Add(Person());
        md.Parties.Add(Company());
        md.Attachments.Add(File(AttachmentKind.MediationAgreement, "settlement.pdf", "调解协议 " + caseId));
        return new SubmitApplicationRequest
        {
            PlatformCaseId = caseId,
            CourtCode = court,
            Consent = Consent(now),
            MediationDocument = md,
        };
    }

    private static OnlineConsent Consent(DateTimeOffset now) => new()
    {
        OnlineHandling = true,
        ElectronicService = true,
        ConsentTime = Timestamp.FromDateTimeOffset(now.AddHours(-1)),
    };

    private static Mediation Mediation(Google.Type.Date today) => new()
    {
        OrganizationName = "天山区人民调解委员会",
        OrganizationType = MediationOrganizationType.PeoplesMediation,
        CourtRelation = CourtRelation.NoCourtRelation,
        MediatorName = "王调解",
        MediatorId = "TS-M-0042",
        StartDate = today,
        EndDate = today,
    };

    private static Party Person() => new()
    {
        Side = PartySide.SideA,
        NaturalPerson = new NaturalPerson { Name = "张三", IdType = IdentityDocumentType.ResidentIdCard, IdNumber = ValidResidentId },
        Address = "新疆乌鲁木齐市天山区解放北路1号",
        Phone = "13800138000",
        ElectronicServiceAddress = "zhangsan@example.cn",
    };

    private static Party Company() => new()
    {
        Side = PartySide.SideB,
        Organization = new Organization { Name = "乌鲁木齐天山商贸有限公司", UnifiedSocialCreditCode = ValidCreditCode, LegalRepresentative = "李四" },
        Address = "新疆乌鲁木齐市天山区中山路100号",
        Phone = "0991-2345678",
        ElectronicServiceAddress = "legal@tianshan-trade.example.cn",
    };

    public static Attachment File(AttachmentKind kind, string name, string text)
    {
        var content = Encoding.UTF8.GetBytes(text);
        return new Attachment
        {
            Kind = kind,
            FileName = name,
            MediaType = "application/pdf",
            SizeBytes = content.Length,
            Sha256 = ByteString.CopyFrom(SHA256.HashData(content)),
            Content = ByteString.CopyFrom(content),
        };
    }
}
