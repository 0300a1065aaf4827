using Microsoft.Extensions.Options;

namespace Exchange.Gateway.Callbacks;

/// <summary>
/// Exchange:Callbacks settings of a gateway. The defaults are the contract's figures
/// (updates.proto, "Signed callbacks"); tests shorten them.
/// </summary>
public sealed class CallbackOptions
{
    public const string Section = "Exchange:Callbacks";

    /// <summary>An answer later than this is a failed attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An endpoint failing this long without one success is paused.</summary>
    public TimeSpan PauseAfter { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The longest wait between two attempts (the wait starts at 1 s and doubles).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the secret replaced by RotateCallbackSecret still signs.</summary>
    public TimeSpan SecretGrace { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often an idle deliverer looks for new updates and endpoints (the feed's signal wakes it sooner).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a gateway that is not the deliverer tries to become it.</summary>
    public TimeSpan LeaderRetry { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests in flight at once across all platforms (each platform has at most one).</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>How long the delivery log is kept (as long as the feed by default).</summary>
    public TimeSpan LogRetention { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Checks the settings at start; each failure names its configuration key.</summary>
public sealed class CallbackOptionsValidator : IValidateOptions<CallbackOptions>
{
    public ValidateOptionsResult Validate(string? name, CallbackOptions options)
    {
        var failures = new List<string>();
        Positive(nameof(options.Timeout), options.Timeout, failures);
        Positive(nameof(options.PauseAfter), options.PauseAfter, failures);
        Positive(nameof(options.MaxBackoff), options.MaxBackoff, failures);
        Positive(nameof(options.SecretGrace), options.SecretGrace, failures);
        Positive(nameof(options.PollInterval), options.PollInterval, failures);
        Positive(nameof(options.LeaderRetry), options.LeaderRetry, failures);
        Positive(nameof(options.LogRetention), options.LogRetention, failures);
        if (options.MaxConcurrentDeliveries is < 1 or > 1000)
        {
            failures.Add($"{CallbackOptions.Section}:{nameof(options.MaxConcurrentDeliveries)} must be 1–1000, not {options.MaxConcurrentDeliveries}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(string name, TimeSpan value, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{CallbackOptions.Section}:{name} must be a positive time span (e.g. 00:00:10), not {value}");
        }
    }
}
