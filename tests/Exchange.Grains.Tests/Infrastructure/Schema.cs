using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Exchange.Grains.Tests.Infrastructure;

/// <summary>
/// Brings a fresh database to the schema the silo expects, the way the silo does at start
/// (SiloStartup): Exchange.Storage's migrations and provider queries.
/// </summary>
public static class Schema
{
    public static Task InstallAsync(TestDatabase database) =>
        SchemaMigrator.MigrateAsync(database.DataSource, NullLogger.Instance);
}
