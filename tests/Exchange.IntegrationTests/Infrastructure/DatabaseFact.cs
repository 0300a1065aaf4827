namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>
/// Whether the tests that need PostgreSQL can run here: test.sh starts a throwaway one and sets
/// EXCHANGE_TEST_DB. Without it they are skipped, saying why, instead of failing in a fixture.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "EXCHANGE_TEST_DB";

    /// <summary>Why the tests that need PostgreSQL are skipped; null when they run.</summary>
    public static string? SkipReason => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))
        ? $"{Variable} is not set: run ./test.sh, which starts a PostgreSQL"
        : null;
}

/// <summary>A test that needs PostgreSQL: skipped with <see cref="TestPostgres.SkipReason"/> when none is configured.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute
{
    public DatabaseFactAttribute() => Skip = TestPostgres.SkipReason;
}

/// <summary>A theory that needs PostgreSQL: skipped with <see cref="TestPostgres.SkipReason"/> when none is configured.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute
{
    public DatabaseTheoryAttribute() => Skip = TestPostgres.SkipReason;
}
