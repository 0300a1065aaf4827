using Npgsql;

namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>
/// A database of its own for one fixture, on the PostgreSQL server that test.sh started
/// (EXCHANGE_TEST_DB). Dropped when the fixture ends.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;

    private TestDatabase(string adminConnectionString, string name, string connectionString)
    {
        this.adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(TestPostgres.Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(TestPostgres.SkipReason);

    public static Task<TestDatabase> CreateAsync() => CreateAsync(ServerConnectionString);

    public static async Task<TestDatabase> CreateAsync(string serverConnectionString)
    {
        var name = "exchange_it_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(serverConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name };
        return new TestDatabase(serverConnectionString, name, builder.ConnectionString);
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var admin = new NpgsqlConnection(adminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The server may already be stopped (a test that stops PostgreSQL); the folder goes with it.
        }
    }
}
