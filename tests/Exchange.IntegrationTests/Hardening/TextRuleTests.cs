using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.Hardening;

/// <summary>
/// The text rule (common.proto, "Text") on the real hub: text PostgreSQL cannot hold (NUL) or a
/// person cannot see is INVALID_ARGUMENT naming the field and changes nothing; text is stored in NFC.
/// </summary>
[Collection(HardeningCollection.Name)]
public sealed class TextRuleTests(HardeningHubFixture hub)
{
    private const string Name = "judicial_confirmation.applicants[0].natural_person.name";

    [DatabaseTheory]
    [InlineData("张\u0000三", "control characters")]
    [InlineData("\uFEFF", "no visible character")]
    [InlineData("\u202E\u200B", "no visible character")]
    [InlineData("张\u0085三", "control characters")]
    public async Task Submission_WithAPartyNameBreakingTheTextRule_IsInvalidArgumentNamingTheField_AndChangesNothing(string name, string why)
    {
        var request = Requests.JudicialConfirmation(CourtFlow.NewCaseId("text"));
        request.JudicialConfirmation.Applicants[0].NaturalPerson.Name = name;
        var before = await StoreSnapshot.TakeAsync(hub.Database);

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA).ResponseAsync);

        Assert.Equal([Name], status.ViolatedFields());
        Assert.Contains(why, status.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations[0].Description);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task Submission_ReportsEveryFieldBreakingTheTextRule_AtOnce()
    {
        var request = Requests.MediationDocument(CourtFlow.NewCaseId("text"));
        request.MediationDocument.Parties[1].Address = "\u0000";
        request.MediationDocument.Mediation.MediatorName = "王\u0007";
        request.MediationDocument.Facts = "第一段\n第二段\u0000";

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA).ResponseAsync);

        Assert.Equal(
            ["mediation_document.parties[1].address", "mediation_document.mediation.mediator_name", "mediation_document.facts"],
            status.ViolatedFields());
    }

    [DatabaseFact]
    public async Task Submission_WithDecomposedText_IsStoredInNfc_AndLineBreaksWhereTheFieldAllowsThem()
    {
        var request = Requests.MediationDocument(CourtFlow.NewCaseId("nfc"));
        request.MediationDocument.Parties[0].NaturalPerson.Name = "Jose\u0301 阿依古丽";
        request.MediationDocument.Facts = "第一段\r\n第二段";

        var receipt = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);
        var stored = await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformA);

        Assert.Equal("José 阿依古丽", stored.MediationDocument.Parties[0].NaturalPerson.Name);
        Assert.Equal("第一段\r\n第二段", stored.MediationDocument.Facts);
    }

    [DatabaseFact]
    public async Task CourtAct_ReasonMayHoldLineBreaks_OfficerNameMayNot()
    {
        var id = (await hub.Flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId;
        var act = CourtFlow.Act(id, reason: "第一行\n第二行");
        act.OfficerName = "李\n书记员";

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => hub.Courts.AcceptApplicationAsync(act, hub.AsCourt).ResponseAsync);

        Assert.Equal(["officer_name"], status.ViolatedFields());
    }

    [DatabaseFact]
    public async Task DocketFilter_And_BatchRule_WithNul_AreInvalidArgument()
    {
        var docket = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => hub.Courts.ListDocketAsync(new ListDocketRequest { PlatformId = "platform-a\u0000" }, hub.AsCourt).ResponseAsync);
        var batch = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => hub.Courts.BatchRuleAsync(new BatchRuleRequest
            {
                RequestId = CourtFlow.NewRequestId(),
                Ruling = BatchRuling.Confirm,
                ApplicationIds = { Guid.NewGuid().ToString(), "\u0000" },
                OfficerName = "王\u0000法官",
            }, hub.AsCourt).ResponseAsync);

        Assert.Equal(["platform_id"], docket.ViolatedFields());
        Assert.Equal(["application_ids[1]", "officer_name"], batch.ViolatedFields());
    }

    [DatabaseFact]
    public async Task AdminRequest_WithAnInvisibleName_IsInvalidArgument()
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => hub.Admin.RegisterPlatformAsync(new RegisterPlatformRequest { PlatformId = "text-" + Guid.NewGuid().ToString("N")[..6], DisplayName = "\u200B\uFEFF" }, hub.AsAdmin).ResponseAsync);

        Assert.Equal(["display_name"], status.ViolatedFields());
    }
}
