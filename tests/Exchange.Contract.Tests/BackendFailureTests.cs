using System.Net.Sockets;
using Exchange.Abstractions;
using Exchange.Gateway.Errors;
using Exchange.Silo.Grains;
using Exchange.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Failure = Exchange.Gateway.Errors.ErrorMappingInterceptor.Failure;

namespace Exchange.Contract.Tests;

/// <summary>
/// What crosses the grain boundary when PostgreSQL fails, and what the gateway answers for it
/// (docs/ARCHITECTURE.md, Errors).
/// </summary>
public sealed class BackendFailureTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BackendFailureException_CrossesAProcessBoundary_WithWhetherTheOutcomeIsKnown(bool outcomeUnknown)
    {
        var sent = new BackendFailureException(outcomeUnknown, "connection broken");

        var received = Serializer.Deserialize<Exception>(Serializer.SerializeToArray<Exception>(sent));

        var failure = Assert.IsType<BackendFailureException>(received);
        Assert.Equal(outcomeUnknown, failure.OutcomeUnknown);
        Assert.Equal("connection broken", failure.Message);
    }

    [Fact]
    public void NpgsqlException_DoesNotCrossAProcessBoundary_WhichIsWhyTheGrainsConvertIt()
    {
        var raw = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());

        Assert.ThrowsAny<Exception>(() => Serializer.SerializeToArray<Exception>(raw));
    }

    public static TheoryData<Exception, bool> Writes => new()
    {
        // PostgreSQL answered with an error: the statement (its own transaction) rolled back.
        { new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), false },
        // No connection could be made: nothing was sent.
        { new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)), false },
        // The statement went out and the connection broke: it may have committed.
        { new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), true },
        { new NpgsqlException("Exception while reading from stream", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), true },
        { new NpgsqlException("Exception while reading from stream", new TimeoutException()), true },
        // A grain call whose answer never came.
        { new TimeoutException("Response did not arrive on time"), true },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public void AFailedWrite_MayHaveCommitted_OnlyWhenItsStatementWentOutAndTheAnswerWasLost(Exception failure, bool mayHaveCommitted)
    {
        Assert.True(BackendFailures.IsBackend(failure));
        Assert.Equal(mayHaveCommitted, BackendFailures.OfWrite(failure).OutcomeUnknown);
    }

    [Fact]
    public void AFaultOfOurs_IsNotABackendFailure() =>
        Assert.False(BackendFailures.IsBackend(new InvalidOperationException("a bug")));

    public static TheoryData<Exception, Failure?> Gateway => new()
    {
        { new BackendFailureException(true, "lost"), Failure.OutcomeUnknown },
        { new BackendFailureException(false, "down"), Failure.NothingDone },
        { new TimeoutException("Response did not arrive on time"), Failure.OutcomeUnknown },
        { new Orleans.Runtime.SiloUnavailableException("silo died"), Failure.OutcomeUnknown },
        { new Orleans.Runtime.Messaging.ConnectionFailedException("refused"), Failure.NothingDone },
        // Outside a write (the gateway's reads, the credential lookups) nothing was done.
        { new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), Failure.NothingDone },
        { new InvalidOperationException("a bug"), null },
        { new Orleans.Serialization.CodecNotFoundException("Could not find a codec for type Npgsql.NpgsqlException"), null },
    };

    /// <summary>The admin service writes the credential tables from the gateway, with the silo's rule.</summary>
    public static TheoryData<Exception, bool> AdminWrites => new()
    {
        { new NpgsqlException("Exception while reading from stream", new IOException("connection reset")), true },
        { new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), false },
        { new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), false },
    };

    [Theory]
    [MemberData(nameof(AdminWrites))]
    public void AnAdminChangeThatFailed_MayHaveCommitted_ByTheSilosRule(Exception failure, bool mayHaveCommitted)
    {
        Assert.True(StoreFailures.IsStoreFailure(failure));
        Assert.Equal(mayHaveCommitted, StoreFailures.MayHaveCommitted(failure));
        Assert.Equal(mayHaveCommitted, BackendFailures.OfWrite(failure).OutcomeUnknown);
    }

    [Theory]
    [MemberData(nameof(Gateway))]
    public void TheGateway_ClassifiesWhatReachesIt(Exception failure, Failure? expected) =>
        Assert.Equal(expected, ErrorMappingInterceptor.Classify(failure));

    [Theory]
    [InlineData("/exchange.v1.FilingService/SubmitApplication", true)]
    [InlineData("/exchange.v1.FilingService/WithdrawApplication", true)]
    [InlineData("/exchange.v1.CourtService/BatchRule", true)]
    [InlineData("/exchange.v1.CourtService/AcceptApplication", true)]
    [InlineData("/exchange.v1.FilingService/GetApplication", false)]
    [InlineData("/exchange.v1.CourtService/ListDocket", false)]
    [InlineData("/exchange.v1.CourtService/GetCourtStatistics", false)]
    public void OnlyChanges_AnswerOutcomeUnknown(string method, bool changes) =>
        Assert.Equal(changes, ErrorMappingInterceptor.Changes(method));
}
