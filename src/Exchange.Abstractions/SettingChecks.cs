using System.Data.Common;
using System.Net;
using Microsoft.Extensions.Options;

namespace Exchange.Abstractions;

/// <summary>
/// Checks shared by the silo's and the gateway's settings validators. Each failure names the setting
/// by its configuration key, so that a process refusing to start says which line to fix.
/// </summary>
public static class SettingChecks
{
    /// <summary>The only environment in which <c>Exchange:ClockFile</c> may shift the hub's legal clock.</summary>
    public const string TestingEnvironment = "Testing";

    public static void ConnectionString(string? value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add("ConnectionStrings:Exchange is not set (environment variable ConnectionStrings__Exchange): the Npgsql connection string of the hub's database.");
            return;
        }

        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = value };
        }
        catch (ArgumentException ex)
        {
            failures.Add($"ConnectionStrings:Exchange is not a connection string: {ex.Message}");
        }
    }

    public static void NotEmpty(string key, string? value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} is empty.");
        }
    }

    /// <summary>True when <paramref name="value"/> is an IP address.</summary>
    public static bool Address(string key, string? value, List<string> failures)
    {
        if (IPAddress.TryParse(value, out _))
        {
            return true;
        }

        failures.Add($"{key} is '{value}', which is not an IP address (e.g. 127.0.0.1, 10.0.0.5, 0.0.0.0).");
        return false;
    }

    public static void Port(string key, int value, List<string> failures)
    {
        if (value is < 1 or > 65535)
        {
            failures.Add($"{key} is {value}, which is not a TCP port (1–65535).");
        }
    }

    /// <summary>A shifted clock changes which deadlines have passed: never outside a test.</summary>
    public static void ClockFile(string? value, string environmentName, List<string> failures)
    {
        if (!string.IsNullOrWhiteSpace(value) && environmentName != TestingEnvironment)
        {
            failures.Add($"Exchange:ClockFile is set, but the host environment is '{environmentName}': the hub's clock can be shifted only in the '{TestingEnvironment}' environment (DOTNET_ENVIRONMENT={TestingEnvironment}).");
        }
    }

    /// <summary>
    /// Says on standard error why <paramref name="process"/> does not start (every failed setting, one
    /// a line) and returns the exit code for it, instead of a stack trace.
    /// </summary>
    public static int RefuseToStart(string process, OptionsValidationException exception)
    {
        Console.Error.WriteLine($"{process} not started: a setting is not valid.");
        foreach (var failure in exception.Failures)
        {
            Console.Error.WriteLine("  " + failure);
        }

        return 2;
    }
}
