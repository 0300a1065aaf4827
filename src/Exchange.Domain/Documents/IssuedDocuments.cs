using System.Text;

namespace Exchange.Domain;

/// <summary>Which document the hub rendered for a court's act. Mirrors exchange.v1.DocumentKind.</summary>
[GenerateSerializer]
public enum DocumentKind
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>民事裁定书 (不予受理), Interp art 355.</summary>
    NonAcceptanceRuling = 1,

    /// <summary>民事裁定书 (确认调解协议有效), MSL23 art 206.</summary>
    ConfirmationRuling = 2,

    /// <summary>民事裁定书 (驳回申请), Interp art 358.</summary>
    RejectionRuling = 3,

    /// <summary>民事调解书, MSL23 art 100.</summary>
    CivilMediationDocument = 4,
}

/// <summary>A document the hub issued for an application: what it is, and the SHA-256 its bytes are stored under.</summary>
/// <param name="Kind">Which document.</param>
/// <param name="FileName">The name it is downloaded under (ASCII, one per kind and application).</param>
/// <param name="SizeBytes">Its length.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes.</param>
/// <param name="IssuedAt">When the act that issued it was recorded.</param>
[GenerateSerializer, Immutable, Alias("exchange.domain.IssuedDocument")]
public sealed record IssuedDocument(
    [property: Id(0)] DocumentKind Kind,
    [property: Id(1)] string FileName,
    [property: Id(2)] long SizeBytes,
    [property: Id(3)] string Sha256,
    [property: Id(4)] DateTimeOffset IssuedAt);

/// <summary>How a line of a document is set.</summary>
public enum LineStyle
{
    /// <summary>The court's name, centred.</summary>
    Court,

    /// <summary>The document's title, centred and large.</summary>
    Title,

    /// <summary>The case number, right-aligned.</summary>
    CaseNumber,

    /// <summary>A paragraph, its first line indented by two characters.</summary>
    Body,

    /// <summary>Signatures and date, right-aligned.</summary>
    Signature,
}

/// <summary>One paragraph of a document, as the renderer sets it.</summary>
public sealed record DocumentLine(string Text, LineStyle Style);

/// <summary>Everything a document says, in order.</summary>
public sealed record DocumentText(DocumentKind Kind, string Title, IReadOnlyList<DocumentLine> Lines);

/// <summary>What the hub knows when a court's act issues a document.</summary>
/// <param name="Kind">The document.</param>
/// <param name="CourtName">The court's name, e.g. 乌鲁木齐市天山区人民法院.</param>
/// <param name="CaseNumber">The case number; null when the case was never accepted (a refusal to accept).</param>
/// <param name="Draft">The application as filed.</param>
/// <param name="ReceivedAt">When the application was filed.</param>
/// <param name="IssuedAt">When the act is recorded: the document's date (China Standard Time).</param>
/// <param name="Judge">Who ruled: the acting officer's name (or the court's, when none was given).</param>
/// <param name="Clerk">The officer who accepted or registered the case; null when not known.</param>
/// <param name="Act">The act, with its ground and reason.</param>
public sealed record DocumentFacts(
    DocumentKind Kind,
    string CourtName,
    string? CaseNumber,
    ApplicationDraft Draft,
    DateTimeOffset ReceivedAt,
    DateTimeOffset IssuedAt,
    string? Judge,
    string? Clerk,
    ActRequest Act);

/// <summary>
/// Which court acts issue a document (DOMAIN.md §6: rulings and the mediation document) and what it
/// says: court, case number, parties with their roles, the agreement's terms and amounts (in figures
/// and capitals), the ruling and its ground, the date, judge and clerk.
/// </summary>
public static class IssuedDocuments
{
    /// <summary>The document <paramref name="act"/> issues, or <see cref="DocumentKind.Unspecified"/> when it issues none.</summary>
    public static DocumentKind KindOf(Act act) => act switch
    {
        Act.RefuseAcceptance => DocumentKind.NonAcceptanceRuling,
        Act.Confirm => DocumentKind.ConfirmationRuling,
        Act.Reject => DocumentKind.RejectionRuling,
        Act.IssueDocument => DocumentKind.CivilMediationDocument,
        _ => DocumentKind.Unspecified,
    };

    /// <summary>The file name of a document of <paramref name="kind"/>: an application has at most one of each.</summary>
    public static string FileNameOf(DocumentKind kind) => kind switch
    {
        DocumentKind.NonAcceptanceRuling => "non-acceptance-ruling.pdf",
        DocumentKind.ConfirmationRuling => "confirmation-ruling.pdf",
        DocumentKind.RejectionRuling => "rejection-ruling.pdf",
        DocumentKind.CivilMediationDocument => "mediation-document.pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a document"),
    };

    /// <summary>The text of the document <paramref name="facts"/> describe.</summary>
    public static DocumentText Compose(DocumentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var draft = facts.Draft;
        var ruling = facts.Kind != DocumentKind.CivilMediationDocument;
        var title = ruling ? "民事裁定书" : "民事调解书";
        var lines = new List<DocumentLine>
        {
            new(facts.CourtName, LineStyle.Court),
            new(title, LineStyle.Title),
            new(facts.CaseNumber ?? "", LineStyle.CaseNumber),
        };
        for (var i = 0; i < draft.Parties.Length; i++)
        {
            lines.AddRange(PartyLines(draft, i));
        }

        var applicants = string.Join("、", draft.Parties.Select(NameOf));
        var agreement = draft.Agreement ?? new Agreement();
        var agreed = AgreementLines(draft);
        var received = ChineseText.Date(ChinaStandardTime.DateOf(facts.ReceivedAt));
        switch (facts.Kind)
        {
            case DocumentKind.NonAcceptanceRuling:
                lines.Add(Body($"申请人{applicants}于{received}向本院申请司法确认调解协议{NumberOf(agreement)}。"));
                lines.Add(Body($"本院经审查认为，{NonAcceptanceText(facts.Act.NonAcceptanceGround)}。{ReasonOf(facts.Act)}依照《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十五条规定，裁定如下："));
                lines.Add(Body($"对申请人{applicants}的司法确认申请，本院不予受理。"));
                lines.AddRange(agreed);
                break;
            case DocumentKind.ConfirmationRuling:
                lines.Add(Body($"申请人{applicants}于{received}向本院申请司法确认，本院受理后依法进行了审查。"));
                lines.AddRange(agreed);
                lines.Add(Body("本院经审查认为，申请人达成的调解协议符合司法确认的条件。依照《中华人民共和国民事诉讼法》第二百零五条、第二百零六条规定，裁定如下："));
                lines.Add(Body($"申请人{applicants}达成的调解协议{NumberOf(agreement)}有效。"));
                lines.Add(Body("当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。"));
                break;
            case DocumentKind.RejectionRuling:
                lines.Add(Body($"申请人{applicants}于{received}向本院申请司法确认，本院受理后依法进行了审查。"));
                lines.AddRange(agreed);
                lines.Add(Body($"本院经审查认为，{RejectionText(facts.Act.RejectionGround)}。{ReasonOf(facts.Act)}依照《中华人民共和国民事诉讼法》第二百零六条、《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第三百五十八条规定，裁定如下："));
                lines.Add(Body($"驳回申请人{applicants}的司法确认申请。"));
                lines.Add(Body("当事人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。"));
                break;
            case DocumentKind.CivilMediationDocument:
                if (draft.Claims.Length > 0)
                {
                    lines.Add(Body("诉讼请求：" + draft.Claims));
                }

                if (draft.Facts.Length > 0)
                {
                    lines.Add(Body("案件事实：" + draft.Facts));
                }

                lines.AddRange(agreed);
                lines.Add(Body("上述协议，不违反法律规定，本院予以确认。"));
                lines.Add(Body("本调解书经各方当事人签收后，即具有法律效力。"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(facts), facts.Kind, "not a document");
        }

        if (ruling && facts.Kind != DocumentKind.NonAcceptanceRuling)
        {
            lines.Add(Body("本裁定书自即日起发生法律效力。"));
        }

        lines.Add(new DocumentLine("审判员　" + (facts.Judge ?? ""), LineStyle.Signature));
        lines.Add(new DocumentLine(ChineseText.Date(ChinaStandardTime.DateOf(facts.IssuedAt)), LineStyle.Signature));
        if (facts.Clerk is { Length: > 0 } clerk)
        {
            lines.Add(new DocumentLine("书记员　" + clerk, LineStyle.Signature));
        }

        return new DocumentText(facts.Kind, title, lines);
    }

    private static DocumentLine Body(string text) => new(text, LineStyle.Body);

    /// <summary>The party's name, whether a person or an organisation.</summary>
    public static string NameOf(Party party) => party.NaturalPerson?.Name ?? party.Organization?.Name ?? "";

    /// <summary>The party's role in the document: 申请人 in a judicial confirmation, 原告/被告 in a mediation document.</summary>
    public static string RoleOf(ApplicationType type, PartySide side) => type switch
    {
        ApplicationType.JudicialConfirmation => "申请人",
        _ => side == PartySide.SideB ? "被告" : "原告",
    };

    private static IEnumerable<DocumentLine> PartyLines(ApplicationDraft draft, int index)
    {
        var party = draft.Parties[index];
        var line = new StringBuilder(RoleOf(draft.Type, party.Side)).Append('：').Append(NameOf(party));
        if (party.Address.Length > 0)
        {
            line.Append(party.Organization is null ? "，住" : "，住所地").Append(party.Address);
        }

        yield return Body(line.Append('。').ToString());
        if (party.Organization is { LegalRepresentative.Length: > 0 } organization)
        {
            yield return Body("法定代表人：" + organization.LegalRepresentative + "。");
        }

        if (party.Agent is { Name.Length: > 0 } agent)
        {
            yield return Body("委托代理人：" + agent.Name + "。");
        }
    }

    private static List<DocumentLine> AgreementLines(ApplicationDraft draft)
    {
        var agreement = draft.Agreement;
        if (agreement is null || agreement.Items.Length == 0)
        {
            return [];
        }

        var mediation = draft.Mediation;
        var intro = new StringBuilder();
        if (mediation is { OrganizationName.Length: > 0 })
        {
            intro.Append("经").Append(mediation.OrganizationName).Append("主持调解，");
        }

        if (agreement.SignedDate is { } signed)
        {
            intro.Append("当事人于").Append(ChineseText.Date(signed)).Append("达成");
        }
        else
        {
            intro.Append("当事人达成");
        }

        intro.Append("调解协议").Append(NumberOf(agreement)).Append("，内容如下：");
        var lines = new List<DocumentLine> { Body(intro.ToString()) };
        for (var i = 0; i < agreement.Items.Length; i++)
        {
            var item = agreement.Items[i];
            var text = new StringBuilder(ChineseText.Numeral(i + 1)).Append('、')
                .Append(PartyName(draft, item.ObligorPartyIndex)).Append("向").Append(PartyName(draft, item.ObligeePartyIndex))
                .Append(item.Description.TrimEnd('。'));
            if (item.AmountFen > 0)
            {
                text.Append("，金额人民币").Append(ChineseText.Yuan(item.AmountFen)).Append("元（大写：人民币").Append(ChineseText.CapitalYuan(item.AmountFen)).Append('）');
            }

            if (item.DueDate is { } due)
            {
                text.Append("，于").Append(ChineseText.Date(due)).Append("前履行");
            }

            lines.Add(Body(text.Append('。').ToString()));
        }

        var total = agreement.Items.Sum(i => i.AmountFen);
        if (total > 0)
        {
            lines.Add(Body($"以上金额合计人民币{ChineseText.Yuan(total)}元（大写：人民币{ChineseText.CapitalYuan(total)}）。"));
        }

        return lines;
    }

    private static string PartyName(ApplicationDraft draft, int index) =>
        index >= 0 && index < draft.Parties.Length ? NameOf(draft.Parties[index]) : "";

    private static string NumberOf(Agreement agreement) => agreement.Number.Length > 0 ? $"（编号：{agreement.Number}）" : "";

    private static string ReasonOf(ActRequest act) => act.Reason is { Length: > 0 } reason ? reason.TrimEnd('。') + "。" : "";

    private static string NonAcceptanceText(NonAcceptanceGround ground) => ground switch
    {
        NonAcceptanceGround.OutsideCourtsRemit => "申请确认的事项不属于人民法院受理范围",
        NonAcceptanceGround.OutsideJurisdiction => "申请确认的调解协议不属于本院管辖",
        NonAcceptanceGround.PersonalStatus => "申请确认的事项涉及确认婚姻关系、亲子关系、收养关系等身份关系",
        NonAcceptanceGround.SpecialOrBankruptcyProcedure => "申请确认的事项涉及适用其他特别程序、公示催告程序、破产程序审理",
        NonAcceptanceGround.PropertyOrIpOwnership => "调解协议内容涉及物权、知识产权确权",
        _ => "申请不符合受理条件",
    };

    private static string RejectionText(RejectionGround ground) => ground switch
    {
        RejectionGround.ViolatesMandatoryLaw => "调解协议违反法律强制性规定",
        RejectionGround.HarmsStatePublicOrOthers => "调解协议损害国家利益、社会公共利益或者他人合法权益",
        RejectionGround.AgainstPublicOrder => "调解协议违背公序良俗",
        RejectionGround.NotVoluntary => "调解协议违反自愿原则",
        RejectionGround.ContentUnclear => "调解协议内容不明确",
        _ => "存在不能进行司法确认的其他情形",
    };
}
