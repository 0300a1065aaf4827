namespace Exchange.Domain.Tests.Court;

/// <summary>What each act must carry (court.proto / filing.proto limits).</summary>
public sealed class ActRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 4, 0, 0, TimeSpan.Zero);

    private static IEnumerable<string> Fields(ActRequest request, int parties = 2) =>
        ActRules.Check(request, parties, Now).Select(v => v.Field);

    [Fact]
    public void PlainAct_NeedsNothingMore() =>
        Assert.Empty(Fields(new ActRequest { Act = Act.Accept }));

    [Fact]
    public void OlrArt9_CorrectionNotice_ListsItsItemsAndATimeLimit()
    {
        Assert.Equal(["items", "limit_days"], Fields(new ActRequest { Act = Act.RequestCorrection }));
        Assert.Empty(Fields(new ActRequest { Act = Act.RequestCorrection, Items = ["身份证明"], LimitDays = 7 }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void NoticeLimit_IsOneToThirtyDays(int days) =>
        Assert.Equal(["limit_days"], Fields(new ActRequest { Act = Act.RequestSupplement, Items = ["证据"], LimitDays = days }));

    [Fact]
    public void NoticeItems_MayNotBeBlank() =>
        Assert.Equal(["items[1]"], Fields(new ActRequest { Act = Act.RequestCorrection, Items = ["a", " "], LimitDays = 3 }));

    [Fact]
    public void InterpArt355_RefusalNeedsAGround()
    {
        Assert.Equal(["ground"], Fields(new ActRequest { Act = Act.RefuseAcceptance }));
        Assert.Equal(["ground"], Fields(new ActRequest { Act = Act.RefuseAcceptance, NonAcceptanceGround = (NonAcceptanceGround)99 }));
        Assert.Empty(Fields(new ActRequest { Act = Act.RefuseAcceptance, NonAcceptanceGround = NonAcceptanceGround.PersonalStatus }));
    }

    [Fact]
    public void InterpArt358_RejectionNeedsAGround_AndOtherNeedsAReason()
    {
        Assert.Equal(["ground"], Fields(new ActRequest { Act = Act.Reject }));
        Assert.Equal(["reason"], Fields(new ActRequest { Act = Act.Reject, RejectionGround = RejectionGround.OtherRejectionGround }));
        Assert.Empty(Fields(new ActRequest { Act = Act.Reject, RejectionGround = RejectionGround.OtherRejectionGround, Reason = "真实权利争议" }));
    }

    [Fact]
    public void DocumentRefusal_NeedsAGround_AndOtherNeedsAReason()
    {
        Assert.Equal(["ground"], Fields(new ActRequest { Act = Act.RefuseDocument }));
        Assert.Equal(["reason"], Fields(new ActRequest { Act = Act.RefuseDocument, DocumentRefusalGround = DocumentRefusalGround.OtherGround }));
    }

    [Fact]
    public void Prov2011Art5_ExtensionRecordsThePresidentsApproval() =>
        Assert.Equal(["approved_by"], Fields(new ActRequest { Act = Act.ExtendReview }));

    [Theory]
    [InlineData(Act.TreatAsWithdrawn)]
    [InlineData(Act.RecordRepudiation)]
    public void DeemedWithdrawalAndRepudiation_SayWhy(Act act) =>
        Assert.Equal(["reason"], Fields(new ActRequest { Act = act }));

    [Fact]
    public void MediationDocument_IsIssuedWithTheHashOfItsRendition()
    {
        Assert.Equal(["document_sha256"], Fields(new ActRequest { Act = Act.IssueDocument }));
        Assert.Equal(["document_sha256"], Fields(new ActRequest { Act = Act.IssueDocument, DocumentSha256 = new byte[31] }));
        Assert.Empty(Fields(new ActRequest { Act = Act.IssueDocument, DocumentSha256 = new byte[32] }));
    }

    [Fact]
    public void PlatformAnswer_NeedsAStatement() =>
        Assert.Equal(["supplement.statement"], Fields(new ActRequest { Act = Act.SubmitSupplement }));

    [Fact]
    public void PlatformAnswer_AttachmentsFollowTheFilingRules() =>
        Assert.Contains("supplement.attachments[0].sha256", Fields(new ActRequest
        {
            Act = Act.SubmitCorrection,
            Statement = "补充了授权委托书",
            Attachments = [new Attachment { Kind = AttachmentKind.PowerOfAttorney, FileName = "poa.pdf", MediaType = "application/pdf", SizeBytes = 10, Sha256 = new byte[3] }],
        }));

    [Fact]
    public void OlrArt31_ServiceRecordHasATimeAndAHash()
    {
        Assert.Equal(["served_time", "record_sha256"], Fields(new ActRequest { Act = Act.RecordService }));
        Assert.Equal(["served_time"], Fields(new ActRequest { Act = Act.RecordService, EventTime = Now.AddHours(1), RecordSha256 = new byte[32] }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void InterpArt149_SignatureNamesOneOfTheParties(int index) =>
        Assert.Equal(["party_index"], Fields(new ActRequest { Act = Act.RecordSignature, EventTime = Now, PartyIndex = index }));

    [Theory]
    [InlineData("")]
    [InlineData("batch-2026-03-10:1")]
    public void RequestId_IsOptionalButWellFormed(string id) =>
        Assert.Empty(Fields(new ActRequest { Act = Act.Confirm, RequestId = id }));

    [Theory]
    [InlineData("with space")]
    [InlineData("批次")]
    public void RequestId_UsesAsciiLettersDigitsAndDashUnderscoreDotColon(string id) =>
        Assert.Equal(["request_id"], Fields(new ActRequest { Act = Act.Confirm, RequestId = id }));

    [Fact]
    public void RequestId_IsAtMost64Characters()
    {
        Assert.True(ActRules.IsRequestId(new string('a', 64)));
        Assert.False(ActRules.IsRequestId(new string('a', 65)));
        Assert.False(ActRules.IsRequestId(""));
    }

    [Fact]
    public void EveryAct_RecordsAnEventKindOfItsOwn()
    {
        var acts = Enum.GetValues<Act>().Where(a => a != Act.Unspecified).ToList();
        var kinds = acts.Select(ActRules.EventKindOf).ToList();
        Assert.DoesNotContain(HistoryEventKind.Unspecified, kinds);
        Assert.Equal(acts.Count, kinds.Distinct().Count());
        // Stored as text and read back by name.
        Assert.All(kinds, k => Assert.Equal(k, ProtoNames.Parse<HistoryEventKind>(ProtoNames.Of(k))));
    }

    [Fact]
    public void AcceptanceAndRegistration_TakeACaseNumber_NothingElse() =>
        Assert.Equal([Act.Accept, Act.RegisterCase], Enum.GetValues<Act>().Where(ActRules.AssignsCaseNumber));
}
