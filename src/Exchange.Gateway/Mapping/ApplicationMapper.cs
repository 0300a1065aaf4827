using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Exchange.Abstractions;
using Google.Protobuf;
using Google.Protobuf.Collections;
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
    // Where each application type's parts sit in the request. A violation's full path is put
    // together only when there is a violation: a valid submission builds no path strings.
    private sealed record Paths(string Mediation, string Agreement, string Attachments);

    private static readonly Paths JudicialConfirmationPaths =
        new("judicial_confirmation.mediation", "judicial_confirmation.agreement", "judicial_confirmation.attachments");

    private static readonly Paths MediationDocumentPaths =
        new("mediation_document.mediation", "mediation_document.agreement", "mediation_document.attachments");

    /// <summary>Maps a submission; <paramref name="violations"/> collects values the domain cannot represent.</summary>
    public static D.ApplicationDraft ToDraft(V1.SubmitApplicationRequest request, List<D.FieldViolation> violations)
    {
        var consent = request.Consent is { } c
            ? new D.OnlineConsent
            {
                OnlineHandling = c.OnlineHandling,
                ElectronicService = c.ElectronicService,
                ConsentTime = ToInstant(c.ConsentTime, violations, "consent.consent_time"),
            }
            : null;

        switch (request.ApplicationCase)
        {
            case V1.SubmitApplicationRequest.ApplicationOneofCase.JudicialConfirmation:
                var jc = request.JudicialConfirmation;
                return new D.ApplicationDraft
                {
                    PlatformCaseId = request.PlatformCaseId,
                    CourtCode = request.CourtCode,
                    Consent = consent,
                    Type = D.ApplicationType.JudicialConfirmation,
                    Parties = ToParties(jc.Applicants),
                    Mediation = ToMediation(jc.Mediation, JudicialConfirmationPaths.Mediation, violations),
                    Agreement = ToAgreement(jc.Agreement, JudicialConfirmationPaths.Agreement, violations),
                    Attachments = MapAttachments(jc.Attachments, JudicialConfirmationPaths.Attachments, violations),
                };
            case V1.SubmitApplicationRequest.ApplicationOneofCase.MediationDocument:
                var md = request.MediationDocument;
                return new D.ApplicationDraft
                {
                    PlatformCaseId = request.PlatformCaseId,
                    CourtCode = request.CourtCode,
                    Consent = consent,
                    Type = D.ApplicationType.MediationDocument,
                    Parties = ToParties(md.Parties),
                    Mediation = ToMediation(md.Mediation, MediationDocumentPaths.Mediation, violations),
                    Agreement = ToAgreement(md.Agreement, MediationDocumentPaths.Agreement, violations),
                    Claims = md.Claims,
                    Facts = md.Facts,
                    PreLitigationCaseNumber = md.PreLitigationCaseNumber,
                    Attachments = MapAttachments(md.Attachments, MediationDocumentPaths.Attachments, violations),
                };
            default:
                return new D.ApplicationDraft { PlatformCaseId = request.PlatformCaseId, CourtCode = request.CourtCode, Consent = consent };
        }
    }

    private static ImmutableArray<D.Party> ToParties(RepeatedField<V1.Party> parties)
    {
        var mapped = NewArray<D.Party>(parties.Count);
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = ToParty(parties[i]);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(mapped);
    }

    private static D.Party ToParty(V1.Party p) => new()
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
        StartDate = ToDate(m.StartDate, violations, path, "start_date"),
        EndDate = ToDate(m.EndDate, violations, path, "end_date"),
    };

    private static D.Agreement? ToAgreement(V1.Agreement? a, string path, List<D.FieldViolation> violations)
    {
        if (a is null)
        {
            return null;
        }

        var signedDate = ToDate(a.SignedDate, violations, path, "signed_date");
        var effectiveTime = ToInstant(a.EffectiveTime, violations, path, "effective_time");
        var items = NewArray<D.AgreementItem>(a.Items.Count);
        for (var i = 0; i < items.Length; i++)
        {
            var item = a.Items[i];
            items[i] = new D.AgreementItem
            {
                ObligorPartyIndex = item.ObligorPartyIndex,
                ObligeePartyIndex = item.ObligeePartyIndex,
                Description = item.Description,
                AmountFen = item.AmountFen,
                DueDate = ToDate(item.DueDate, violations, path, "items", i, "due_date"),
            };
        }

        return new D.Agreement
        {
            Number = a.Number,
            SignedDate = signedDate,
            EffectiveTime = effectiveTime,
            Items = ImmutableCollectionsMarshal.AsImmutableArray(items),
            DisputeType = (D.DisputeType)a.DisputeType,
        };
    }

    private static ImmutableArray<D.Attachment> MapAttachments(RepeatedField<V1.Attachment> attachments, string path, List<D.FieldViolation> violations)
    {
        var mapped = NewArray<D.Attachment>(attachments.Count);
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = ToAttachment(attachments[i], path, i, violations);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(mapped);
    }

    // path[index] is the attachment's own path.
    private static D.Attachment ToAttachment(V1.Attachment a, string path, int index, List<D.FieldViolation> violations)
    {
        var signatures = NewArray<D.Signature>(a.Signatures.Count);
        for (var i = 0; i < signatures.Length; i++)
        {
            var s = a.Signatures[i];
            DateTimeOffset? signedTime = null;
            if (s.SignedTime is { } t)
            {
                if (IsValid(t))
                {
                    signedTime = t.ToDateTimeOffset();
                }
                else
                {
                    violations.Add(new D.FieldViolation($"{path}[{index}].signatures[{i}].signed_time", NotATimestamp));
                }
            }

            signatures[i] = new D.Signature { Signer = s.Signer, SignedTime = signedTime, Method = s.Method };
        }

        return new D.Attachment
        {
            Kind = (D.AttachmentKind)a.Kind,
            FileName = a.FileName,
            MediaType = a.MediaType,
            SizeBytes = a.SizeBytes,
            Sha256 = OwnBytes(a.Sha256),
            Content = a.Content.IsEmpty ? null : OwnBytes(a.Content),
            PartyIndex = a.HasPartyIndex ? a.PartyIndex : null,
            Uploaded = a.Uploaded,
            Signatures = ImmutableCollectionsMarshal.AsImmutableArray(signatures),
        };
    }

    // A parsed request's bytes fields each own an array of their own length, and the request is
    // dropped once mapped: the draft takes that array (an inline file up to 1 MiB) instead of a
    // copy. Anything else (a slice of a larger buffer) is copied. Neither side writes to it.
    private static byte[] OwnBytes(ByteString bytes) =>
        MemoryMarshal.TryGetArray(bytes.Memory, out var segment) && segment.Array is { } array && segment.Offset == 0 && segment.Count == array.Length
            ? array
            : bytes.ToByteArray();

    // The domain's lists are arrays wrapped without a copy; an empty one is the shared empty array.
    private static T[] NewArray<T>(int length) => length == 0 ? [] : new T[length];

    private const string NotATimestamp = "not a valid timestamp";

    private static DateOnly? ToDate(Google.Type.Date? date, List<D.FieldViolation> violations, string path, string field) =>
        date is null || IsCalendarDate(date) ? ToDateOnly(date) : Invalid(date, violations, $"{path}.{field}");

    private static DateOnly? ToDate(Google.Type.Date? date, List<D.FieldViolation> violations, string path, string list, int index, string field) =>
        date is null || IsCalendarDate(date) ? ToDateOnly(date) : Invalid(date, violations, $"{path}.{list}[{index}].{field}");

    private static DateTimeOffset? ToInstant(Timestamp? timestamp, List<D.FieldViolation> violations, string path, string? field = null)
    {
        if (timestamp is null)
        {
            return null;
        }

        if (IsValid(timestamp))
        {
            return timestamp.ToDateTimeOffset();
        }

        violations.Add(new D.FieldViolation(field is null ? path : $"{path}.{field}", NotATimestamp));
        return null;
    }

    private static bool IsCalendarDate(Google.Type.Date date) =>
        date.Year is >= 1 and <= 9999 && date.Month is >= 1 and <= 12 && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month);

    private static DateOnly? ToDateOnly(Google.Type.Date? date) => date is null ? null : new DateOnly(date.Year, date.Month, date.Day);

    private static DateOnly? Invalid(Google.Type.Date date, List<D.FieldViolation> violations, string path)
    {
        violations.Add(new D.FieldViolation(path, $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2} is not a calendar date"));
        return null;
    }

    internal static DateOnly? ToDate(Google.Type.Date? date, string path, List<D.FieldViolation> violations) =>
        date is null || IsCalendarDate(date) ? ToDateOnly(date) : Invalid(date, violations, path);

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
        if (receipt.Warnings.Count > 0)
        {
            proto.Warnings.Capacity = receipt.Warnings.Count;
            foreach (var w in receipt.Warnings)
            {
                proto.Warnings.Add(new V1.Warning { Code = w.Code, Field = w.Field, Message = w.Message });
            }
        }

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
        AddAll(proto.Deadlines, view.Deadlines, ToProto);
        proto.RequestedItems.AddRange(view.RequestedItems);
        proto.SignedPartyIndexes.AddRange(view.SignedPartyIndexes);
        AddAll(proto.Documents, view.Documents, Services.DocumentDownloads.ToProto);
        if (d.Type == D.ApplicationType.JudicialConfirmation)
        {
            var jc = new V1.JudicialConfirmationApplication { Mediation = ToProto(d.Mediation), Agreement = ToProto(d.Agreement) };
            AddAll(jc.Applicants, d.Parties, ToProto);
            AddAll(jc.Attachments, d.Attachments, ToProto);
            proto.JudicialConfirmation = jc;
        }
        else
        {
            var md = new V1.MediationDocumentApplication
            {
                Mediation = ToProto(d.Mediation), Agreement = ToProto(d.Agreement), Claims = d.Claims, Facts = d.Facts,
                PreLitigationCaseNumber = d.PreLitigationCaseNumber,
            };
            AddAll(md.Parties, d.Parties, ToProto);
            AddAll(md.Attachments, d.Attachments, ToProto);
            proto.MediationDocument = md;
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
        [.. attachments.Select((a, i) => ToAttachment(a, path, i, violations))];

    /// <summary>An instant of a request, or a violation of <paramref name="path"/> when it is out of range.</summary>
    public static DateTimeOffset? ToInstantOrViolation(Timestamp? timestamp, string path, List<D.FieldViolation> violations) =>
        ToInstant(timestamp, violations, path);

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
        AddAll(proto.Items, a.Items, static i => new V1.AgreementItem
        {
            ObligorPartyIndex = i.ObligorPartyIndex, ObligeePartyIndex = i.ObligeePartyIndex, Description = i.Description,
            AmountFen = i.AmountFen, DueDate = ToDate(i.DueDate),
        });
        return proto;
    }

    private static V1.Attachment ToProto(D.Attachment a)
    {
        var proto = new V1.Attachment
        {
            Kind = (V1.AttachmentKind)a.Kind, FileName = a.FileName, MediaType = a.MediaType, SizeBytes = a.SizeBytes,
            // The domain's hash is never written to, so the message can share it instead of a copy.
            Sha256 = UnsafeByteOperations.UnsafeWrap(a.Sha256), Uploaded = a.Uploaded,
        };
        if (a.PartyIndex is { } index)
        {
            proto.PartyIndex = index;
        }

        AddAll(proto.Signatures, a.Signatures, static s => new V1.Signature { Signer = s.Signer, SignedTime = ToTimestamp(s.SignedTime), Method = s.Method });
        return proto;
    }

    // Sized once and filled in place: no enumerator, no growing the field's array.
    private static void AddAll<TIn, TOut>(RepeatedField<TOut> field, ImmutableArray<TIn> items, Func<TIn, TOut> map)
    {
        if (items.Length > 0)
        {
            field.Capacity = items.Length;
            foreach (var item in items)
            {
                field.Add(map(item));
            }
        }
    }

    private static void AddAll<TIn, TOut>(RepeatedField<TOut> field, IReadOnlyList<TIn> items, Func<TIn, TOut> map)
    {
        if (items.Count > 0)
        {
            field.Capacity = items.Count;
            for (var i = 0; i < items.Count; i++)
            {
                field.Add(map(items[i]));
            }
        }
    }

    internal static Google.Type.Date? ToDate(DateOnly? date) =>
        date is { } d ? new Google.Type.Date { Year = d.Year, Month = d.Month, Day = d.Day } : null;

    private static Timestamp? ToTimestamp(DateTimeOffset? instant) =>
        instant is { } i ? Timestamp.FromDateTimeOffset(i) : null;
}
