using Google.Protobuf;
using Exchange.Peer;
using Exchange.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using ApplicationStatus = Exchange.V1.ApplicationStatus;
using ApplicationType = Exchange.V1.ApplicationType;

namespace Exchange.LoadTesting.Tests;

/// <summary>
/// The benchmark's stateless peer (loadtests/Exchange.Peer) builds, starts against a real
/// PostgreSQL (a database of its own on test.sh's server) and answers the two calls the benchmark
/// drives it with, over a real gRPC channel.
/// </summary>
public sealed class PeerTests
{
    private const string Key = "peer-test-key-of-platform-one";
    private const string OtherKey = "peer-test-key-of-platform-two";

    [PostgresFact]
    public async Task SubmitThenGet_StoresOneApplicationAndItsEvent_AndAnswersFromPostgreSql()
    {
        await using var database = await ThrowawayDatabase.CreateAsync();
        await using var peer = await PeerServer.StartAsync(0, database.ConnectionString, [("platform-one", Key), ("platform-two", OtherKey)], CancellationToken.None);
        using var channel = GrpcChannel.ForAddress(peer.Address);
        var client = new FilingService.FilingServiceClient(channel);
        var court = Domain.CourtRegistry.LoadSample().Courts.First(c => c.Accepts(Domain.ApplicationType.JudicialConfirmation));
        var request = new SubmitApplicationRequest
        {
            PlatformCaseId = "case-1",
            CourtCode = court.Code,
            Consent = new OnlineConsent(),
            JudicialConfirmation = new JudicialConfirmationApplication { Attachments = { new Attachment { FileName = "调解协议.pdf" } } },
        };

        var receipt = await client.SubmitApplicationAsync(request, As(Key));
        var again = await client.SubmitApplicationAsync(request, As(Key));
        var changed = request.Clone();
        changed.JudicialConfirmation.Attachments[0].FileName = "调解协议（修改）.pdf";
        var taken = await Assert.ThrowsAsync<RpcException>(async () => await client.SubmitApplicationAsync(changed, As(Key)));
        var application = await client.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, As(Key));
        var otherPlatform = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, As(OtherKey)));
        var unknownKey = await Assert.ThrowsAsync<RpcException>(async () => await client.SubmitApplicationAsync(request, As("no-such-key")));

        Assert.Equal(ApplicationStatus.Received, receipt.Status);
        Assert.Equal(court.Name, receipt.CourtName);
        Assert.Equal(ApplicationType.JudicialConfirmation, receipt.Type);
        Assert.Equal(receipt, again);
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        Assert.Equal(receipt, application.Receipt);
        Assert.Equal(request.JudicialConfirmation, application.JudicialConfirmation);
        Assert.Equal(1, application.Version);
        Assert.Equal(StatusCode.NotFound, otherPlatform.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, unknownKey.StatusCode);
        // What PostgreSQL holds: the one application with the request's bytes, and its first event.
        Assert.Equal(
            [$"{receipt.ApplicationId} platform-one case-1 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(request.ToByteArray()))} {receipt.PayloadSha256} 1 1"],
            await database.RowsAsync("""
                SELECT a.application_id || ' ' || a.platform_id || ' ' || a.platform_case_id || ' ' || encode(sha256(a.request), 'hex')
                       || ' ' || encode(a.payload_sha256, 'hex') || ' ' || e.sequence || ' ' || e.status
                  FROM peer.applications a JOIN peer.events e USING (application_id)
                """));
    }

    private static CallOptions As(string key) => new(new Metadata { { "authorization", "Bearer " + key } });

    /// <summary>A database of the test's own on test.sh's PostgreSQL, dropped at the end.</summary>
    private sealed class ThrowawayDatabase : IAsyncDisposable
    {
        private readonly string _server;
        private readonly string _name;

        private ThrowawayDatabase(string server, string name)
        {
            _server = server;
            _name = name;
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        }

        public string ConnectionString { get; }

        public static async Task<ThrowawayDatabase> CreateAsync()
        {
            var server = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;
            var database = new ThrowawayDatabase(server, "peer_test_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)));
            await database.ExecuteOnServerAsync($"CREATE DATABASE {database._name}");
            return database;
        }

        public async Task<List<string>> RowsAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            return rows;
        }

        public async ValueTask DisposeAsync() => await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");

        private async Task ExecuteOnServerAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>A test that needs test.sh's PostgreSQL (EXCHANGE_TEST_DB); skipped, saying why, without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "EXCHANGE_TEST_DB";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: run ./test.sh, which starts a PostgreSQL";
        }
    }
}
