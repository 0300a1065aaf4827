namespace Exchange.Domain;

// The enums mirror exchange.v1 (common.proto) value for value, so a mapper can cast in either
// direction. Each keeps its `Unspecified = 0` member so the mapping is total; the validator treats
// Unspecified (and any undefined number) as missing input.

/// <summary>The two kinds of application the hub carries (申请类型).</summary>
[GenerateSerializer]
public enum ApplicationType
{
    /// <summary>Not given; never valid input.</summary>
    Unspecified = 0,

    /// <summary>司法确认申请: both parties ask the court to rule their mediation agreement valid.</summary>
    JudicialConfirmation = 1,

    /// <summary>出具调解书: the court issues a 民事调解书 recording a settlement.</summary>
    MediationDocument = 2,
}

/// <summary>Where an application stands in its lifecycle (DOMAIN.md §4); see <see cref="Lifecycle"/>.</summary>
[GenerateSerializer]
public enum ApplicationStatus
{
    /// <summary>No status yet: the state before <see cref="Act.Submit"/>.</summary>
    Unspecified = 0,

    /// <summary>Received by the hub, waiting for the court's decision on acceptance.</summary>
    Received = 1,

    /// <summary>The court asked, in one consolidated notice, for missing items (补正).</summary>
    CorrectionRequested = 2,

    /// <summary>The court refused to accept the application (裁定不予受理). Final.</summary>
    NotAccepted = 3,

    /// <summary>Accepted (受理) with a case number.</summary>
    Accepted = 4,

    /// <summary>A judge is reviewing the application.</summary>
    UnderReview = 5,

    /// <summary>The judge ordered supplementary statements or evidence within a time limit.</summary>
    SupplementRequested = 6,

    /// <summary>Judicial confirmation ruled valid (裁定调解协议有效). Final but for service.</summary>
    Confirmed = 7,

    /// <summary>Judicial confirmation rejected (裁定驳回申请). Final but for service.</summary>
    Rejected = 8,

    /// <summary>Withdrawal permitted by the court (准许撤回) after the parties asked. Final.</summary>
    Withdrawn = 9,

    /// <summary>Treated as withdrawn by the court (按撤回处理). Final.</summary>
    DeemedWithdrawn = 10,

    /// <summary>The ruling was served electronically; the service record exists. Final.</summary>
    Served = 11,

    /// <summary>Mediation document: the court registered a case (立案).</summary>
    CaseRegistered = 12,

    /// <summary>Mediation document: the court refused to issue one. Final.</summary>
    Refused = 13,

    /// <summary>Mediation document: issued, waiting for the parties to sign for it (签收).</summary>
    DocumentIssued = 14,

    /// <summary>Mediation document: the last party signed for it; it has legal effect. Final.</summary>
    Effective = 15,

    /// <summary>Mediation document: a party backed out before service (反悔). Final.</summary>
    Repudiated = 16,
}

/// <summary>The kind of organisation that conducted the mediation.</summary>
[GenerateSerializer]
public enum MediationOrganizationType
{
    /// <summary>Not given; never valid input.</summary>
    Unspecified = 0,

    /// <summary>人民调解委员会.</summary>
    PeoplesMediation = 1,

    /// <summary>行业性、专业性调解组织.</summary>
    IndustryMediation = 2,

    /// <summary>商事调解组织.</summary>
    CommercialMediation = 3,

    /// <summary>行政调解.</summary>
    AdministrativeMediation = 4,

    /// <summary>特邀调解组织 (invited by a court).</summary>
    CourtInvitedMediation = 5,
}

/// <summary>How the mediation relates to a court.</summary>
[GenerateSerializer]
public enum CourtRelation
{
    /// <summary>Not given; never valid input.</summary>
    Unspecified = 0,

    /// <summary>No court sent the dispute to mediation.</summary>
    NoCourtRelation = 1,

    /// <summary>委派调解: a court delegated the dispute before registering a case.</summary>
    DelegatedByCourt = 2,

    /// <summary>委托调解: a court entrusted the mediation after registering a case.</summary>
    EntrustedByCourt = 3,

    /// <summary>特邀调解: a mediator or organisation on a court's invited list.</summary>
    InvitedByCourt = 4,
}

/// <summary>
/// The nature of the dispute, checked against the exclusions of Interp art 355 (judicial
/// confirmation) and Interp art 143 (mediation document); see <see cref="DisputeExclusions"/>.
/// </summary>
[GenerateSerializer]
public enum DisputeType
{
    /// <summary>Not given; never valid input.</summary>
    Unspecified = 0,

    /// <summary>合同纠纷.</summary>
    Contract = 1,

    /// <summary>债务纠纷.</summary>
    Debt = 2,

    /// <summary>劳动争议.</summary>
    Labour = 3,

    /// <summary>侵权纠纷.</summary>
    Tort = 4,

    /// <summary>财产损害.</summary>
    PropertyDamage = 5,

    /// <summary>相邻关系.</summary>
    Neighbour = 6,

    /// <summary>赡养、抚养、扶养.</summary>
    FamilySupport = 7,

    /// <summary>交通事故.</summary>
    TrafficAccident = 8,

    /// <summary>医疗纠纷.</summary>
    Medical = 9,

    /// <summary>消费纠纷.</summary>
    Consumer = 10,

    /// <summary>金融借款.</summary>
    FinancialLoan = 11,

    /// <summary>其他民事纠纷.</summary>
    OtherCivil = 12,

    /// <summary>Excluded: confirming a marriage valid, void or dissolved (personal status).</summary>
    MarriageStatus = 20,

    /// <summary>Excluded: confirming a parent-child relationship (personal status).</summary>
    ParentChildStatus = 21,

    /// <summary>Excluded: confirming an adoption relationship (personal status).</summary>
    AdoptionStatus = 22,

    /// <summary>Excluded from judicial confirmation: confirming ownership of property rights (物权).</summary>
    PropertyRightOwnership = 23,

    /// <summary>Excluded from judicial confirmation: confirming ownership of intellectual property.</summary>
    IntellectualPropertyOwnership = 24,

    /// <summary>Excluded from judicial confirmation (Interp art 355) and from mediation documents (Interp art 143): another special procedure, public summons or bankruptcy.</summary>
    OtherSpecialProcedure = 25,
}

/// <summary>The kind of identity document of a natural person.</summary>
[GenerateSerializer]
public enum IdentityDocumentType
{
    /// <summary>Not given; never valid input.</summary>
    Unspecified = 0,

    /// <summary>居民身份证: 18 characters, checked per GB 11643 (see <see cref="ResidentId"/>).</summary>
    ResidentIdCard = 1,

    /// <summary>护照.</summary>
    Passport = 2,

    /// <summary>港澳居民来往内地通行证.</summary>
    HongKongMacaoPermit = 3,

    /// <summary>台湾居民来往大陆通行证.</summary>
    TaiwanPermit = 4,

    /// <summary>外国人永久居留身份证.</summary>
    ForeignPermanentResidentId = 5,
}

/// <summary>Which side of the agreement a party stands on.</summary>
[GenerateSerializer]
public enum PartySide
{
    /// <summary>Not given; never valid input.</summary>
    Unspecified = 0,

    /// <summary>The first side (for a mediation document: the claimant, 原告/申请人).</summary>
    SideA = 1,

    /// <summary>The other side (for a mediation document: the respondent, 被告/被申请人).</summary>
    SideB = 2,
}

/// <summary>The kind of material an attachment is.</summary>
[GenerateSerializer]
public enum AttachmentKind
{
    /// <summary>Not given; never valid input.</summary>
    Unspecified = 0,

    /// <summary>调解协议: the mediation agreement. Required for both application types.</summary>
    MediationAgreement = 1,

    /// <summary>Proof that the organisation conducted the mediation. Required for judicial confirmation.</summary>
    MediationProof = 2,

    /// <summary>Property-right proofs related to the agreement.</summary>
    PropertyProof = 3,

    /// <summary>A copy of a party's identity document.</summary>
    IdentityProof = 4,

    /// <summary>授权委托书: required for every party that applies through an agent.</summary>
    PowerOfAttorney = 5,

    /// <summary>Any other material.</summary>
    OtherMaterial = 6,
}
