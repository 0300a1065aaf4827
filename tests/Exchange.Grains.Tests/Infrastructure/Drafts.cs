using Exchange.Abstractions;
using Exchange.Domain;
using Exchange.Domain.Tests;
using Exchange.IntegrationTests.Infrastructure;

namespace Exchange.Grains.Tests.Infrastructure;

/// <summary>Applications filed straight to their grains, as the gateway files them.</summary>
public static class Drafts
{
    public const string Platform = "platform-a";

    /// <summary>The court of <see cref="ValidDrafts.JudicialConfirmation"/>.</summary>
    public static readonly Actor Court = new(ActorKind.Court, "新0102", "立案庭 张法官");

    public static readonly Actor Filer = new(ActorKind.Platform, Platform);

    /// <summary>The domain tests' judicial confirmation, its dates moved to today and a case id of its own.</summary>
    public static ApplicationDraft JudicialConfirmation()
    {
        var draft = ValidDrafts.JudicialConfirmation();
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var today = DateOnly.FromDateTime(now.DateTime);
        return draft with
        {
            PlatformCaseId = "grains-" + Guid.NewGuid().ToString("N")[..12],
            Consent = draft.Consent! with { ConsentTime = now.AddHours(-2) },
            Mediation = draft.Mediation! with { StartDate = today.AddDays(-5), EndDate = today },
            Agreement = draft.Agreement! with { SignedDate = today, EffectiveTime = now.AddMinutes(-30) },
        };
    }

    /// <summary>Files a new judicial confirmation under a new id (a UUIDv7, as the gateway draws) and returns its grain.</summary>
    public static async Task<IApplicationGrain> FileAsync(this GrainCluster cluster)
    {
        var grain = cluster.Grains.GetGrain<IApplicationGrain>(Guid.CreateVersion7().ToString());
        var outcome = await grain.SubmitAsync(Platform, JudicialConfirmation());
        Assert.True(outcome.Kind == SubmitResultKind.Created,
            $"filing: {outcome.Kind} {string.Join("; ", outcome.Violations?.Select(v => v.Field + ": " + v.Description) ?? [])} {outcome.Refusal?.Message}");
        return grain;
    }

    public static ActRequest Accept() => new() { Act = Act.Accept, OfficerName = "张法官" };

    public static ActRequest RefuseAcceptance() => new()
    {
        Act = Act.RefuseAcceptance,
        OfficerName = "张法官",
        NonAcceptanceGround = NonAcceptanceGround.OutsideCourtsRemit,
        Reason = "不属于人民法院受理范围",
    };

    /// <summary>The application's history as stored: (sequence, kind, status after as its C# name) in order.</summary>
    public static async Task<List<(int Seq, string Kind, string Status)>> HistoryAsync(this TestDatabase database, IApplicationGrain grain)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT seq, kind, status_after FROM exchange_events WHERE application_id = $1 ORDER BY seq");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Guid.Parse(grain.GetPrimaryKeyString()) });
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<(int, string, string)>();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return events;
    }
}
