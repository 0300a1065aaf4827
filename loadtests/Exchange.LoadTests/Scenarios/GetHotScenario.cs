using Exchange.LoadTesting;

namespace Exchange.LoadTests.Scenarios;

/// <summary>
/// Hot reads: a set of applications is submitted first (untimed), then GetApplication reads them at
/// random, each by the platform that filed it. The set is small enough to stay activated in the
/// silo, so this measures the read path without storage reads.
/// </summary>
public sealed class GetHotScenario(LoadContext context) : LoadScenario(context)
{
    private OwnedApplication[] _hot = [];

    /// <inheritdoc/>
    public override string Name => "get-hot";

    /// <inheritdoc/>
    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var platforms = Context.RequireHub().PlatformCount;
        var size = Math.Max(1, Context.Settings.HotSetSize);
        _hot = await Preload.SubmitAsync(Context, Name, size, i => i % platforms, courts: null, cancellationToken);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Scenario> Build()
    {
        var hub = Context.RequireHub();
        return
        [
            ClosedModel(Scenario.Create(Name, async ctx =>
            {
                var hot = _hot[ctx.Random.Next(_hot.Length)];
                var application = await hub.For(hot.Platform).GetAsync(hot.ApplicationId, ctx.Deadline, ctx.CancellationToken);
                return application.Receipt?.ApplicationId == hot.ApplicationId
                    ? StepResult.Ok(hot.ApplicationId.Length, application.CalculateSize())
                    : StepResult.Fail("WRONG_APPLICATION");
            }), Context.Settings.Concurrency),
        ];
    }
}
