namespace Exchange.Domain;

/// <summary>Grounds for refusing to accept a judicial confirmation (裁定不予受理, Interp art 355).</summary>
[GenerateSerializer]
public enum NonAcceptanceGround
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>不属于人民法院受理范围.</summary>
    OutsideCourtsRemit = 1,

    /// <summary>不属于收到申请的人民法院管辖.</summary>
    OutsideJurisdiction = 2,

    /// <summary>确认身份关系 (marriage, parent-child relations, adoption).</summary>
    PersonalStatus = 3,

    /// <summary>涉及适用其他特别程序、公示催告程序、破产程序审理.</summary>
    SpecialOrBankruptcyProcedure = 4,

    /// <summary>确认物权、知识产权归属.</summary>
    PropertyOrIpOwnership = 5,
}

/// <summary>Grounds for rejecting a judicial confirmation (裁定驳回申请, Interp art 358).</summary>
[GenerateSerializer]
public enum RejectionGround
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>违反法律强制性规定.</summary>
    ViolatesMandatoryLaw = 1,

    /// <summary>损害国家利益、社会公共利益、他人合法权益.</summary>
    HarmsStatePublicOrOthers = 2,

    /// <summary>违背公序良俗.</summary>
    AgainstPublicOrder = 3,

    /// <summary>违反自愿原则.</summary>
    NotVoluntary = 4,

    /// <summary>内容不明确.</summary>
    ContentUnclear = 5,

    /// <summary>其他不能进行司法确认的情形; the reason must say which.</summary>
    OtherRejectionGround = 6,
}

/// <summary>Grounds for refusing to issue a mediation document (DOMAIN.md §3).</summary>
[GenerateSerializer]
public enum DocumentRefusalGround
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>Personal-status confirmation or a special-procedure matter (Interp art 143).</summary>
    NotIssuableMatter = 1,

    /// <summary>Suspected false mediation (OMR art 23).</summary>
    SuspectedFalseMediation = 2,

    /// <summary>Harms others, involuntary or unlawful (调解规定 art 10).</summary>
    UnlawfulOrInvoluntary = 3,

    /// <summary>Other; the reason must say which.</summary>
    OtherGround = 4,
}
