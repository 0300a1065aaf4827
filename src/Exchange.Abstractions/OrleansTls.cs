using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Exchange.Abstractions;

/// <summary>
/// Exchange:Orleans:Tls — TLS between silos, and between silos and the gateways, for a cluster
/// whose processes are on different machines. Off unless <c>CertificateFile</c> is set (one
/// machine: the cluster's traffic stays on loopback). Every silo and gateway then presents its
/// certificate and requires its peer's (mutual TLS): a peer's certificate is accepted when it
/// chains to <c>CaFile</c> (the only trusted root), or, without a CA, when it is the very same
/// certificate (one certificate shared by the cluster). Names are not checked: members are
/// reached by the IP addresses of the membership table, and the CA (or the shared certificate)
/// is what makes a peer a member.
/// </summary>
public sealed class OrleansTlsSettings
{
    public const string Section = "Exchange:Orleans:Tls";

    /// <summary>This process's certificate: PKCS#12 (.pfx, .p12) with its key, or PEM with <see cref="KeyFile"/>.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The PEM key of a PEM <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The password of a PKCS#12 file (or of an encrypted PEM key).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The CA every member's certificate must chain to; without it, members share one certificate.</summary>
    public string? CaFile { get; set; }

    /// <summary>The settings, or null when Orleans TLS is off (no certificate set).</summary>
    public static OrleansTlsSettings? Read(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<OrleansTlsSettings>();
        return string.IsNullOrEmpty(settings?.CertificateFile) ? null : settings;
    }

    /// <summary>Adds each broken setting to <paramref name="failures"/>, by its configuration key.</summary>
    public static void Check(IConfiguration configuration, List<string> failures)
    {
        var section = configuration.GetSection(Section);
        var settings = section.Get<OrleansTlsSettings>() ?? new OrleansTlsSettings();
        if (string.IsNullOrEmpty(settings.CertificateFile))
        {
            if (section.GetChildren().Any(c => !string.IsNullOrEmpty(c.Value)))
            {
                failures.Add($"{Section}:CertificateFile is required when any {Section} setting is set");
            }

            return;
        }

        foreach (var (key, file) in new[] { ("CertificateFile", settings.CertificateFile), ("KeyFile", settings.KeyFile), ("CaFile", settings.CaFile) })
        {
            if (!string.IsNullOrEmpty(file) && !File.Exists(file))
            {
                failures.Add($"{Section}:{key}: no such file '{file}'");
            }
        }
    }

    internal X509Certificate2 LoadCertificate() => CertificateFiles.LoadWithKey(CertificateFile!, KeyFile, CertificatePassword);

    internal RemoteCertificateValidator PeerValidation(X509Certificate2 local)
    {
        var ca = string.IsNullOrEmpty(CaFile) ? null : X509CertificateLoader.LoadCertificateFromFile(CaFile);
        return (certificate, _, errors) =>
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                return false;
            }

            if (ca is null)
            {
                return certificate.RawDataMemory.Span.SequenceEqual(local.RawDataMemory.Span);
            }

            return CertificateFiles.ChainsTo(certificate, ca);
        };
    }

    internal void Configure(TlsOptions options, X509Certificate2 local)
    {
        options.LocalCertificate = local;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = PeerValidation(local);
    }
}

/// <summary>Turns Orleans TLS on for a silo or a cluster client when <see cref="OrleansTlsSettings"/> are set.</summary>
public static class OrleansTlsHosting
{
    public static ISiloBuilder UseExchangeTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (OrleansTlsSettings.Read(configuration) is { } tls)
        {
            var certificate = tls.LoadCertificate();
            silo.UseTls(certificate, o => tls.Configure(o, certificate));
        }

        return silo;
    }

    public static IClientBuilder UseExchangeTls(this IClientBuilder client, IConfiguration configuration)
    {
        if (OrleansTlsSettings.Read(configuration) is { } tls)
        {
            var certificate = tls.LoadCertificate();
            client.UseTls(certificate, o => tls.Configure(o, certificate));
        }

        return client;
    }
}
