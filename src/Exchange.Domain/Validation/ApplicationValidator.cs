using System.Globalization;

namespace Exchange.Domain;

/// <summary>
/// Checks a submission against the contract's limits and the rules of law, reporting every invalid
/// field at once (one consolidated notice, in the spirit of OLR art 9) and, only for an otherwise
/// valid application, the first rule of law that refuses it.
/// </summary>
public static class ApplicationValidator
{
    /// <summary>
    /// Validates <paramref name="draft"/> as received at <paramref name="now"/>.
    /// </summary>
    /// <remarks>
    /// Refusals are checked in the order a court's intake would: whether this court handles the
    /// type (COURT_DOES_NOT_ACCEPT_TYPE), whether any court may handle the dispute
    /// (DISPUTE_TYPE_EXCLUDED), then the filing window (FILING_WINDOW_EXPIRED). A window that seems
    /// closed on a provisional deadline (a year without a holiday calendar) is not refused: the true
    /// deadline can only be later, so the hub accepts with a FILING_DEADLINE_PROVISIONAL warning.
    /// </remarks>
    public static ValidationOutcome Validate(ApplicationDraft draft, CourtRegistry courts, HolidayCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(courts);
        ArgumentNullException.ThrowIfNull(calendar);

        var violations = new List<FieldViolation>();
        var warnings = new List<ApplicationWarning>();
        void Add(string field, string? description)
        {
            if (description is not null)
            {
                violations.Add(new FieldViolation(field, description));
            }
        }

        void AddAll(string prefix, IEnumerable<FieldViolation> relative) =>
            violations.AddRange(relative.Select(v => v with { Field = $"{prefix}.{v.Field}" }));

        void WarnIfChecksumFails(string field, string code)
        {
            if (UnifiedSocialCreditCode.CheckFormat(code) is null && !UnifiedSocialCreditCode.HasValidChecksum(code))
            {
                warnings.Add(ApplicationWarning.Of(
                    WarningCode.CreditCodeChecksum,
                    field,
                    $"the unified social credit code {code} fails the GB 32100 check character; accepted, as some early codes do"));
            }
        }

        var today = ChinaStandardTime.DateOf(now);

        // Envelope.
        Add("platform_case_id", PlatformCaseId.Check(draft.PlatformCaseId));
        var courtProblem = MediationRules.CheckRegisteredCourt(draft.CourtCode, courts);
        Add("court_code", courtProblem);
        var court = courtProblem is null ? courts.Find(draft.CourtCode) : null;
        if (draft.Consent is null)
        {
            Add("consent", "is required");
        }
        else
        {
            AddAll("consent", ConsentRules.Check(draft.Consent, now));
        }

        var prefix = draft.Type switch
        {
            ApplicationType.JudicialConfirmation => "judicial_confirmation",
            ApplicationType.MediationDocument => "mediation_document",
            _ => null,
        };
        if (prefix is null)
        {
            Add("application", "exactly one of judicial_confirmation or mediation_document is required");
            return new ValidationOutcome(violations, null, warnings, court, null);
        }

        // Parties.
        var list = $"{prefix}.{(draft.Type == ApplicationType.JudicialConfirmation ? "applicants" : "parties")}";
        foreach (var problem in JointApplicants.Check(draft.Parties, draft.Type))
        {
            Add(list, problem);
        }

        for (var i = 0; i < draft.Parties.Length; i++)
        {
            var party = draft.Parties[i];
            AddAll($"{list}[{i}]", PartyRules.Check(party, today));
            if (party is { NaturalPerson: null, Organization: { } organization })
            {
                WarnIfChecksumFails($"{list}[{i}].organization.unified_social_credit_code", organization.UnifiedSocialCreditCode);
            }
        }

        // Mediation and agreement.
        if (draft.Mediation is null)
        {
            Add($"{prefix}.mediation", "is required");
        }
        else
        {
            AddAll($"{prefix}.mediation", MediationRules.Check(draft.Mediation, courts));
            Add("court_code", Jurisdiction.CheckFilingCourt(draft.Type, draft.CourtCode, draft.Mediation));
            if (!string.IsNullOrEmpty(draft.Mediation.OrganizationCreditCode))
            {
                WarnIfChecksumFails($"{prefix}.mediation.organization_credit_code", draft.Mediation.OrganizationCreditCode);
            }
        }

        if (draft.Agreement is null)
        {
            Add($"{prefix}.agreement", "is required");
        }
        else
        {
            AddAll($"{prefix}.agreement", AgreementRules.Check(draft.Agreement, draft.Parties.Length, now));
        }

        // Fields of one application type only.
        if (draft.Type == ApplicationType.MediationDocument)
        {
            Add($"{prefix}.claims", TextLimits.Required(draft.Claims, 5000));
            Add($"{prefix}.facts", TextLimits.Required(draft.Facts, 10000));
            Add($"{prefix}.pre_litigation_case_number", TextLimits.Optional(draft.PreLitigationCaseNumber, 64));
        }
        else if (!string.IsNullOrEmpty(draft.Claims) || !string.IsNullOrEmpty(draft.Facts) || !string.IsNullOrEmpty(draft.PreLitigationCaseNumber))
        {
            // The proto has no place for these in a judicial confirmation; only a faulty mapping sets them.
            Add(prefix, "claims, facts and pre_litigation_case_number belong to a mediation document only");
        }

        // Attachments.
        var attachments = $"{prefix}.attachments";
        Add(attachments, draft.Attachments.Length == 0 ? "at least 1 attachment is required"
            : draft.Attachments.Length > AttachmentRules.MaxCount ? $"at most {AttachmentRules.MaxCount} attachments are allowed (has {draft.Attachments.Length})"
            : null);
        for (var i = 0; i < draft.Attachments.Length; i++)
        {
            AddAll($"{attachments}[{i}]", AttachmentRules.Check(draft.Attachments[i], draft.Parties.Length));
        }

        foreach (var missing in RequiredMaterials.Missing(draft.Type, draft.Parties, draft.Attachments))
        {
            Add(attachments, missing);
        }

        var deadline = draft.Type == ApplicationType.JudicialConfirmation && draft.Agreement?.EffectiveTime is { } effective
            ? FilingWindow.Compute(effective, calendar)
            : null;

        if (violations.Count > 0)
        {
            return new ValidationOutcome(violations, null, warnings, court, deadline);
        }

        var refusal = Refuse(draft, court!, deadline, now, warnings);
        return new ValidationOutcome(violations, refusal, warnings, court, deadline);
    }

    private static RuleRefusal? Refuse(ApplicationDraft draft, Court court, Deadline? deadline, DateTimeOffset now, List<ApplicationWarning> warnings)
    {
        var typeName = ProtoNames.Of(draft.Type);
        if (!court.Accepts(draft.Type))
        {
            return RuleRefusal.Because(
                ErrorReason.CourtDoesNotAcceptType,
                $"{court.Name} ({court.Code}) does not accept {typeName} applications",
                ValidationOutcome.Metadata(("court_code", court.Code), ("application_type", typeName)));
        }

        var dispute = draft.Agreement!.DisputeType;
        if (DisputeExclusions.IsExcluded(draft.Type, dispute))
        {
            var disputeName = ProtoNames.Of(dispute);
            return RuleRefusal.Because(
                ErrorReason.DisputeTypeExcluded,
                $"a {typeName} application cannot be made for a {disputeName} dispute ({DisputeExclusions.Authority(draft.Type)})",
                ValidationOutcome.Metadata(("dispute_type", disputeName)));
        }

        if (deadline is not null && FilingWindow.IsExpired(deadline, now))
        {
            var day = deadline.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (deadline.Provisional)
            {
                warnings.Add(ApplicationWarning.Of(
                    WarningCode.FilingDeadlineProvisional,
                    $"{PrefixOf(draft.Type)}.agreement.effective_time",
                    $"the 30-day filing window appears to have closed on {day}, but that day was computed without the holiday calendar of its year; the court decides"));
                return null;
            }

            return RuleRefusal.Because(
                ErrorReason.FilingWindowExpired,
                $"the 30-day window to apply for judicial confirmation (MSL23 art 205) closed at the end of {day}, China Standard Time",
                ValidationOutcome.Metadata(
                    ("deadline", day),
                    ("closes_at", deadline.ClosesAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))));
        }

        return null;
    }

    private static string PrefixOf(ApplicationType type) =>
        type == ApplicationType.JudicialConfirmation ? "judicial_confirmation" : "mediation_document";
}
