using Grpc.Core;

namespace Exchange.LoadTests.Echo;

/// <summary>Answers every call with the message it received: no auth, no interceptors, no work.</summary>
public sealed class EchoService : Echo.EchoBase
{
    /// <inheritdoc/>
    public override Task<EchoMessage> Echo(EchoMessage request, ServerCallContext context) => Task.FromResult(request);
}
