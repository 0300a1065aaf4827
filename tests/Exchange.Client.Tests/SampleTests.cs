using System.Security.Cryptography;
using Exchange.Cli;
using Exchange.V1;
using Google.Protobuf;

namespace Exchange.Client.Tests;

/// <summary>The shipped samples are complete, valid filings: what the hub would accept.</summary>
public sealed class SampleTests
{
    public static TheoryData<string> Names => [Samples.JudicialConfirmation, Samples.MediationDocument];

    [Theory]
    [MemberData(nameof(Names))]
    public void Sample_ParsesStrictly_AndEveryAttachmentMatchesItsSizeAndSha256(string name)
    {
        var request = Samples.Load(name);
        var (_, _, _, attachments) = Parts(request);

        Assert.NotEmpty(attachments);
        foreach (var attachment in attachments)
        {
            Assert.False(attachment.Content.IsEmpty, attachment.FileName);
            Assert.Equal(attachment.Content.Length, attachment.SizeBytes);
            Assert.Equal(32, attachment.Sha256.Length);
            Assert.Equal(SHA256.HashData(attachment.Content.Span), attachment.Sha256.ToByteArray());
            Assert.NotEqual(AttachmentKind.Unspecified, attachment.Kind);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Sample_FollowsTheFilingRules(string name)
    {
        var request = Samples.Load(name);
        var (parties, mediation, agreement, attachments) = Parts(request);

        Assert.Equal("新0102", request.CourtCode);
        Assert.Matches("^[A-Za-z0-9.\\-_:/]{1,64}$", request.PlatformCaseId);
        Assert.True(request.Consent.OnlineHandling);
        Assert.True(request.Consent.ElectronicService);
        Assert.NotNull(request.Consent.ConsentTime);

        Assert.Equal(2, parties.Count);
        Assert.Contains(parties, p => p.Side == PartySide.SideA);
        Assert.Contains(parties, p => p.Side == PartySide.SideB);
        foreach (var party in parties)
        {
            Assert.Matches("^[0-9 +\\-]{5,20}$", party.Phone);
            Assert.False(string.IsNullOrWhiteSpace(party.Address));
            Assert.False(string.IsNullOrWhiteSpace(party.ElectronicServiceAddress));
            Assert.Null(party.Agent); // so no power of attorney is needed
        }

        var person = Assert.Single(parties, p => p.IdentityCase == Party.IdentityOneofCase.NaturalPerson).NaturalPerson;
        Assert.Equal(IdentityDocumentType.ResidentIdCard, person.IdType);
        Assert.Equal("11010519491231002X", person.IdNumber);
        Assert.True(IsValidResidentId(person.IdNumber));
        var organization = Assert.Single(parties, p => p.IdentityCase == Party.IdentityOneofCase.Organization).Organization;
        Assert.True(HasValidCreditCodeChecksum(organization.UnifiedSocialCreditCode), organization.UnifiedSocialCreditCode);

        Assert.Equal(MediationOrganizationType.PeoplesMediation, mediation.OrganizationType);
        Assert.Equal(CourtRelation.NoCourtRelation, mediation.CourtRelation);
        Assert.Equal("", mediation.RelatedCourtCode);
        Assert.True(ToDate(mediation.EndDate) >= ToDate(mediation.StartDate));

        Assert.Equal(DisputeType.Debt, agreement.DisputeType);
        var item = Assert.Single(agreement.Items);
        Assert.NotEqual(item.ObligorPartyIndex, item.ObligeePartyIndex);
        Assert.InRange(item.ObligorPartyIndex, 0, parties.Count - 1);
        Assert.InRange(item.ObligeePartyIndex, 0, parties.Count - 1);
        Assert.True(item.AmountFen > 0);
        var signedCst = ToDate(agreement.SignedDate);
        var effectiveCst = DateOnly.FromDateTime(agreement.EffectiveTime.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).DateTime);
        Assert.True(effectiveCst >= signedCst);

        Assert.Contains(attachments, a => a.Kind == AttachmentKind.MediationAgreement);
        if (request.ApplicationCase == SubmitApplicationRequest.ApplicationOneofCase.JudicialConfirmation)
        {
            Assert.Contains(attachments, a => a.Kind == AttachmentKind.MediationProof);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(request.MediationDocument.Claims));
            Assert.False(string.IsNullOrWhiteSpace(request.MediationDocument.Facts));
        }
    }

    [Fact]
    public void UnknownFields_AreAnError()
    {
        var json = File.ReadAllText(Samples.PathOf(Samples.JudicialConfirmation)).Replace("\"courtCode\"", "\"courtcode\"", StringComparison.Ordinal);

        Assert.Throws<InvalidProtocolBufferException>(() => ProtoJson.Parse<SubmitApplicationRequest>(json));
    }

    [Fact]
    public void CreditCodeChecksum_KnownCodes()
    {
        Assert.True(HasValidCreditCodeChecksum("91350100M000100Y43")); // GB 32100's own example
        Assert.False(HasValidCreditCodeChecksum("91350100M000100Y44"));
    }

    private static (IList<Party> Parties, Mediation Mediation, Agreement Agreement, IList<Attachment> Attachments) Parts(SubmitApplicationRequest request) =>
        request.ApplicationCase switch
        {
            SubmitApplicationRequest.ApplicationOneofCase.JudicialConfirmation => (
                request.JudicialConfirmation.Applicants, request.JudicialConfirmation.Mediation,
                request.JudicialConfirmation.Agreement, request.JudicialConfirmation.Attachments),
            SubmitApplicationRequest.ApplicationOneofCase.MediationDocument => (
                request.MediationDocument.Parties, request.MediationDocument.Mediation,
                request.MediationDocument.Agreement, request.MediationDocument.Attachments),
            _ => throw new InvalidOperationException("no application"),
        };

    private static DateOnly ToDate(Google.Type.Date date) => new(date.Year, date.Month, date.Day);

    /// <summary>GB 11643, as DOMAIN.md §5 states it, written apart from any production code.</summary>
    private static bool IsValidResidentId(string id)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * weights[i];
        }

        return id.Length == 18 && "10X98765432"[sum % 11] == id[17]
            && DateOnly.TryParseExact(id[6..14], "yyyyMMdd", out _);
    }

    /// <summary>GB 32100, as DOMAIN.md §5 states it.</summary>
    private static bool HasValidCreditCodeChecksum(string code)
    {
        const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        if (code.Length != 18 || code.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        var sum = 0;
        var weight = 1;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(code[i], StringComparison.Ordinal) * weight;
            weight = weight * 3 % 31;
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check] == code[17];
    }
}
