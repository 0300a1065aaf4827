namespace Exchange.Domain.Tests.Validation;

public sealed class ResidentIdTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("650102198503151237")]
    [InlineData("110105200002290013")] // 29 February of a leap year
    public void ResidentId_PassingTheGb11643Checksum_IsAccepted(string number) =>
        Assert.Null(ResidentId.Check(number, Today));

    [Fact]
    public void ResidentId_CheckCharacter_IsComputedFromWeightedSumMod11() =>
        Assert.Equal('X', ResidentId.ComputeCheckCharacter("11010519491231002"));

    [Fact]
    public void ResidentId_WithWrongCheckCharacter_IsRejected()
    {
        var problem = ResidentId.Check("110105194912310021", Today);
        Assert.NotNull(problem);
        Assert.Contains("'X'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ResidentId_WithLowerCaseX_IsRejectedNotNormalised() =>
        Assert.Contains("upper-case", ResidentId.Check("11010519491231002x", Today), StringComparison.Ordinal);

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("11010519491231002X1")]
    public void ResidentId_NotEighteenCharacters_IsRejected(string number) =>
        Assert.Contains("18 characters", ResidentId.Check(number, Today), StringComparison.Ordinal);

    [Theory]
    [InlineData("1101051949123100AX")]
    [InlineData("11010519491231002Y")]
    public void ResidentId_WithNonDigits_IsRejected(string number) =>
        Assert.NotNull(ResidentId.Check(number, Today));

    [Fact]
    public void ResidentId_WithImpossibleBirthDate_IsRejected()
    {
        // 1949-02-30 does not exist; give the number a correct check character so only the date fails.
        var first17 = "11010519490230002";
        var number = first17 + ResidentId.ComputeCheckCharacter(first17);
        Assert.Contains("not a real birth date", ResidentId.Check(number, Today), StringComparison.Ordinal);
    }

    [Fact]
    public void ResidentId_WithBirthDateInTheFuture_IsRejected()
    {
        var first17 = "11010520260311002";
        var number = first17 + ResidentId.ComputeCheckCharacter(first17);
        Assert.Contains("future", ResidentId.Check(number, Today), StringComparison.Ordinal);
    }

    [Fact]
    public void ResidentId_WithBirthDateBefore1900_IsRejected()
    {
        var first17 = "11010518991231002";
        var number = first17 + ResidentId.ComputeCheckCharacter(first17);
        Assert.Contains("before 1900", ResidentId.Check(number, Today), StringComparison.Ordinal);
    }

    [Fact]
    public void ResidentId_OnAgentWithResidentIdCard_IsChecked()
    {
        var draft = ValidDrafts.JudicialConfirmation()
            .WithParty(1, p => p with { Agent = p.Agent! with { IdNumber = "650102198503151230" } });
        Assert.Equal(["judicial_confirmation.applicants[1].agent.id_number"], ValidDrafts.Validate(draft).Fields());
    }

    [Fact]
    public void ResidentId_RuleDoesNotApplyToOtherDocumentTypes()
    {
        var draft = ValidDrafts.JudicialConfirmation()
            .WithParty(0, p => p with { NaturalPerson = p.NaturalPerson! with { IdType = IdentityDocumentType.Passport, IdNumber = "E12345678" } });
        Assert.Empty(ValidDrafts.Validate(draft).Violations);
    }
}
