using Exchange.Abstractions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using D = Exchange.Domain;
using V1 = Exchange.V1;

namespace Exchange.Gateway.Mapping;

/// <summary>
/// Maps the wire contract to the domain records and back. It checks only what the domain records
/// cannot hold (a date that is no date, a timestamp out of range); every rule lives in Exchange.Domain.
/// </summary>
public static class ApplicationMapper
{
    /// <summary>Maps a submission; <paramref name="violations"/> collects values the domain cannot represent.</summary>
    public static D.ApplicationDraft ToDraft(V1.SubmitApplicationRequest request, List<D.FieldViolation> violations)
    {
        var prefix = request.ApplicationCase switch
        {
            V1.SubmitApplicationRequest.ApplicationOneofCase.JudicialConfirmation => "judicial_confirmation",
            V1.SubmitApplicationRequest.ApplicationOneofCase.MediationDocument => "mediation_document",
            _ => "",
        };
        var draft = new D.ApplicationDraft
        {
            PlatformCaseId = request.PlatformCaseId,
            CourtCode = request.CourtCode,
            Consent = request.Consent is { } consent
                ? new D.OnlineConsent
                {
                    OnlineHandling = consent.OnlineHandling,
                    ElectronicService = consent.ElectronicService,
                    ConsentTime = ToInstant(consent.ConsentTime, "consent.consent_time", violations),
                }
                : null,
        };

        switch (request.ApplicationCase)
        {
            case V1.SubmitApplicationRequest.ApplicationOneofCase.JudicialConfirmation:
                var jc = request.JudicialConfirmation;
                return draft with
                {
                    Type = D.ApplicationType.JudicialConfirmation,
                    Parties = [.. jc.Applicants.Select((p, i) => ToParty(p, $"{prefix}.applicants[{i}]", violations))],
                    Mediation = ToMediation(jc.Mediation, $"{prefix}.mediation", violations),
                    Agreement = ToAgreement(jc.Agreement, $"{prefix}.agreement", violations),
                    Attachments = [.. jc.Attachments.Select((a, i) => ToAttachment(a, $"{prefix}.attachments[{i}]", violations))],
                };
            case V1.SubmitApplicationRequest.ApplicationOneofCase.MediationDocument:
                var md = request.MediationDocument;
                return draft with
                {
                    Type = D.ApplicationType.MediationDocument,
                    Parties = [.. md.Parties.Select((p, i) => ToParty(p, $"{prefix}.parties[{i}]", violations))],
                    Mediation = ToMediation(md.Mediation, $"{prefix}.mediation", violations),
                    Agreement = ToAgreement(md.Agreement, $"{prefix}.agreement", violations),
                    Claims = md.Claims,
                    Facts = md.Facts,
                    PreLitigationCaseNumber = md.PreLitigationCaseNumber,
                    Attachments = [.. md.Attachments.Select((a, i) => ToAttachment(a, $"{prefix}.attachments[{i}]", violations))],
                };
            default:
                return draft;
        }
    }

    private static D.Party ToParty(V1.Party p, string path, List<D.FieldViolation> violations) => new()
    {
        Side = (D.PartySide)p.Side,
        NaturalPerson = p.NaturalPerson is { } n ? new D.NaturalPerson { Name = n.Name, IdType = (D.IdentityDocumentType)n.IdType, IdNumber = n.IdNumber } : null,
        Organization = p.Organization is { } o ? new D.Organization { Name = o.Name, UnifiedSocialCreditCode = o.UnifiedSocialCreditCode, LegalRepresentative = o.LegalRepresentative } : null,
        Address = p.Address,
        Phone = p.Phone,
        ElectronicServiceAddress = p.ElectronicServiceAddress,
        Agent = p.Agent is { } a ? new D.Agent { Name = a.Name, IdType = (D.IdentityDocumentType)a.IdType, IdNumber = a.IdNumber, Phone = a.Phone } : null,
    };

    private static D.Mediation? ToMediation(V1.Mediation? m, string path, List<D.FieldViolation> violations) => m is null ? null : new D.Mediation
    {
        OrganizationName = m.OrganizationName,
        OrganizationType = (D.MediationOrganizationType)m.OrganizationType,
        OrganizationCreditCode = m.OrganizationCreditCode,
        CourtRelation = (D.CourtRelation)m.CourtRelation,
        RelatedCourtCode = m.RelatedCourtCode,
        MediatorName = m.MediatorName,
        MediatorId = m.MediatorId,
        StartDate = ToDate(m.StartDate, path + ".start_date", violations),
        EndDate = ToDate(m.EndDate, path + ".end_date", violations),
    };

    private static D.Agreement? ToAgreement(V1.Agreement? a, string path, List<D.FieldViolation> violations) => a is null ? null : new D.Agreement
    {
        Number = a.Number,
        SignedDate = ToDate(a.SignedDate, path + ".signed_date", violations),
        EffectiveTime = ToInstant(a.EffectiveTime, path + ".effective_time", violations),
        Items = [.. a.Items.Select((item, i) => new D.AgreementItem
        {
            ObligorPartyIndex = item.ObligorPartyIndex,
            ObligeePartyIndex = item.ObligeePartyIndex,
            Description = item.Description,
            AmountFen = item.AmountFen,
            DueDate = ToDate(item.DueDate, $"{path}.items[{i}].due_date", violations),
        })],
        DisputeType = (D.DisputeType)a.DisputeType,
    };

    private static D.Attachment ToAttachment(V1.Attachment a, string path, List<D.FieldViolation> violations) => new()
    {
        Kind = (D.AttachmentKind)a.Kind,
        FileName = a.FileName,
        MediaType = a.MediaType,
        SizeBytes = a.SizeBytes,
        Sha256 = a.Sha256.ToByteArray(),
        Content = a.Content.IsEmpty ? null : a.Content.ToByteArray(),
        PartyIndex = a.HasPartyIndex ? a.PartyIndex : null,
        Uploaded = a.Uploaded,
        Signatures = [.. a.Signatures.Select((s, i) => new D.Signature
        {
            Signer = s.Signer,
            SignedTime = ToInstant(s.SignedTime, $"{path}.signatures[{i}].signed_time", violations),
            Method = s.Method,
        })],
    };

    internal static DateOnly? ToDate(Google.Type.Date? date, string path, List<D.FieldViolation> violations)
    {
        if (date is null)
        {
            return null;
        }

        if (date.Year is >= 1 and <= 9999 && date.Month is >= 1 and <= 12 && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month))
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }

        violations.Add(new D.FieldViolation(path, $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2} is not a calendar date"));
        return null;
    }

    private static DateTimeOffset? ToInstant(Timestamp? timestamp, string path, List<D.FieldViolation> violations)
    {
        if (timestamp is null)
        {
            return null;
        }

        if (IsValid(timestamp))
        {
            return timestamp.ToDateTimeOffset();
        }

        violations.Add(new D.FieldViolation(path, "not a valid timestamp"));
        return null;
    }

    /// <summary>Whether a Timestamp is in the range it allows (years 1–9999) with whole nanoseconds.</summary>
    public static bool IsValid(Timestamp timestamp) =>
        timestamp.Seconds is >= -62135596800 and <= 253402300799 && timestamp.Nanos is >= 0 and <= 999_999_999;

    // ---- back to the wire ----

    public static V1.Receipt ToProto(Receipt receipt)
    {
        var proto = new V1.Receipt
        {
            ApplicationId = receipt.ApplicationId,
            Status = (V1.ApplicationStatus)receipt.Status,
            ReceivedTime = Timestamp.FromDateTimeOffset(receipt.ReceivedAt),
            CourtCode = receipt.CourtCode,
            CourtName = receipt.CourtName,
            Type = (V1.ApplicationType)receipt.Type,
            PlatformCaseId = receipt.PlatformCaseId,
            PayloadSha256 = receipt.PayloadSha256,
            ChainHeadSha256 = receipt.ChainHeadSha256,
        };
        proto.Warnings.AddRange(receipt.Warnings.Select(w => new V1.Warning { Code = w.Code, Field = w.Field, Message = w.Message }));
        return proto;
    }

    public static V1.Application ToProto(ApplicationView view)
    {
        var d = view.Draft;
        var proto = new V1.Application
        {
            Receipt = ToProto(view.Receipt),
            Status = (V1.ApplicationStatus)view.Status,
            UpdateTime = Timestamp.FromDateTimeOffset(view.UpdatedAt),
            Version = view.Version,
            WithdrawalRequestedTime = view.WithdrawalRequestedAt is { } w ? Timestamp.FromDateTimeOffset(w) : null,
            Consent = d.Consent is { } c ? new V1.OnlineConsent { OnlineHandling = c.OnlineHandling, ElectronicService = c.ElectronicService, ConsentTime = ToTimestamp(c.ConsentTime) } : null,
            CaseNumber = view.CaseNumber ?? "",
            AcceptanceTime = ToTimestamp(view.AcceptedAt),
            RulingTime = ToTimestamp(view.RuledAt),
            ChainHeadSha256 = view.ChainHeadSha256,
        };
        proto.Deadlines.AddRange(view.Deadlines.Select(ToProto));
        proto.RequestedItems.AddRange(view.RequestedItems);
        proto.SignedPartyIndexes.AddRange(view.SignedPartyIndexes);
        proto.Documents.AddRange(view.Documents.Select(Services.DocumentDownloads.ToProto));
        var parties = d.Parties.Select(ToProto);
        var attachments = d.Attachments.Select(ToProto);
        if (d.Type == D.ApplicationType.JudicialConfirmation)
        {
            proto.JudicialConfirmation = new V1.JudicialConfirmationApplication { Mediation = ToProto(d.Mediation), Agreement = ToProto(d.Agreement) };
            proto.JudicialConfirmation.Applicants.AddRange(parties);
            proto.JudicialConfirmation.Attachments.AddRange(attachments);
        }
        else
        {
            proto.MediationDocument = new V1.MediationDocumentApplication
            {
                Mediation = ToProto(d.Mediation), Agreement = ToProto(d.Agreement), Claims = d.Claims, Facts = d.Facts,
                PreLitigationCaseNumber = d.PreLitigationCaseNumber,
            };
            proto.MediationDocument.Parties.AddRange(parties);
            proto.MediationDocument.Attachments.AddRange(attachments);
        }

        return proto;
    }

    public static V1.Deadline ToProto(DeadlineView view) => new()
    {
        Kind = (V1.DeadlineKind)view.Deadline.Kind,
        DueDate = ToDate(view.Deadline.Day),
        CloseTime = Timestamp.FromDateTimeOffset(view.Deadline.ClosesAt),
        Provisional = view.Deadline.Provisional,
        OverdueFlagTime = ToTimestamp(view.OverdueFlaggedAt),
    };

    /// <summary>Supplied files, mapped like a filing's attachments (paths under <paramref name="path"/>).</summary>
    public static IReadOnlyList<D.Attachment> ToAttachments(IEnumerable<V1.Attachment> attachments, string path, List<D.FieldViolation> violations) =>
        [.. attachments.Select((a, i) => ToAttachment(a, $"{path}[{i}]", violations))];

    /// <summary>An instant of a request, or a violation of <paramref name="path"/> when it is out of range.</summary>
    public static DateTimeOffset? ToInstantOrViolation(Timestamp? timestamp, string path, List<D.FieldViolation> violations) =>
        ToInstant(timestamp, path, violations);

    private static V1.Party ToProto(D.Party p)
    {
        var proto = new V1.Party
        {
            Side = (V1.PartySide)p.Side, Address = p.Address, Phone = p.Phone, ElectronicServiceAddress = p.ElectronicServiceAddress,
            Agent = p.Agent is { } a ? new V1.Agent { Name = a.Name, IdType = (V1.IdentityDocumentType)a.IdType, IdNumber = a.IdNumber, Phone = a.Phone } : null,
        };
        if (p.NaturalPerson is { } n)
        {
            proto.NaturalPerson = new V1.NaturalPerson { Name = n.Name, IdType = (V1.IdentityDocumentType)n.IdType, IdNumber = n.IdNumber };
        }
        else if (p.Organization is { } o)
        {
            proto.Organization = new V1.Organization { Name = o.Name, UnifiedSocialCreditCode = o.UnifiedSocialCreditCode, LegalRepresentative = o.LegalRepresentative };
        }

        return proto;
    }

    private static V1.Mediation? ToProto(D.Mediation? m) => m is null ? null : new V1.Mediation
    {
        OrganizationName = m.OrganizationName, OrganizationType = (V1.MediationOrganizationType)m.OrganizationType,
        OrganizationCreditCode = m.OrganizationCreditCode, CourtRelation = (V1.CourtRelation)m.CourtRelation,
        RelatedCourtCode = m.RelatedCourtCode, MediatorName = m.MediatorName, MediatorId = m.MediatorId,
        StartDate = ToDate(m.StartDate), EndDate = ToDate(m.EndDate),
    };

    private static V1.Agreement? ToProto(D.Agreement? a)
    {
        if (a is null)
        {
            return null;
        }

        var proto = new V1.Agreement
        {
            Number = a.Number, SignedDate = ToDate(a.SignedDate), EffectiveTime = ToTimestamp(a.EffectiveTime),
            DisputeType = (V1.DisputeType)a.DisputeType,
        };
        proto.Items.AddRange(a.Items.Select(i => new V1.AgreementItem
        {
            ObligorPartyIndex = i.ObligorPartyIndex, ObligeePartyIndex = i.ObligeePartyIndex, Description = i.Description,
            AmountFen = i.AmountFen, DueDate = ToDate(i.DueDate),
        }));
        return proto;
    }

    private static V1.Attachment ToProto(D.Attachment a)
    {
        var proto = new V1.Attachment
        {
            Kind = (V1.AttachmentKind)a.Kind, FileName = a.FileName, MediaType = a.MediaType, SizeBytes = a.SizeBytes,
            Sha256 = ByteString.CopyFrom(a.Sha256), Uploaded = a.Uploaded,
        };
        if (a.PartyIndex is { } index)
        {
            proto.PartyIndex = index;
        }

        proto.Signatures.AddRange(a.Signatures.Select(s => new V1.Signature { Signer = s.Signer, SignedTime = ToTimestamp(s.SignedTime), Method = s.Method }));
        return proto;
    }

    internal static Google.Type.Date? ToDate(DateOnly? date) =>
        date is { } d ? new Google.Type.Date { Year = d.Year, Month = d.Month, Day = d.Day } : null;

    private static Timestamp? ToTimestamp(DateTimeOffset? instant) =>
        instant is { } i ? Timestamp.FromDateTimeOffset(i) : null;
}
