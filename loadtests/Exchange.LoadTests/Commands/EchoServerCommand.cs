using System.CommandLine;
using Exchange.LoadTests.Echo;

namespace Exchange.LoadTests.Commands;

/// <summary><c>echo-server --port N</c>: the transport baseline, until killed.</summary>
internal static class EchoServerCommand
{
    public static Command Create()
    {
        var port = CliOptions.AtLeast("--port", "Port on 127.0.0.1", 5190, 1, 65535);
        var command = new Command("echo-server", "Serve a bare gRPC unary echo (no auth, no interceptors) with the gateway's Kestrel settings, until killed") { port };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var value = parseResult.GetValue(port);
            await using var app = EchoServer.Build(value);
            app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"Echo server ready: http://127.0.0.1:{value}"));
            await app.RunAsync();
            return 0;
        });
        return command;
    }
}
