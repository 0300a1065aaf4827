namespace Exchange.Domain.Tests.Lifecycle;

using static ApplicationStatus;

public sealed class LifecycleTests
{
    private const ApplicationType Jc = ApplicationType.JudicialConfirmation;
    private const ApplicationType Md = ApplicationType.MediationDocument;
    private const ActorKind Platform = ActorKind.Platform;
    private const ActorKind Court = ActorKind.Court;

    /// <summary>Every allowed transition of DOMAIN.md §4 (RecordSignature is listed for an intermediate signature).</summary>
    private static readonly (ApplicationType Type, ApplicationStatus From, Act Act, ActorKind Actor, ApplicationStatus To)[] Allowed =
    [
        // Judicial confirmation.
        (Jc, Unspecified, Act.Submit, Platform, Received),
        (Jc, Received, Act.RequestCorrection, Court, CorrectionRequested),
        (Jc, CorrectionRequested, Act.SubmitCorrection, Platform, Received),
        (Jc, Received, Act.Accept, Court, Accepted),
        (Jc, Received, Act.RefuseAcceptance, Court, NotAccepted),
        (Jc, Accepted, Act.StartReview, Court, UnderReview),
        (Jc, UnderReview, Act.RequestSupplement, Court, SupplementRequested),
        (Jc, SupplementRequested, Act.SubmitSupplement, Platform, UnderReview),
        (Jc, UnderReview, Act.ExtendReview, Court, UnderReview),
        (Jc, UnderReview, Act.Confirm, Court, Confirmed),
        (Jc, UnderReview, Act.Reject, Court, Rejected),
        (Jc, Received, Act.RequestWithdrawal, Platform, Received),
        (Jc, CorrectionRequested, Act.RequestWithdrawal, Platform, CorrectionRequested),
        (Jc, Accepted, Act.RequestWithdrawal, Platform, Accepted),
        (Jc, UnderReview, Act.RequestWithdrawal, Platform, UnderReview),
        (Jc, SupplementRequested, Act.RequestWithdrawal, Platform, SupplementRequested),
        (Jc, Received, Act.PermitWithdrawal, Court, Withdrawn),
        (Jc, CorrectionRequested, Act.PermitWithdrawal, Court, Withdrawn),
        (Jc, Accepted, Act.PermitWithdrawal, Court, Withdrawn),
        (Jc, UnderReview, Act.PermitWithdrawal, Court, Withdrawn),
        (Jc, SupplementRequested, Act.PermitWithdrawal, Court, Withdrawn),
        (Jc, Received, Act.TreatAsWithdrawn, Court, DeemedWithdrawn),
        (Jc, CorrectionRequested, Act.TreatAsWithdrawn, Court, DeemedWithdrawn),
        (Jc, Accepted, Act.TreatAsWithdrawn, Court, DeemedWithdrawn),
        (Jc, UnderReview, Act.TreatAsWithdrawn, Court, DeemedWithdrawn),
        (Jc, SupplementRequested, Act.TreatAsWithdrawn, Court, DeemedWithdrawn),
        (Jc, Confirmed, Act.RecordService, Platform, Served),
        (Jc, Rejected, Act.RecordService, Platform, Served),
        (Jc, NotAccepted, Act.RecordService, Platform, Served),
        (Jc, Withdrawn, Act.RecordService, Platform, Served),

        // Mediation document.
        (Md, Unspecified, Act.Submit, Platform, Received),
        (Md, Received, Act.RequestCorrection, Court, CorrectionRequested),
        (Md, CorrectionRequested, Act.SubmitCorrection, Platform, Received),
        (Md, Received, Act.RegisterCase, Court, CaseRegistered),
        (Md, CaseRegistered, Act.StartReview, Court, UnderReview),
        (Md, UnderReview, Act.IssueDocument, Court, DocumentIssued),
        (Md, UnderReview, Act.RefuseDocument, Court, Refused),
        (Md, DocumentIssued, Act.RecordSignature, Platform, DocumentIssued),
        (Md, DocumentIssued, Act.RecordRepudiation, Court, Repudiated),
        (Md, Received, Act.RequestWithdrawal, Platform, Received),
        (Md, CorrectionRequested, Act.RequestWithdrawal, Platform, CorrectionRequested),
        (Md, CaseRegistered, Act.RequestWithdrawal, Platform, CaseRegistered),
        (Md, UnderReview, Act.RequestWithdrawal, Platform, UnderReview),
        (Md, Received, Act.PermitWithdrawal, Court, Withdrawn),
        (Md, CorrectionRequested, Act.PermitWithdrawal, Court, Withdrawn),
        (Md, CaseRegistered, Act.PermitWithdrawal, Court, Withdrawn),
        (Md, UnderReview, Act.PermitWithdrawal, Court, Withdrawn),
    ];

    public static TheoryData<ApplicationType, ApplicationStatus, Act, ActorKind, ApplicationStatus> AllowedTransitions
    {
        get
        {
            var data = new TheoryData<ApplicationType, ApplicationStatus, Act, ActorKind, ApplicationStatus>();
            foreach (var t in Allowed)
            {
                data.Add(t.Type, t.From, t.Act, t.Actor, t.To);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Lifecycle_AllowedTransition_ReachesItsStatus(ApplicationType type, ApplicationStatus from, Act act, ActorKind actor, ApplicationStatus to)
    {
        var result = Domain.Lifecycle.Apply(type, from, act, actor);

        Assert.True(result.IsAllowed, result.Refusal);
        Assert.Equal(to, result.Status);
    }

    [Fact]
    public void Lifecycle_EveryOtherCombination_IsRefused()
    {
        var allowed = Allowed.Select(t => (t.Type, t.From, t.Act)).ToHashSet();
        var checkedCount = 0;
        foreach (var type in Enum.GetValues<ApplicationType>())
        {
            foreach (var from in Enum.GetValues<ApplicationStatus>())
            {
                foreach (var act in Enum.GetValues<Act>())
                {
                    if (allowed.Contains((type, from, act)))
                    {
                        continue;
                    }

                    var result = Domain.Lifecycle.Apply(type, from, act, Domain.Lifecycle.ActorOf(act));
                    Assert.False(result.IsAllowed, $"{type} {from} {act} should be refused");
                    Assert.Equal(from, result.Status);
                    checkedCount++;
                }
            }
        }

        Assert.True(checkedCount > 900);
    }

    public static TheoryData<ApplicationType, ApplicationStatus, Act> RepresentativeForbidden => new()
    {
        { Jc, Received, Act.Confirm },
        { Jc, CorrectionRequested, Act.Accept },
        { Jc, Accepted, Act.Confirm },
        { Jc, SupplementRequested, Act.Confirm },
        { Jc, Confirmed, Act.Reject },
        { Jc, Confirmed, Act.RequestWithdrawal },
        { Jc, Served, Act.RecordService },
        { Jc, DeemedWithdrawn, Act.RecordService },
        { Jc, Received, Act.RegisterCase },
        { Jc, UnderReview, Act.IssueDocument },
        { Md, Received, Act.Accept },
        { Md, UnderReview, Act.Confirm },
        { Md, UnderReview, Act.TreatAsWithdrawn },
        { Md, DocumentIssued, Act.PermitWithdrawal },
        { Md, DocumentIssued, Act.RequestWithdrawal },
        { Md, Refused, Act.RecordService },
        { Md, Effective, Act.RecordSignature },
        { Md, Received, Act.Submit },
        { ApplicationType.Unspecified, Unspecified, Act.Submit },
    };

    [Theory]
    [MemberData(nameof(RepresentativeForbidden))]
    public void Lifecycle_ForbiddenTransition_IsRefusedAsNotAllowedFromCurrentStatus(ApplicationType type, ApplicationStatus from, Act act)
    {
        var result = Domain.Lifecycle.Apply(type, from, act, Domain.Lifecycle.ActorOf(act));

        Assert.False(result.IsAllowed);
        Assert.Equal(TransitionRefusalKind.NotAllowed, result.RefusalKind);
        Assert.StartsWith($"transition not allowed from {ProtoNames.Of(from)}", result.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Act.Accept, ActorKind.Platform)]
    [InlineData(Act.Confirm, ActorKind.Hub)]
    [InlineData(Act.PermitWithdrawal, ActorKind.Platform)]
    [InlineData(Act.TreatAsWithdrawn, ActorKind.Hub)]
    [InlineData(Act.RequestCorrection, ActorKind.Platform)]
    public void Lifecycle_CourtActByAnotherActor_IsRefusedAsOnlyTheCourtMay(Act act, ActorKind actor)
    {
        var result = Domain.Lifecycle.Apply(Jc, UnderReview, act, actor);

        Assert.Equal(TransitionRefusalKind.WrongActor, result.RefusalKind);
        Assert.StartsWith("only the court may", result.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Act.Submit)]
    [InlineData(Act.SubmitCorrection)]
    [InlineData(Act.SubmitSupplement)]
    [InlineData(Act.RequestWithdrawal)]
    [InlineData(Act.RecordService)]
    [InlineData(Act.RecordSignature)]
    public void Lifecycle_PlatformActs_AreRefusedToTheCourtAndTheHub(Act act)
    {
        Assert.Equal(ActorKind.Platform, Domain.Lifecycle.ActorOf(act));
        Assert.Equal(TransitionRefusalKind.WrongActor, Domain.Lifecycle.Apply(Jc, Received, act, ActorKind.Court).RefusalKind);
        Assert.Equal(TransitionRefusalKind.WrongActor, Domain.Lifecycle.Apply(Jc, Received, act, ActorKind.Hub).RefusalKind);
    }

    [Fact]
    public void Lifecycle_RecordRepudiation_BelongsToTheCourt() =>
        Assert.Equal(ActorKind.Court, Domain.Lifecycle.ActorOf(Act.RecordRepudiation));

    [Fact]
    public void Lifecycle_LastPartySigning_MakesTheMediationDocumentEffective()
    {
        Assert.Equal(DocumentIssued, Domain.Lifecycle.Apply(Md, DocumentIssued, Act.RecordSignature, Platform, lastPartySigned: false).Status);
        Assert.Equal(Effective, Domain.Lifecycle.Apply(Md, DocumentIssued, Act.RecordSignature, Platform, lastPartySigned: true).Status);
    }

    [Fact]
    public void Lifecycle_FinalStatuses_AllowNothingButServiceOfARuling()
    {
        var final = Enum.GetValues<ApplicationStatus>().Where(Domain.Lifecycle.IsFinal).ToList();

        Assert.Equal([NotAccepted, Confirmed, Rejected, Withdrawn, DeemedWithdrawn, Served, Refused, Effective, Repudiated], final);
        foreach (var t in Allowed.Where(t => Domain.Lifecycle.IsFinal(t.From)))
        {
            Assert.Equal(Act.RecordService, t.Act);
        }
    }

    [Fact]
    public void Lifecycle_NonFinalStatuses_AllowARequestToWithdrawExceptAnIssuedDocument()
    {
        foreach (var status in Enum.GetValues<ApplicationStatus>().Where(s => s != Unspecified && !Domain.Lifecycle.IsFinal(s)))
        {
            var type = status is CaseRegistered or DocumentIssued ? Md : Jc;
            var result = Domain.Lifecycle.Apply(type, status, Act.RequestWithdrawal, Platform);
            Assert.Equal(status != DocumentIssued, result.IsAllowed);
        }
    }
}
