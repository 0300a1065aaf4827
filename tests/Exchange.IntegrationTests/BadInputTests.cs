using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Xunit;

namespace Exchange.IntegrationTests;

/// <summary>
/// A table of invalid submissions: each is answered with its documented code, names the offending
/// field, and leaves the database exactly as it was.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class BadInputTests(HubFixture hub)
{
    private const string Jc = "judicial_confirmation";
    private const string Md = "mediation_document";

    /// <summary>(name, how to break a valid request, expected code, expected field).</summary>
    public static TheoryData<string, StatusCode, string> Cases => new()
    {
        { "empty platform case id", StatusCode.InvalidArgument, "platform_case_id" },
        { "platform case id with spaces", StatusCode.InvalidArgument, "platform_case_id" },
        { "platform case id of 65 characters", StatusCode.InvalidArgument, "platform_case_id" },
        { "empty court code", StatusCode.InvalidArgument, "court_code" },
        { "malformed court code", StatusCode.InvalidArgument, "court_code" },
        { "unregistered court", StatusCode.InvalidArgument, "court_code" },
        { "no consent", StatusCode.InvalidArgument, "consent" },
        { "no online-handling consent", StatusCode.InvalidArgument, "consent.online_handling" },
        { "no electronic-service consent", StatusCode.InvalidArgument, "consent.electronic_service" },
        { "no application", StatusCode.InvalidArgument, "application" },
        { "one applicant only", StatusCode.InvalidArgument, $"{Jc}.applicants" },
        { "both applicants on one side", StatusCode.InvalidArgument, $"{Jc}.applicants" },
        { "resident id with a wrong check character", StatusCode.InvalidArgument, $"{Jc}.applicants[0].natural_person.id_number" },
        { "resident id with an impossible birth date", StatusCode.InvalidArgument, $"{Jc}.applicants[0].natural_person.id_number" },
        { "resident id of 17 characters", StatusCode.InvalidArgument, $"{Jc}.applicants[0].natural_person.id_number" },
        { "person without a name", StatusCode.InvalidArgument, $"{Jc}.applicants[0].natural_person.name" },
        { "party without identity", StatusCode.InvalidArgument, $"{Jc}.applicants[0]" },
        { "credit code with a letter outside the set", StatusCode.InvalidArgument, $"{Jc}.applicants[1].organization.unified_social_credit_code" },
        { "phone with letters", StatusCode.InvalidArgument, $"{Jc}.applicants[0].phone" },
        { "no electronic service address", StatusCode.InvalidArgument, $"{Jc}.applicants[0].electronic_service_address" },
        { "agent without power of attorney", StatusCode.InvalidArgument, $"{Jc}.attachments" },
        { "no mediation", StatusCode.InvalidArgument, $"{Jc}.mediation" },
        { "mediation ends before it starts", StatusCode.InvalidArgument, $"{Jc}.mediation.end_date" },
        { "related court missing for delegated mediation", StatusCode.InvalidArgument, $"{Jc}.mediation.related_court_code" },
        { "no agreement", StatusCode.InvalidArgument, $"{Jc}.agreement" },
        { "negative amount", StatusCode.InvalidArgument, $"{Jc}.agreement.items[0].amount_fen" },
        { "obligor index out of range", StatusCode.InvalidArgument, $"{Jc}.agreement.items[0].obligor_party_index" },
        { "no agreement items", StatusCode.InvalidArgument, $"{Jc}.agreement.items" },
        { "unspecified dispute type", StatusCode.InvalidArgument, $"{Jc}.agreement.dispute_type" },
        { "signed date that is no date", StatusCode.InvalidArgument, $"{Jc}.agreement.signed_date" },
        { "effective time in the future", StatusCode.InvalidArgument, $"{Jc}.agreement.effective_time" },
        { "no mediation agreement attached", StatusCode.InvalidArgument, $"{Jc}.attachments" },
        { "no mediation proof attached", StatusCode.InvalidArgument, $"{Jc}.attachments" },
        { "attachment hash of 31 bytes", StatusCode.InvalidArgument, $"{Jc}.attachments[0].sha256" },
        { "attachment content not matching its hash", StatusCode.InvalidArgument, $"{Jc}.attachments[0]" },
        { "attachment of zero bytes", StatusCode.InvalidArgument, $"{Jc}.attachments[0].size_bytes" },
        { "attachment kind unspecified", StatusCode.InvalidArgument, $"{Jc}.attachments[1].kind" },
        { "mediation document without claims", StatusCode.InvalidArgument, $"{Md}.claims" },
        { "mediation document without facts", StatusCode.InvalidArgument, $"{Md}.facts" },
        { "filed 60 days after the agreement took effect", StatusCode.FailedPrecondition, "" },
        { "adoption dispute", StatusCode.FailedPrecondition, "" },
        { "mediation document for personal status", StatusCode.FailedPrecondition, "" },
    };

    [DatabaseTheory]
    [MemberData(nameof(Cases))]
    public async Task SubmitApplication_InvalidInput_IsAnsweredWithTheDocumentedCodeAndChangesNothing(string name, StatusCode code, string field)
    {
        var request = Break(name);
        var before = await StoreSnapshot.TakeAsync(hub.Database);

        var status = await RpcAssert.FailsWith(code, () => hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA).ResponseAsync);

        if (code == StatusCode.InvalidArgument)
        {
            Assert.Equal("INVALID_APPLICATION", status.Info().Reason);
            var fields = status.ViolatedFields();
            Assert.True(fields.Any(f => f == field || f.StartsWith(field + ".", StringComparison.Ordinal) || f.StartsWith(field + "[", StringComparison.Ordinal)),
                $"{name}: expected a violation of {field}, got [{string.Join(", ", fields)}]");
        }

        Assert.Equal(before, await StoreSnapshot.TakeAsync(hub.Database));
    }

    [DatabaseFact]
    public async Task SubmitApplication_ManyFieldsWrong_ListsEveryViolationAtOnce()
    {
        var request = Requests.JudicialConfirmation("");
        request.CourtCode = "";
        request.JudicialConfirmation.Applicants[0].NaturalPerson.IdNumber = "110105194912310021";
        request.JudicialConfirmation.Agreement.Items[0].AmountFen = -5;
        request.JudicialConfirmation.Agreement.SignedDate = new Google.Type.Date { Year = 2026, Month = 2, Day = 30 };

        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA).ResponseAsync);

        var fields = status.ViolatedFields();
        Assert.Contains("platform_case_id", fields);
        Assert.Contains("court_code", fields);
        Assert.Contains($"{Jc}.applicants[0].natural_person.id_number", fields);
        Assert.Contains($"{Jc}.agreement.items[0].amount_fen", fields);
        Assert.Contains($"{Jc}.agreement.signed_date", fields);
    }

    [DatabaseFact]
    public async Task SubmitApplication_RequestOverFourMebibytes_IsResourceExhausted()
    {
        var request = Requests.JudicialConfirmation("huge-" + Guid.NewGuid().ToString("N")[..8]);
        request.JudicialConfirmation.Attachments[0].Content = ByteString.CopyFrom(new byte[5 * 1024 * 1024]);

        var ex = await Assert.ThrowsAsync<RpcException>(() => hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    private static SubmitApplicationRequest Break(string name)
    {
        var caseId = "bad-" + Guid.NewGuid().ToString("N")[..12];
        var r = name.StartsWith("mediation document", StringComparison.Ordinal) ? Requests.MediationDocument(caseId) : Requests.JudicialConfirmation(caseId);
        var jc = r.JudicialConfirmation;
        switch (name)
        {
            case "empty platform case id": r.PlatformCaseId = ""; break;
            case "platform case id with spaces": r.PlatformCaseId = "case 1"; break;
            case "platform case id of 65 characters": r.PlatformCaseId = new string('a', 65); break;
            case "empty court code": r.CourtCode = ""; break;
            case "malformed court code": r.CourtCode = "Xinjiang0102"; break;
            case "unregistered court": r.CourtCode = "京0105"; break;
            case "no consent": r.Consent = null; break;
            case "no online-handling consent": r.Consent.OnlineHandling = false; break;
            case "no electronic-service consent": r.Consent.ElectronicService = false; break;
            case "no application": r.ClearApplication(); break;
            case "one applicant only": jc.Applicants.RemoveAt(1); break;
            case "both applicants on one side": jc.Applicants[1].Side = PartySide.SideA; break;
            case "resident id with a wrong check character": jc.Applicants[0].NaturalPerson.IdNumber = "110105194912310021"; break;
            case "resident id with an impossible birth date": jc.Applicants[0].NaturalPerson.IdNumber = WithCheck("11010519490230002"); break;
            case "resident id of 17 characters": jc.Applicants[0].NaturalPerson.IdNumber = "11010519491231002"; break;
            case "person without a name": jc.Applicants[0].NaturalPerson.Name = ""; break;
            case "party without identity": jc.Applicants[0].ClearIdentity(); break;
            case "credit code with a letter outside the set": jc.Applicants[1].Organization.UnifiedSocialCreditCode = "91650102MA7111110I"; break;
            case "phone with letters": jc.Applicants[0].Phone = "call-me-maybe"; break;
            case "no electronic service address": jc.Applicants[0].ElectronicServiceAddress = ""; break;
            case "agent without power of attorney":
                jc.Applicants[0].Agent = new Agent { Name = "赵律师", IdType = IdentityDocumentType.Passport, IdNumber = "E12345678" };
                break;
            case "no mediation": jc.Mediation = null; break;
            case "mediation ends before it starts":
                jc.Mediation.StartDate = new Google.Type.Date { Year = jc.Mediation.EndDate.Year, Month = jc.Mediation.EndDate.Month, Day = jc.Mediation.EndDate.Day };
                jc.Mediation.EndDate = ToDate(new DateOnly(jc.Mediation.StartDate.Year, jc.Mediation.StartDate.Month, jc.Mediation.StartDate.Day).AddDays(-3));
                break;
            case "related court missing for delegated mediation": jc.Mediation.CourtRelation = CourtRelation.DelegatedByCourt; break;
            case "no agreement": jc.Agreement = null; break;
            case "negative amount": jc.Agreement.Items[0].AmountFen = -1; break;
            case "obligor index out of range": jc.Agreement.Items[0].ObligorPartyIndex = 7; break;
            case "no agreement items": jc.Agreement.Items.Clear(); break;
            case "unspecified dispute type": jc.Agreement.DisputeType = DisputeType.Unspecified; break;
            case "signed date that is no date": jc.Agreement.SignedDate = new Google.Type.Date { Year = 2026, Month = 2, Day = 30 }; break;
            case "effective time in the future": jc.Agreement.EffectiveTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(2)); break;
            case "no mediation agreement attached": jc.Attachments.RemoveAt(0); break;
            case "no mediation proof attached": jc.Attachments.RemoveAt(1); break;
            case "attachment hash of 31 bytes": jc.Attachments[0].Sha256 = ByteString.CopyFrom(new byte[31]); break;
            case "attachment content not matching its hash": jc.Attachments[0].Content = ByteString.CopyFromUtf8("tampered content"); break;
            case "attachment of zero bytes": jc.Attachments[0].SizeBytes = 0; jc.Attachments[0].Content = ByteString.Empty; break;
            case "attachment kind unspecified": jc.Attachments[1].Kind = AttachmentKind.Unspecified; break;
            case "mediation document without claims": r.MediationDocument.Claims = ""; break;
            case "mediation document without facts": r.MediationDocument.Facts = ""; break;
            case "filed 60 days after the agreement took effect":
                var effective = DateTimeOffset.UtcNow.AddDays(-60);
                jc.Agreement.EffectiveTime = Timestamp.FromDateTimeOffset(effective);
                jc.Agreement.SignedDate = ToDate(DateOnly.FromDateTime(effective.ToOffset(TimeSpan.FromHours(8)).DateTime));
                jc.Mediation.StartDate = jc.Agreement.SignedDate;
                jc.Mediation.EndDate = jc.Agreement.SignedDate;
                break;
            case "adoption dispute": jc.Agreement.DisputeType = DisputeType.AdoptionStatus; break;
            case "mediation document for personal status": r.MediationDocument.Agreement.DisputeType = DisputeType.ParentChildStatus; break;
            default: throw new ArgumentException("no such case: " + name);
        }

        return r;
    }

    private static Google.Type.Date ToDate(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    /// <summary>Appends the right GB 11643 check character, so only the birth date is wrong.</summary>
    private static string WithCheck(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }
}
