namespace Exchange.Domain.Tests.Validation;

public sealed class DisputeExclusionTests
{
    [Theory]
    [InlineData(DisputeType.MarriageStatus, "MARRIAGE_STATUS")]
    [InlineData(DisputeType.ParentChildStatus, "PARENT_CHILD_STATUS")]
    [InlineData(DisputeType.AdoptionStatus, "ADOPTION_STATUS")]
    [InlineData(DisputeType.PropertyRightOwnership, "PROPERTY_RIGHT_OWNERSHIP")]
    [InlineData(DisputeType.IntellectualPropertyOwnership, "INTELLECTUAL_PROPERTY_OWNERSHIP")]
    [InlineData(DisputeType.OtherSpecialProcedure, "OTHER_SPECIAL_PROCEDURE")]
    public void JudicialConfirmation_OfExcludedDisputeType_IsRefusedPerInterpArt355(DisputeType dispute, string protoName)
    {
        var draft = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { DisputeType = dispute });

        var refusal = ValidDrafts.Validate(draft).Refusal;

        Assert.Equal(ProtoNames.Of(ErrorReason.DisputeTypeExcluded), refusal!.Reason);
        Assert.Equal(protoName, refusal.Metadata["dispute_type"]);
        Assert.Contains("Interp art 355", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DisputeType.MarriageStatus)]
    [InlineData(DisputeType.ParentChildStatus)]
    [InlineData(DisputeType.AdoptionStatus)]
    public void MediationDocument_OnPersonalStatus_IsRefusedPerInterpArt143(DisputeType dispute)
    {
        var draft = ValidDrafts.MediationDocument().WithAgreement(a => a with { DisputeType = dispute });
        Assert.Equal(ProtoNames.Of(ErrorReason.DisputeTypeExcluded), ValidDrafts.Validate(draft).Refusal!.Reason);
    }

    [Theory]
    [InlineData(DisputeType.PropertyRightOwnership)]
    [InlineData(DisputeType.IntellectualPropertyOwnership)]
    public void MediationDocument_OnOwnership_IsNotExcluded(DisputeType dispute)
    {
        var draft = ValidDrafts.MediationDocument().WithAgreement(a => a with { DisputeType = dispute });
        Assert.True(ValidDrafts.Validate(draft).IsAccepted);
    }

    [Fact]
    public void DisputeExclusions_OrdinaryCivilDisputes_AreNeverExcluded()
    {
        foreach (var dispute in Enum.GetValues<DisputeType>().Where(d => d is > DisputeType.Unspecified and <= DisputeType.OtherCivil))
        {
            Assert.False(DisputeExclusions.IsExcluded(ApplicationType.JudicialConfirmation, dispute));
            Assert.False(DisputeExclusions.IsExcluded(ApplicationType.MediationDocument, dispute));
        }
    }

    [Fact]
    public void DisputeType_Unspecified_IsAViolationNotARefusal()
    {
        var outcome = ValidDrafts.Validate(ValidDrafts.JudicialConfirmation().WithAgreement(a => a with { DisputeType = DisputeType.Unspecified }));
        Assert.Equal(["judicial_confirmation.agreement.dispute_type"], outcome.Fields());
        Assert.Null(outcome.Refusal);
    }
}
