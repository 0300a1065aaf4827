using Exchange.LoadTesting;
using Exchange.LoadTests.Generators;

namespace Exchange.LoadTests.Scenarios;

/// <summary>
/// Unique submissions, "one new grain per call": every call files a new case (fresh
/// platform_case_id), judicial confirmations and mediation documents alternating, spread over the
/// platforms and over the courts that accept each type.
/// </summary>
public sealed class SubmitUniqueScenario(LoadContext context) : LoadScenario(context)
{
    /// <inheritdoc/>
    public override string Name => "submit-unique";

    /// <inheritdoc/>
    public override IReadOnlyList<Scenario> Build()
    {
        var hub = Context.RequireHub();
        var platforms = hub.PlatformCount;
        return
        [
            ClosedModel(Scenario.Create(Name, async ctx =>
            {
                // Calls 2k and 2k+1 go to the same platform as a JC and an MD, so every platform
                // files both types whatever the platform count.
                var n = ctx.InvocationNumber - 1;
                var platform = (int)(n / 2 % platforms);
                var mediationDocument = n % 2 == 1;
                var court = ChineseText.Pick(ctx.Random, SampleCourts.Accepting(mediationDocument));
                var request = Context.Generator.Create(mediationDocument, court, Context.CaseIds.Next("su"), ctx.Random, DateTimeOffset.UtcNow);
                var receipt = await hub.For(platform).SubmitAsync(request, ctx.Deadline, ctx.CancellationToken);
                return StepResult.Ok(request.CalculateSize(), receipt.CalculateSize());
            }), Context.Settings.Concurrency),
        ];
    }
}
