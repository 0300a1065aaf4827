using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Exchange.Domain.Tests.Model;

public sealed class SerializationTests
{
    private static readonly Serializer OrleansSerializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(ApplicationDraft).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public static TheoryData<string> Drafts => ["jc", "md"];

    private static ApplicationDraft Draft(string which) =>
        which == "jc" ? ValidDrafts.JudicialConfirmation() : ValidDrafts.MediationDocument();

    [Theory]
    [MemberData(nameof(Drafts))]
    public void Json_RoundTripWithDefaultOptions_PreservesContent(string which)
    {
        var draft = Draft(which);

        var copy = JsonSerializer.Deserialize<ApplicationDraft>(JsonSerializer.Serialize(draft))!;

        Assert.Equal(CanonicalPayload.Sha256Hex(draft), CanonicalPayload.Sha256Hex(copy));
        Assert.True(ValidDrafts.Validate(copy).IsAccepted); // contents are not stored; the hash stands for them
    }

    [Fact]
    public void Json_NeverStoresAttachmentContent()
    {
        var json = JsonSerializer.Serialize(ValidDrafts.JudicialConfirmation());
        var copy = JsonSerializer.Deserialize<ApplicationDraft>(json)!;

        Assert.DoesNotContain("\"Content\"", json, StringComparison.Ordinal);
        Assert.All(copy.Attachments, a => Assert.Null(a.Content));
    }

    [Fact]
    public void Json_MissingListsDeserializeAsEmpty()
    {
        var copy = JsonSerializer.Deserialize<ApplicationDraft>("""{ "PlatformCaseId": "x" }""")!;

        Assert.True(copy.Parties.IsEmpty);
        Assert.True(copy.Attachments.IsEmpty);
        Assert.Equal("x", copy.PlatformCaseId);
    }

    [Fact]
    public void Json_DefaultImmutableArraysSerialiseAsEmpty()
    {
        var draft = new ApplicationDraft { Parties = default, Attachments = default };
        Assert.Contains("\"Parties\":[]", JsonSerializer.Serialize(draft), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Drafts))]
    public void Orleans_RoundTrip_PreservesContentIncludingAttachmentContent(string which)
    {
        var draft = Draft(which);

        var copy = OrleansSerializer.Deserialize<ApplicationDraft>(OrleansSerializer.SerializeToArray(draft))!;

        Assert.Equal(CanonicalPayload.Sha256Hex(draft), CanonicalPayload.Sha256Hex(copy));
        Assert.Equal(draft.Attachments[0].Content, copy.Attachments[0].Content);
    }

    [Fact]
    public void Orleans_RoundTrip_OfEmptyDraftKeepsListsNonDefault()
    {
        var copy = OrleansSerializer.Deserialize<ApplicationDraft>(OrleansSerializer.SerializeToArray(new ApplicationDraft { Parties = default }))!;

        Assert.False(copy.Parties.IsDefault);
        Assert.Null(copy.Consent);
    }

    [Fact]
    public void Orleans_RoundTrip_OfValidationOutcome()
    {
        var expired = ValidDrafts.JudicialConfirmation().WithAgreement(a => a with
        {
            SignedDate = new DateOnly(2026, 1, 5),
            EffectiveTime = new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.FromHours(8)),
        });
        var outcome = ValidDrafts.Validate(expired);

        var copy = OrleansSerializer.Deserialize<ValidationOutcome>(OrleansSerializer.SerializeToArray(outcome))!;

        Assert.Equal(outcome.Refusal!.Reason, copy.Refusal!.Reason);
        Assert.Equal("2026-02-04", copy.Refusal.Metadata["deadline"]);
        Assert.Equal(outcome.FilingDeadline, copy.FilingDeadline);
        Assert.Equal(outcome.Court!.Code, copy.Court!.Code);
    }
}
