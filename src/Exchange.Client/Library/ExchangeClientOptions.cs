using System.Security.Cryptography.X509Certificates;

namespace Exchange.Client;

/// <summary>Settings of an <see cref="ExchangeClient"/>.</summary>
public sealed class ExchangeClientOptions
{
    /// <summary>
    /// How UNAVAILABLE is retried; <see cref="RetrySettings.Default"/> unless set. Applied to the
    /// channel that <see cref="ExchangeClient.Create"/> opens (for a channel of your own, pass its
    /// options through <see cref="RetrySettings.ApplyTo"/>).
    /// </summary>
    public RetrySettings Retry { get; init; } = RetrySettings.Default;

    /// <summary>
    /// Deadline applied to a call made without one, measured from the call's start. Null (the
    /// default) leaves calls without a deadline.
    /// </summary>
    public TimeSpan? DefaultTimeout { get; init; }

    /// <summary>
    /// The HTTP handler under the channel, for proxies, custom certificates or tests. The client
    /// does not dispose it.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>
    /// The CA the hub's server certificate must chain to — and the only one trusted (not the
    /// machine's store): e.g. ./run.sh's .exchange/tls/ca.crt, or a court's own CA. Null (the
    /// default) trusts the machine's store. Not with <see cref="HttpHandler"/>.
    /// </summary>
    public X509Certificate2? CaCertificate { get; init; }

    /// <summary>
    /// A client certificate, with its private key, presented in the TLS handshake (mutual TLS): once
    /// an operator bound it to a platform (AdminService.BindClientCertificate), it authenticates that
    /// platform without an API key. Not with <see cref="HttpHandler"/>.
    /// </summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Clock for deadlines; the system clock unless set.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
