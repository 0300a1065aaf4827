using Exchange.IntegrationTests.Infrastructure;
using Exchange.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Exchange.Grains.Tests.Infrastructure;

/// <summary>
/// Brings a fresh database to the schema the silo expects, the way the silo does at start
/// (SiloStartup). The one place this tier says how: when the schema installer gives way to
/// Exchange.Storage's migration runner, only this line changes.
/// </summary>
public static class Schema
{
    public static Task InstallAsync(TestDatabase database) =>
        SchemaInstaller.InstallAsync(database.DataSource, NullLogger.Instance);
}
