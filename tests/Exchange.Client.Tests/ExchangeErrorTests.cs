using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Exchange.Client.Tests;

public sealed class ExchangeErrorTests
{
    [Fact]
    public void FromException_DecodesErrorInfoAndEveryFieldViolation()
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "the application is invalid",
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = "INVALID_APPLICATION", Domain = "exchange.court.cn", Metadata = { ["violations"] = "2" } }),
                Any.Pack(new BadRequest
                {
                    FieldViolations =
                    {
                        new BadRequest.Types.FieldViolation
                        {
                            Field = "judicial_confirmation.applicants[0].natural_person.id_number",
                            Description = "the check character does not match (GB 11643)",
                            Reason = "ID_CHECKSUM",
                        },
                        new BadRequest.Types.FieldViolation { Field = "court_code", Description = "unknown court" },
                    },
                }),
            },
        };

        var error = ExchangeError.FromException(status.ToRpcException());

        Assert.Equal(StatusCode.InvalidArgument, error.Code);
        Assert.Equal("INVALID_ARGUMENT", error.CodeName);
        Assert.Equal("the application is invalid", error.Message);
        Assert.Equal("INVALID_APPLICATION", error.Reason);
        Assert.Equal("exchange.court.cn", error.Domain);
        Assert.Equal("2", error.Metadata["violations"]);
        Assert.Equal(
            [
                new FieldViolation("judicial_confirmation.applicants[0].natural_person.id_number", "the check character does not match (GB 11643)", "ID_CHECKSUM"),
                new FieldViolation("court_code", "unknown court", null),
            ],
            error.FieldViolations);
        Assert.Equal(
            """
            INVALID_ARGUMENT (INVALID_APPLICATION): the application is invalid
              judicial_confirmation.applicants[0].natural_person.id_number: the check character does not match (GB 11643) [ID_CHECKSUM]
              court_code: unknown court
              violations: 2
            """.ReplaceLineEndings(),
            error.ToString());
    }

    [Fact]
    public void FromException_FailedPrecondition_ShowsReasonAndMetadata()
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = "filed more than 30 days after the agreement took effect",
            Details = { Any.Pack(new ErrorInfo { Reason = "FILING_WINDOW_EXPIRED", Domain = "exchange.court.cn", Metadata = { ["deadline"] = "2026-03-02" } }) },
        };

        var text = ExchangeError.FromException(status.ToRpcException()).ToString();

        Assert.Equal(
            "FAILED_PRECONDITION (FILING_WINDOW_EXPIRED): filed more than 30 days after the agreement took effect"
                + Environment.NewLine + "  deadline: 2026-03-02",
            text);
    }

    [Fact]
    public void FromException_DecodesRetryInfo()
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = "slow down",
            Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(1.5)) }) },
        };

        var error = ExchangeError.FromException(status.ToRpcException());

        Assert.Equal(TimeSpan.FromSeconds(1.5), error.RetryDelay);
        Assert.EndsWith("retry after: 1.5 s", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromException_WithoutStatusDetails_KeepsCodeAndMessage()
    {
        var error = ExchangeError.FromException(new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "connection refused")));

        Assert.Equal(StatusCode.Unavailable, error.Code);
        Assert.Null(error.Reason);
        Assert.Empty(error.FieldViolations);
        Assert.Empty(error.Metadata);
        Assert.Equal("UNAVAILABLE: connection refused", error.ToString());
    }

    [Fact]
    public void FromException_MalformedDetailsTrailer_StillReportsTheError()
    {
        var trailers = new Metadata { { "grpc-status-details-bin", new byte[] { 0xFF, 0xFF, 0xFF } } };
        var error = ExchangeError.FromException(new RpcException(new Grpc.Core.Status(StatusCode.Internal, "boom"), trailers));

        Assert.Equal("INTERNAL: boom", error.ToString());
    }

    [Theory]
    [InlineData(StatusCode.OK, "OK")]
    [InlineData(StatusCode.FailedPrecondition, "FAILED_PRECONDITION")]
    [InlineData(StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED")]
    [InlineData(StatusCode.Unauthenticated, "UNAUTHENTICATED")]
    [InlineData(StatusCode.DataLoss, "DATA_LOSS")]
    [InlineData((StatusCode)99, "99")]
    public void CodeNameOf_IsTheProtoSpelling(StatusCode code, string name) => Assert.Equal(name, ExchangeError.CodeNameOf(code));

    [Fact]
    public void CodeNameOf_EveryStatusCode_IsAnUpperSnakeProtoName()
    {
        foreach (var code in System.Enum.GetValues<StatusCode>())
        {
            Assert.Matches("^[A-Z]+(_[A-Z]+)*$", ExchangeError.CodeNameOf(code));
        }
    }

    [Fact]
    public void ProtoNames_AreTheContractsSpelling() =>
        Assert.Equal(
            ["CORRECTION_REQUESTED", "PRINCIPAL_KIND_ADMIN", "5"],
            [ProtoNames.Of(Exchange.V1.ApplicationStatus.CorrectionRequested), ProtoNames.Of(Exchange.V1.PrincipalKind.Admin), ProtoNames.Of((Exchange.V1.PrincipalKind)5)]);
}
