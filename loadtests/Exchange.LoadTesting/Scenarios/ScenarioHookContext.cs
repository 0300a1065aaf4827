namespace Exchange.LoadTesting;

/// <summary>Passed to a scenario's init and clean hooks.</summary>
/// <param name="ScenarioName">The scenario.</param>
/// <param name="CancellationToken">Cancelled when the run is aborted.</param>
public sealed record ScenarioHookContext(string ScenarioName, CancellationToken CancellationToken);
