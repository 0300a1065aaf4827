using Google.Rpc;
using Grpc.Core;
using Xunit;

namespace Exchange.IntegrationTests.Infrastructure;

public static class RpcAssert
{
    /// <summary>Runs <paramref name="call"/>, expects it to fail with <paramref name="code"/>, and returns the decoded status.</summary>
    public static async Task<Google.Rpc.Status> FailsWith(StatusCode code, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(ex.StatusCode == code, $"expected {code}, got {ex.StatusCode}: {ex.Status.Detail}");
        var status = ex.GetRpcStatus();
        Assert.NotNull(status);
        Assert.NotNull(status.GetDetail<ErrorInfo>());
        return status;
    }

    public static ErrorInfo Info(this Google.Rpc.Status status) => status.GetDetail<ErrorInfo>()!;

    public static IReadOnlyList<string> ViolatedFields(this Google.Rpc.Status status) =>
        status.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];
}
