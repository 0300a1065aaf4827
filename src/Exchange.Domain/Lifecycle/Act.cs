namespace Exchange.Domain;

/// <summary>Who performs an act (exchange.v1.Actor.Kind).</summary>
[GenerateSerializer]
public enum ActorKind
{
    /// <summary>Not given; may do nothing.</summary>
    Unspecified = 0,

    /// <summary>The filing mediation platform.</summary>
    Platform = 1,

    /// <summary>A clerk or judge of the court the application is filed with.</summary>
    Court = 2,

    /// <summary>The hub itself. It flags (overdue, near deadlines) but changes no status (DOMAIN.md §2).</summary>
    Hub = 3,
}

/// <summary>The acts that move an application through its lifecycle (DOMAIN.md §4); see <see cref="Lifecycle"/>.</summary>
[GenerateSerializer]
public enum Act
{
    /// <summary>Not given; never allowed.</summary>
    Unspecified = 0,

    /// <summary>Platform files the application (提交申请): → RECEIVED.</summary>
    Submit = 1,

    /// <summary>Court asks for missing items in one notice (补正通知): RECEIVED → CORRECTION_REQUESTED.</summary>
    RequestCorrection = 2,

    /// <summary>Platform supplies the corrections: CORRECTION_REQUESTED → RECEIVED.</summary>
    SubmitCorrection = 3,

    /// <summary>Court accepts a judicial confirmation (受理): RECEIVED → ACCEPTED.</summary>
    Accept = 4,

    /// <summary>Court refuses to accept (裁定不予受理): RECEIVED → NOT_ACCEPTED.</summary>
    RefuseAcceptance = 5,

    /// <summary>Court starts the review: ACCEPTED (JC) or CASE_REGISTERED (MD) → UNDER_REVIEW.</summary>
    StartReview = 6,

    /// <summary>Judge orders supplementary statements or evidence: UNDER_REVIEW → SUPPLEMENT_REQUESTED (JC).</summary>
    RequestSupplement = 7,

    /// <summary>Platform supplies them: SUPPLEMENT_REQUESTED → UNDER_REVIEW (JC).</summary>
    SubmitSupplement = 8,

    /// <summary>Court extends the review period by 10 days with the president's approval (Prov2011 art 5): stays UNDER_REVIEW.</summary>
    ExtendReview = 9,

    /// <summary>Court rules the agreement valid (裁定调解协议有效): UNDER_REVIEW → CONFIRMED.</summary>
    Confirm = 10,

    /// <summary>Court rejects the application (裁定驳回申请): UNDER_REVIEW → REJECTED.</summary>
    Reject = 11,

    /// <summary>Platform reports the parties' request to withdraw (撤回申请); the status does not change.</summary>
    RequestWithdrawal = 12,

    /// <summary>Court permits withdrawal (裁定准许撤回): → WITHDRAWN.</summary>
    PermitWithdrawal = 13,

    /// <summary>Court treats the application as withdrawn (按撤回处理, Interp art 357): → DEEMED_WITHDRAWN (JC).</summary>
    TreatAsWithdrawn = 14,

    /// <summary>Platform reports the electronic service record of a ruling (电子送达): → SERVED (JC).</summary>
    RecordService = 15,

    /// <summary>Court registers a case for a mediation document (立案): RECEIVED → CASE_REGISTERED.</summary>
    RegisterCase = 16,

    /// <summary>Court issues the mediation document (出具调解书): UNDER_REVIEW → DOCUMENT_ISSUED.</summary>
    IssueDocument = 17,

    /// <summary>Court refuses to issue one: UNDER_REVIEW → REFUSED.</summary>
    RefuseDocument = 18,

    /// <summary>Platform reports a party signing for the document (签收); the last signature makes it EFFECTIVE (Interp art 149).</summary>
    RecordSignature = 19,

    /// <summary>Court records that a party backed out before service (反悔, MSL23 art 102): DOCUMENT_ISSUED → REPUDIATED.</summary>
    RecordRepudiation = 20,
}
