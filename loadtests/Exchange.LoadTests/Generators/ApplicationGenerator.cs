using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Exchange.LoadTests.Generators;

/// <summary>How generated attachments carry their files.</summary>
public enum AttachmentMode
{
    /// <summary>Metadata only (kind, name, size, SHA-256): the platform keeps the file. Measures the hub, not blob storage.</summary>
    Metadata,

    /// <summary>A small inline content whose size and SHA-256 match, unique per application, so the hub verifies and stores it.</summary>
    Inline,
}

/// <summary>
/// Generates submissions that pass every rule of DOMAIN.md §5 and the proto comments: valid resident
/// IDs (GB 11643) with real adult birth dates, credit codes with the right GB 32100 check character,
/// Chinese names and addresses, an agreement that took effect a few minutes ago (inside the 30-day
/// window), a court that accepts the type, the required materials (agreement; proof of mediation for
/// a judicial confirmation; a power of attorney for every party with an agent), no excluded dispute.
/// The smoke test submits generated requests to a real hub and requires OK without warnings.
/// Thread-safe: all state is in the <see cref="Random"/> passed in.
/// </summary>
/// <param name="attachments">Whether attachments carry inline content.</param>
/// <param name="inlineContentBytes">Size of each inline content (Inline mode), 1 byte to 1 MiB.</param>
public sealed class ApplicationGenerator(AttachmentMode attachments = AttachmentMode.Metadata, int inlineContentBytes = 2048)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    // Weighted by repetition: debts and contracts dominate mediation caseloads. None is excluded
    // for either type (Interp art 355 / art 143).
    private static readonly (DisputeType Type, string Subject, string Obligation)[] Disputes =
    [
        (DisputeType.Debt, "民间借贷纠纷", "偿还借款本金"),
        (DisputeType.Debt, "民间借贷纠纷", "偿还借款本金及利息"),
        (DisputeType.Contract, "买卖合同纠纷", "支付货款"),
        (DisputeType.Contract, "租赁合同纠纷", "支付拖欠租金"),
        (DisputeType.Contract, "装饰装修合同纠纷", "支付工程款"),
        (DisputeType.Labour, "追索劳动报酬纠纷", "支付拖欠工资"),
        (DisputeType.Tort, "生命权、身体权、健康权纠纷", "赔偿医疗费、误工费、护理费"),
        (DisputeType.PropertyDamage, "财产损害赔偿纠纷", "赔偿财产损失"),
        (DisputeType.Neighbour, "相邻关系纠纷", "修复排水设施并赔偿损失"),
        (DisputeType.FamilySupport, "赡养纠纷", "按月支付赡养费"),
        (DisputeType.TrafficAccident, "机动车交通事故责任纠纷", "赔偿车辆维修费及误工费"),
        (DisputeType.Medical, "医疗损害责任纠纷", "赔偿医疗损害"),
        (DisputeType.Consumer, "产品责任纠纷", "退还货款并赔偿损失"),
        (DisputeType.FinancialLoan, "金融借款合同纠纷", "归还借款本金及利息"),
        (DisputeType.OtherCivil, "物业服务合同纠纷", "支付物业服务费"),
    ];

    private readonly int _inlineContentBytes = inlineContentBytes is >= 64 and <= 1024 * 1024
        ? inlineContentBytes
        : throw new ArgumentOutOfRangeException(nameof(inlineContentBytes), "Inline content is 64 bytes to 1 MiB.");

    /// <summary>Whether attachments carry inline content.</summary>
    public AttachmentMode Attachments { get; } = attachments;

    /// <summary>
    /// A valid submission.
    /// </summary>
    /// <param name="mediationDocument">True for a mediation document, false for a judicial confirmation.</param>
    /// <param name="court">The court; it must accept the type.</param>
    /// <param name="platformCaseId">The platform's case id (1–64 of A–Z a–z 0–9 . - _ : /).</param>
    /// <param name="random">Source of randomness.</param>
    /// <param name="now">The current instant; the agreement took effect a few minutes before it.</param>
    /// <returns>The request.</returns>
    public SubmitApplicationRequest Create(bool mediationDocument, SampleCourt court, string platformCaseId, Random random, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(court);
        ArgumentNullException.ThrowIfNull(random);
        if (mediationDocument && !court.AcceptsMediationDocuments)
        {
            throw new ArgumentException($"{court.Code} does not accept mediation documents.", nameof(court));
        }

        // Took effect 2–30 minutes ago: well inside the 30-day window, and never "in the future"
        // even with a few minutes of clock skew. Dates a court counts with are CST days.
        var effective = now.AddSeconds(-random.Next(120, 1800));
        var signed = DateOnly.FromDateTime(effective.ToOffset(ChinaOffset).DateTime);
        var today = DateOnly.FromDateTime(now.ToOffset(ChinaOffset).DateTime);
        var dispute = ChineseText.Pick(random, Disputes);

        var parties = Parties(random, court, today);
        var mediation = Mediation(random, court, signed, mediationDocument);
        var agreement = Agreement(random, court, parties, signed, effective, dispute);
        var files = Files(random, platformCaseId, parties, mediation, effective, mediationDocument);

        var request = new SubmitApplicationRequest
        {
            PlatformCaseId = platformCaseId,
            CourtCode = court.Code,
            Consent = new OnlineConsent
            {
                OnlineHandling = true,
                ElectronicService = true,
                ConsentTime = Timestamp.FromDateTimeOffset(now.AddSeconds(-random.Next(30, 110))),
            },
        };

        if (mediationDocument)
        {
            var md = new MediationDocumentApplication
            {
                Mediation = mediation,
                Agreement = agreement,
                Claims = Claims(parties, agreement, dispute),
                Facts = Facts(random, parties, court, signed, dispute),
            };
            if (random.Next(2) == 0)
            {
                md.PreLitigationCaseNumber = $"（{signed.Year}）{court.Code}民诉前调{random.Next(1, 9999)}号";
            }

            md.Parties.AddRange(parties);
            md.Attachments.AddRange(files);
            request.MediationDocument = md;
        }
        else
        {
            var jc = new JudicialConfirmationApplication { Mediation = mediation, Agreement = agreement };
            jc.Applicants.AddRange(parties);
            jc.Attachments.AddRange(files);
            request.JudicialConfirmation = jc;
        }

        return request;
    }

    private static List<Party> Parties(Random random, SampleCourt court, DateOnly today)
    {
        // Two parties mostly; sometimes a co-obligor or a second claimant.
        var count = random.Next(10) switch { < 7 => 2, < 9 => 3, _ => 4 };
        var parties = new List<Party>(count);
        for (var i = 0; i < count; i++)
        {
            var side = i switch { 0 => PartySide.SideA, 1 => PartySide.SideB, _ => random.Next(2) == 0 ? PartySide.SideA : PartySide.SideB };
            var party = random.Next(10) < 7 ? Person(random, court, today) : Company(random, court, today);
            party.Side = side;
            parties.Add(party);
        }

        return parties;
    }

    private static Party Person(Random random, SampleCourt court, DateOnly today)
    {
        var male = random.Next(2) == 0;
        var phone = ChineseText.Phone(random);
        var party = new Party
        {
            NaturalPerson = new NaturalPerson
            {
                Name = ChineseText.PersonName(random, male),
                IdType = IdentityDocumentType.ResidentIdCard,
                IdNumber = ResidentIds.Next(random, male, today),
            },
            Address = ChineseText.Address(random, court.District),
            Phone = phone,
            ElectronicServiceAddress = phone.StartsWith('1') && random.Next(2) == 0 ? phone : Mailbox(random),
        };
        if (random.Next(100) < 15)
        {
            party.Agent = Lawyer(random, today);
        }

        return party;
    }

    private static Party Company(Random random, SampleCourt court, DateOnly today) => new()
    {
        Organization = new Organization
        {
            Name = ChineseText.CompanyName(random, court.District),
            UnifiedSocialCreditCode = CreditCodes.Next(random, "91", court.Division),
            LegalRepresentative = ChineseText.PersonName(random, random.Next(2) == 0),
        },
        Address = ChineseText.Address(random, court.District),
        Phone = ChineseText.Phone(random),
        ElectronicServiceAddress = Mailbox(random),
        // Companies often act through counsel.
        Agent = random.Next(100) < 40 ? Lawyer(random, today) : null,
    };

    private static Agent Lawyer(Random random, DateOnly today)
    {
        var male = random.Next(2) == 0;
        return new Agent
        {
            Name = ChineseText.PersonName(random, male),
            IdType = IdentityDocumentType.ResidentIdCard,
            IdNumber = ResidentIds.Next(random, male, today),
            Phone = ChineseText.Phone(random),
        };
    }

    private static string Mailbox(Random random) =>
        "u" + random.Next(100_000, 999_999_999).ToString(CultureInfo.InvariantCulture) + "@mail.example.cn";

    private static Mediation Mediation(Random random, SampleCourt court, DateOnly signed, bool mediationDocument)
    {
        var relation = random.Next(10) switch
        {
            < 6 => CourtRelation.NoCourtRelation,
            < 8 => CourtRelation.InvitedByCourt,
            8 => CourtRelation.DelegatedByCourt,
            _ => mediationDocument ? CourtRelation.EntrustedByCourt : CourtRelation.DelegatedByCourt,
        };
        var (type, name, authority) = relation == CourtRelation.InvitedByCourt
            ? (MediationOrganizationType.CourtInvitedMediation, $"{court.District}法院特邀调解工作室", "39")
            : random.Next(4) switch
            {
                0 => (MediationOrganizationType.IndustryMediation, "乌鲁木齐市" + ChineseText.Pick(random, ["物业", "医疗", "道路交通事故", "劳动争议", "消费"]) + "纠纷人民调解委员会", "39"),
                1 => (MediationOrganizationType.CommercialMediation, "新疆" + ChineseText.Pick(random, ["丝路", "天山", "亚欧"]) + "商事调解中心", "52"),
                2 => (MediationOrganizationType.AdministrativeMediation, $"乌鲁木齐市{court.District.Replace("乌鲁木齐市", string.Empty, StringComparison.Ordinal)}司法局", "11"),
                _ => (MediationOrganizationType.PeoplesMediation, court.District + ChineseText.Pick(random, ["东门", "和平", "胜利", "团结", "碱泉", "燕儿窝"]) + "街道人民调解委员会", "39"),
            };

        var mediation = new Mediation
        {
            OrganizationName = name,
            OrganizationType = type,
            CourtRelation = relation,
            MediatorName = ChineseText.PersonName(random, random.Next(2) == 0),
            MediatorId = "TJY-" + court.Division + "-" + random.Next(1, 9999).ToString("D4", CultureInfo.InvariantCulture),
            StartDate = Date(signed.AddDays(-random.Next(0, 21))),
            EndDate = Date(signed),
        };
        if (relation != CourtRelation.NoCourtRelation)
        {
            // The dispute came from the court it is now filed with.
            mediation.RelatedCourtCode = court.Code;
        }

        if (random.Next(2) == 0)
        {
            mediation.OrganizationCreditCode = CreditCodes.Next(random, authority, court.Division);
        }

        return mediation;
    }

    private static Agreement Agreement(
        Random random, SampleCourt court, List<Party> parties, DateOnly signed, DateTimeOffset effective, (DisputeType Type, string Subject, string Obligation) dispute)
    {
        var agreement = new Agreement
        {
            Number = $"（{signed.Year}）{court.Code}人调字第{random.Next(1, 99999).ToString(CultureInfo.InvariantCulture)}号",
            SignedDate = Date(signed),
            EffectiveTime = Timestamp.FromDateTimeOffset(effective),
            DisputeType = dispute.Type,
        };

        var obligees = Enumerable.Range(0, parties.Count).Where(i => parties[i].Side == PartySide.SideA).ToArray();
        var obligors = Enumerable.Range(0, parties.Count).Where(i => parties[i].Side == PartySide.SideB).ToArray();
        var items = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        for (var i = 0; i < items; i++)
        {
            var amount = (long)random.Next(500, 500_000) * 100;
            var installment = items > 1 ? $"（第{i + 1}期）" : string.Empty;
            agreement.Items.Add(new AgreementItem
            {
                ObligorPartyIndex = ChineseText.Pick(random, obligors),
                ObligeePartyIndex = ChineseText.Pick(random, obligees),
                Description = $"{dispute.Obligation}{installment}人民币{ChineseText.Yuan(amount)}，于{signed.AddDays(30 * (i + 1)):yyyy年M月d日}前一次性支付至对方指定账户；逾期未付的，按全国银行间同业拆借中心公布的一年期贷款市场报价利率支付逾期利息。",
                AmountFen = amount,
                DueDate = Date(signed.AddDays(30 * (i + 1))),
            });
        }

        return agreement;
    }

    private List<Attachment> Files(
        Random random, string caseId, List<Party> parties, Mediation mediation, DateTimeOffset effective, bool mediationDocument)
    {
        var files = new List<Attachment>();
        var agreementFile = File(random, caseId, AttachmentKind.MediationAgreement, "调解协议书.pdf", "application/pdf", null);
        for (var i = 0; i < parties.Count; i++)
        {
            var signer = parties[i].NaturalPerson?.Name ?? parties[i].Organization.Name;
            agreementFile.Signatures.Add(new Signature { Signer = signer, Method = "e-signature", SignedTime = Timestamp.FromDateTimeOffset(effective.AddSeconds(-60 * (parties.Count - i))) });
        }

        agreementFile.Signatures.Add(new Signature { Signer = mediation.OrganizationName, Method = "seal", SignedTime = Timestamp.FromDateTimeOffset(effective) });
        files.Add(agreementFile);

        if (!mediationDocument)
        {
            files.Add(File(random, caseId, AttachmentKind.MediationProof, "人民调解申请书及受理登记表.pdf", "application/pdf", null));
        }
        else if (random.Next(2) == 0)
        {
            files.Add(File(random, caseId, AttachmentKind.OtherMaterial, "证据材料.pdf", "application/pdf", null));
        }

        for (var i = 0; i < parties.Count; i++)
        {
            if (parties[i].NaturalPerson is { } person && random.Next(2) == 0)
            {
                files.Add(File(random, caseId, AttachmentKind.IdentityProof, $"身份证-{person.Name}.jpg", "image/jpeg", i));
            }

            if (parties[i].Agent is { } agent)
            {
                files.Add(File(random, caseId, AttachmentKind.PowerOfAttorney, $"授权委托书-{agent.Name}.pdf", "application/pdf", i));
            }
        }

        return files;
    }

    private Attachment File(Random random, string caseId, AttachmentKind kind, string name, string mediaType, int? partyIndex)
    {
        var attachment = new Attachment { Kind = kind, FileName = name, MediaType = mediaType };
        if (partyIndex is { } index)
        {
            attachment.PartyIndex = index;
        }

        if (Attachments == AttachmentMode.Inline)
        {
            // Unique per application and kind, as real files are: identical bytes would be stored once
            // by SHA-256 and flatter the hub.
            var content = new byte[_inlineContentBytes];
            random.NextBytes(content);
            var header = Encoding.UTF8.GetBytes($"%PDF-1.7 {caseId} {kind} {partyIndex}\n");
            header.AsSpan(0, Math.Min(header.Length, content.Length)).CopyTo(content);
            attachment.Content = ByteString.CopyFrom(content);
            attachment.SizeBytes = content.Length;
            attachment.Sha256 = ByteString.CopyFrom(SHA256.HashData(content));
        }
        else
        {
            // The platform keeps the file; the hub records its size and hash.
            var hash = new byte[32];
            random.NextBytes(hash);
            attachment.SizeBytes = random.Next(40_000, 2_500_000);
            attachment.Sha256 = ByteString.CopyFrom(hash);
        }

        return attachment;
    }

    private static string Claims(List<Party> parties, Agreement agreement, (DisputeType Type, string Subject, string Obligation) dispute)
    {
        var text = new StringBuilder();
        var n = 1;
        foreach (var item in agreement.Items)
        {
            text.Append(CultureInfo.InvariantCulture, $"{n++}. 判令{NameOf(parties[item.ObligorPartyIndex])}向{NameOf(parties[item.ObligeePartyIndex])}{dispute.Obligation}人民币{ChineseText.Yuan(item.AmountFen)}；");
        }

        text.Append(CultureInfo.InvariantCulture, $"{n}. 本案诉讼费用由被申请人负担。");
        return text.ToString();
    }

    private static string Facts(Random random, List<Party> parties, SampleCourt court, DateOnly signed, (DisputeType Type, string Subject, string Obligation) dispute)
    {
        var start = signed.AddDays(-random.Next(60, 900));
        return $"{NameOf(parties[0])}与{NameOf(parties[1])}因{dispute.Subject}发生争议。双方于{start:yyyy年M月d日}建立法律关系，"
            + $"此后{NameOf(parties[1])}未按约定履行义务，经多次催要未果。{NameOf(parties[0])}向{court.District}人民法院提起诉讼，"
            + "法院在立案前委派调解组织进行诉前调解。调解过程中，双方在调解员主持下就争议事项充分协商，"
            + $"于{signed:yyyy年M月d日}自愿达成调解协议，协议内容不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。"
            + "双方共同申请人民法院依法出具民事调解书。";
    }

    private static string NameOf(Party party) => party.NaturalPerson?.Name ?? party.Organization.Name;

    private static Google.Type.Date Date(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };
}
