using Grpc.Core;

namespace Exchange.LoadTesting;

/// <summary>What a step reports about one call: its status and the bytes it moved.</summary>
/// <param name="Status">Status name, <see cref="StepStatus.Ok"/> for success.</param>
/// <param name="BytesSent">Request bytes, as the step measures them (e.g. <c>request.CalculateSize()</c>).</param>
/// <param name="BytesReceived">Response bytes.</param>
public sealed record StepResult(string Status, long BytesSent, long BytesReceived)
{
    /// <summary>Whether the call succeeded.</summary>
    public bool IsOk => Status == StepStatus.Ok;

    /// <summary>A successful call.</summary>
    /// <param name="bytesSent">Request bytes.</param>
    /// <param name="bytesReceived">Response bytes.</param>
    /// <returns>The result.</returns>
    public static StepResult Ok(long bytesSent = 0, long bytesReceived = 0) => new(StepStatus.Ok, bytesSent, bytesReceived);

    /// <summary>A failed call with the given status, e.g. a gRPC code name.</summary>
    /// <param name="status">Status name; must not be <c>OK</c> or blank.</param>
    /// <param name="bytesSent">Request bytes.</param>
    /// <param name="bytesReceived">Response bytes.</param>
    /// <returns>The result.</returns>
    public static StepResult Fail(string status, long bytesSent = 0, long bytesReceived = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        if (status == StepStatus.Ok)
        {
            throw new ArgumentException("A failure cannot have status OK.", nameof(status));
        }

        return new StepResult(status, bytesSent, bytesReceived);
    }

    /// <summary>A failed call with a gRPC status code.</summary>
    /// <param name="code">The gRPC code; <see cref="StatusCode.OK"/> is rejected.</param>
    /// <param name="bytesSent">Request bytes.</param>
    /// <param name="bytesReceived">Response bytes.</param>
    /// <returns>The result.</returns>
    public static StepResult Fail(StatusCode code, long bytesSent = 0, long bytesReceived = 0) =>
        Fail(StepStatus.FromGrpc(code), bytesSent, bytesReceived);
}
