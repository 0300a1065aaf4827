using Exchange.Abstractions;
using Exchange.Gateway.Mapping;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using D = Exchange.Domain;
using V1 = Exchange.V1;

namespace Exchange.Contract.Tests;

/// <summary>
/// The gateway's mapping of a submission to a draft and of a receipt and an application back to
/// the wire: what goes in comes back out field for field (inline contents excepted: the hub stores
/// them apart), and values the domain cannot hold are reported under their request paths.
/// </summary>
public sealed class ApplicationMappingTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void JudicialConfirmation_MapsToTheDraftAndBackUnchanged() => AssertRoundTrip(Request(mediationDocument: false));

    [Fact]
    public void MediationDocument_MapsToTheDraftAndBackUnchanged() => AssertRoundTrip(Request(mediationDocument: true));

    [Fact]
    public void ValuesTheDomainCannotHold_AreReportedUnderTheirPaths()
    {
        var request = Request(mediationDocument: false);
        request.Consent.ConsentTime = new Timestamp { Seconds = 1, Nanos = -1 };
        var jc = request.JudicialConfirmation;
        jc.Mediation.StartDate = new Google.Type.Date { Year = 2026, Month = 2, Day = 30 };
        jc.Agreement.EffectiveTime = new Timestamp { Seconds = 253402300800 };
        jc.Agreement.Items[1].DueDate = new Google.Type.Date { Year = 2026, Month = 13, Day = 1 };
        jc.Attachments[1].Signatures[0].SignedTime = new Timestamp { Nanos = 1_000_000_000 };

        var violations = new List<D.FieldViolation>();
        var draft = ApplicationMapper.ToDraft(request, violations);

        Assert.Equal(
            [
                new D.FieldViolation("consent.consent_time", "not a valid timestamp"),
                new D.FieldViolation("judicial_confirmation.mediation.start_date", "2026-02-30 is not a calendar date"),
                new D.FieldViolation("judicial_confirmation.agreement.effective_time", "not a valid timestamp"),
                new D.FieldViolation("judicial_confirmation.agreement.items[1].due_date", "2026-13-01 is not a calendar date"),
                new D.FieldViolation("judicial_confirmation.attachments[1].signatures[0].signed_time", "not a valid timestamp"),
            ],
            violations);
        Assert.Null(draft.Mediation!.StartDate);
        Assert.Null(draft.Agreement!.Items[1].DueDate);
    }

    [Fact]
    public void Receipt_MapsEveryField()
    {
        var receipt = new Receipt("0193e7a0-0000-7000-8000-000000000001", D.ApplicationStatus.Received, Received, "新0102", "乌鲁木齐市天山区人民法院",
            D.ApplicationType.JudicialConfirmation, "case-1", new string('b', 64),
            [new D.ApplicationWarning("W1", "judicial_confirmation.attachments[0]", "one"), new D.ApplicationWarning("W2", "court_code", "two")])
        {
            ChainHeadSha256 = new string('c', 64),
        };

        var proto = ApplicationMapper.ToProto(receipt);

        var expected = new V1.Receipt
        {
            ApplicationId = receipt.ApplicationId, Status = V1.ApplicationStatus.Received, ReceivedTime = Timestamp.FromDateTimeOffset(Received),
            CourtCode = "新0102", CourtName = "乌鲁木齐市天山区人民法院", Type = V1.ApplicationType.JudicialConfirmation, PlatformCaseId = "case-1",
            PayloadSha256 = new string('b', 64), ChainHeadSha256 = new string('c', 64),
            Warnings =
            {
                new V1.Warning { Code = "W1", Field = "judicial_confirmation.attachments[0]", Message = "one" },
                new V1.Warning { Code = "W2", Field = "court_code", Message = "two" },
            },
        };
        Assert.Equal(expected, proto);
    }

    private static void AssertRoundTrip(V1.SubmitApplicationRequest request)
    {
        var violations = new List<D.FieldViolation>();
        var draft = ApplicationMapper.ToDraft(request, violations);
        Assert.Empty(violations);
        var receipt = new Receipt("0193e7a0-0000-7000-8000-000000000002", D.ApplicationStatus.Accepted, Received, draft.CourtCode, "法院",
            draft.Type, draft.PlatformCaseId, D.CanonicalPayload.Sha256Hex(draft), []);
        var view = new ApplicationView(receipt, "platform-1", D.ApplicationStatus.Accepted, Received.AddHours(1), 3, Received.AddHours(2), draft)
        {
            CaseNumber = "（2026）新0102民特1号",
            AcceptedAt = Received.AddHours(1),
            Deadlines = [new DeadlineView(new D.RunningDeadline(D.DeadlineKind.Review, new DateOnly(2026, 3, 25), Received.AddDays(15), true), Received.AddDays(16))],
            RequestedItems = ["身份证明", "授权委托书"],
            SignedPartyIndexes = [0, 1],
            ChainHeadSha256 = new string('d', 64),
        };

        var application = ApplicationMapper.ToProto(view);

        // Contents are not part of the application as read back; everything else is.
        var sent = request.Clone();
        foreach (var attachment in sent.JudicialConfirmation?.Attachments ?? sent.MediationDocument.Attachments)
        {
            attachment.Content = ByteString.Empty;
        }

        Assert.Equal(sent.Consent, application.Consent);
        Assert.Equal(sent.JudicialConfirmation, application.JudicialConfirmation);
        Assert.Equal(sent.MediationDocument, application.MediationDocument);
        Assert.Equal(ApplicationMapper.ToProto(receipt), application.Receipt);
        Assert.Equal(
            new V1.Application
            {
                Status = V1.ApplicationStatus.Accepted, UpdateTime = Timestamp.FromDateTimeOffset(Received.AddHours(1)), Version = 3,
                WithdrawalRequestedTime = Timestamp.FromDateTimeOffset(Received.AddHours(2)), CaseNumber = "（2026）新0102民特1号",
                AcceptanceTime = Timestamp.FromDateTimeOffset(Received.AddHours(1)), ChainHeadSha256 = new string('d', 64),
                Deadlines =
                {
                    new V1.Deadline
                    {
                        Kind = V1.DeadlineKind.Review, DueDate = new Google.Type.Date { Year = 2026, Month = 3, Day = 25 },
                        CloseTime = Timestamp.FromDateTimeOffset(Received.AddDays(15)), Provisional = true,
                        OverdueFlagTime = Timestamp.FromDateTimeOffset(Received.AddDays(16)),
                    },
                },
                RequestedItems = { "身份证明", "授权委托书" },
                SignedPartyIndexes = { 0, 1 },
            },
            new V1.Application(application) { Receipt = null, Consent = null, JudicialConfirmation = null, MediationDocument = null });
    }

    private static V1.SubmitApplicationRequest Request(bool mediationDocument)
    {
        V1.Party[] parties =
        [
            new()
            {
                Side = V1.PartySide.SideA, Address = "天山区解放南路1号", Phone = "13800000000", ElectronicServiceAddress = "a@example.cn",
                NaturalPerson = new V1.NaturalPerson { Name = "张三", IdType = V1.IdentityDocumentType.ResidentIdCard, IdNumber = "11010519491231002X" },
            },
            new()
            {
                Side = V1.PartySide.SideB, Address = "沙依巴克区友好北路2号", Phone = "0991-1234567", ElectronicServiceAddress = "b@example.cn",
                Organization = new V1.Organization { Name = "某某商贸有限公司", UnifiedSocialCreditCode = "91350100M000100Y43", LegalRepresentative = "李四" },
                Agent = new V1.Agent { Name = "王五", IdType = V1.IdentityDocumentType.Passport, IdNumber = "E12345678", Phone = "13900000000" },
            },
        ];
        var mediation = new V1.Mediation
        {
            OrganizationName = "调解委员会", OrganizationType = V1.MediationOrganizationType.PeoplesMediation, OrganizationCreditCode = "51650100MJ0000000X",
            CourtRelation = V1.CourtRelation.InvitedByCourt, RelatedCourtCode = "新0102", MediatorName = "赵六", MediatorId = "M-17",
            StartDate = new Google.Type.Date { Year = 2026, Month = 2, Day = 25 }, EndDate = new Google.Type.Date { Year = 2026, Month = 3, Day = 1 },
        };
        var agreement = new V1.Agreement
        {
            Number = "TS-2026-0042", SignedDate = new Google.Type.Date { Year = 2026, Month = 3, Day = 1 },
            EffectiveTime = new Timestamp { Seconds = 1_772_350_200, Nanos = 123_456_700 }, DisputeType = V1.DisputeType.Contract,
            Items =
            {
                new V1.AgreementItem { ObligorPartyIndex = 1, ObligeePartyIndex = 0, Description = "支付货款", AmountFen = 1_200_000, DueDate = new Google.Type.Date { Year = 2026, Month = 4, Day = 30 } },
                new V1.AgreementItem { ObligorPartyIndex = 0, ObligeePartyIndex = 1, Description = "出具收据", DueDate = new Google.Type.Date { Year = 2026, Month = 5, Day = 1 } },
            },
        };
        V1.Attachment[] attachments =
        [
            new()
            {
                Kind = V1.AttachmentKind.MediationAgreement, FileName = "调解协议.pdf", MediaType = "application/pdf", SizeBytes = 3,
                Sha256 = ByteString.CopyFrom(new byte[32]), Content = ByteString.CopyFromUtf8("pdf"),
            },
            new()
            {
                Kind = V1.AttachmentKind.PowerOfAttorney, FileName = "授权委托书.pdf", MediaType = "application/pdf", SizeBytes = 245_760,
                Sha256 = ByteString.CopyFrom(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()), PartyIndex = 0, Uploaded = true,
                Signatures =
                {
                    new V1.Signature { Signer = "张三", Method = "e-signature", SignedTime = new Timestamp { Seconds = 1_772_349_000 } },
                    new V1.Signature { Signer = "某某商贸有限公司", Method = "seal" },
                },
            },
        ];
        var request = new V1.SubmitApplicationRequest
        {
            PlatformCaseId = "tianshan/2026:0042", CourtCode = "新0102",
            Consent = new V1.OnlineConsent { OnlineHandling = true, ElectronicService = true, ConsentTime = new Timestamp { Seconds = 1_772_000_000 } },
        };
        if (mediationDocument)
        {
            request.MediationDocument = new V1.MediationDocumentApplication
            {
                Mediation = mediation, Agreement = agreement, Claims = "判令被告支付货款", Facts = "双方因买卖合同发生争议", PreLitigationCaseNumber = "（2026）新0102民诉前调45号",
                Parties = { parties }, Attachments = { attachments },
            };
        }
        else
        {
            request.JudicialConfirmation = new V1.JudicialConfirmationApplication
            {
                Mediation = mediation, Agreement = agreement, Applicants = { parties }, Attachments = { attachments },
            };
        }

        return request;
    }
}
