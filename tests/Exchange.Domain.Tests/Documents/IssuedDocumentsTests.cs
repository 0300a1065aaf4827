namespace Exchange.Domain.Tests.Documents;

/// <summary>DOMAIN.md §6: what the court sends back — rulings and the mediation document, with what each must say (MSL23 art 100 for the 调解书).</summary>
public sealed class IssuedDocumentsTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Issued = new(2026, 3, 20, 16, 30, 0, TimeSpan.FromHours(8));

    private static string Text(DocumentKind kind, ApplicationDraft draft, ActRequest act, string? caseNumber = "（2026）新0102民特7号") =>
        string.Join("\n", IssuedDocuments.Compose(new DocumentFacts(kind, "乌鲁木齐市天山区人民法院", caseNumber, draft, Received, Issued, "王法官", "李书记员", act))
            .Lines.Select(l => l.Text));

    [Theory]
    [InlineData(Act.RefuseAcceptance, DocumentKind.NonAcceptanceRuling)]
    [InlineData(Act.Confirm, DocumentKind.ConfirmationRuling)]
    [InlineData(Act.Reject, DocumentKind.RejectionRuling)]
    [InlineData(Act.IssueDocument, DocumentKind.CivilMediationDocument)]
    public void RulingsAndTheMediationDocument_IssueADocument(Act act, DocumentKind kind) =>
        Assert.Equal(kind, IssuedDocuments.KindOf(act));

    [Fact]
    public void NoOtherAct_IssuesADocument()
    {
        var issuing = new[] { Act.RefuseAcceptance, Act.Confirm, Act.Reject, Act.IssueDocument };
        foreach (var act in Enum.GetValues<Act>().Except(issuing))
        {
            Assert.Equal(DocumentKind.Unspecified, IssuedDocuments.KindOf(act));
        }
    }

    [Fact]
    public void EveryKind_HasItsOwnFileName()
    {
        var kinds = Enum.GetValues<DocumentKind>().Where(k => k != DocumentKind.Unspecified).ToList();
        Assert.Equal(kinds.Count, kinds.Select(IssuedDocuments.FileNameOf).Distinct().Count());
    }

    [Fact]
    public void ConfirmationRuling_NamesCourtCaseNumberPartiesWithRolesTermsAmountsRulingDateJudgeAndClerk()
    {
        var text = Text(DocumentKind.ConfirmationRuling, ValidDrafts.JudicialConfirmation(), new ActRequest { Act = Act.Confirm });

        Assert.Contains("乌鲁木齐市天山区人民法院", text);
        Assert.Contains("民事裁定书", text);
        Assert.Contains("（2026）新0102民特7号", text);
        Assert.Contains("申请人：张三", text);
        Assert.Contains("申请人：乌鲁木齐某某商贸有限公司", text);
        Assert.Contains("法定代表人：李四", text);
        Assert.Contains("委托代理人：王五", text);
        Assert.Contains("乌鲁木齐某某商贸有限公司向张三支付货款人民币壹万贰仟元整，金额人民币12,000.00元（大写：人民币壹万贰仟元整），于二〇二六年四月三十日前履行。", text);
        Assert.Contains("（编号：TS-2026-0042）有效", text);
        Assert.Contains("第二百零五条、第二百零六条", text);
        Assert.Contains("审判员　王法官", text);
        Assert.Contains("二〇二六年三月二十日", text);
        Assert.Contains("书记员　李书记员", text);
    }

    [Fact]
    public void RejectionRuling_StatesTheGroundAndTheReason()
    {
        var text = Text(DocumentKind.RejectionRuling, ValidDrafts.JudicialConfirmation(),
            new ActRequest { Act = Act.Reject, RejectionGround = RejectionGround.ContentUnclear, Reason = "履行期限约定不明" });

        Assert.Contains("调解协议内容不明确。履行期限约定不明。", text);
        Assert.Contains("第三百五十八条", text);
        Assert.Contains("驳回申请人张三、乌鲁木齐某某商贸有限公司的司法确认申请。", text);
    }

    [Fact]
    public void NonAcceptanceRuling_HasNoCaseNumberLineWhenNoneWasGiven_AndStatesTheGround()
    {
        var document = IssuedDocuments.Compose(new DocumentFacts(DocumentKind.NonAcceptanceRuling, "乌鲁木齐市天山区人民法院", null,
            ValidDrafts.JudicialConfirmation(), Received, Issued, "王法官", null,
            new ActRequest { Act = Act.RefuseAcceptance, NonAcceptanceGround = NonAcceptanceGround.OutsideJurisdiction }));
        var text = string.Join("\n", document.Lines.Select(l => l.Text));

        Assert.Equal("", document.Lines.Single(l => l.Style == LineStyle.CaseNumber).Text);
        Assert.Contains("不属于本院管辖", text);
        Assert.Contains("本院不予受理", text);
        Assert.DoesNotContain("书记员", text);
    }

    [Fact]
    public void MediationDocument_NamesPlaintiffAndDefendant_ClaimsFactsAndTheSettlement()
    {
        var draft = ValidDrafts.MediationDocument();
        var text = Text(DocumentKind.CivilMediationDocument, draft, new ActRequest { Act = Act.IssueDocument }, "（2026）新0103民初45号");

        Assert.Contains("民事调解书", text);
        Assert.Contains("（2026）新0103民初45号", text);
        foreach (var party in draft.Parties)
        {
            Assert.Contains(IssuedDocuments.RoleOf(draft.Type, party.Side) + "：" + IssuedDocuments.NameOf(party), text);
        }

        Assert.Contains("原告：", text);
        Assert.Contains("被告：", text);
        Assert.Contains("诉讼请求：" + draft.Claims, text);
        Assert.Contains("案件事实：" + draft.Facts, text);
        foreach (var item in draft.Agreement!.Items.Where(i => i.AmountFen > 0))
        {
            Assert.Contains(ChineseText.CapitalYuan(item.AmountFen), text);
            Assert.Contains(ChineseText.Yuan(item.AmountFen) + "元", text);
        }

        Assert.Contains("本调解书经各方当事人签收后，即具有法律效力。", text);
    }
}
