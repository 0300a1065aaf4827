using System.Net;
using System.Security.Cryptography.X509Certificates;
using Exchange.Abstractions;
using Exchange.Gateway.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Exchange.Gateway.Tls;

/// <summary>
/// Exchange:Tls — the gateway's certificate. The gRPC port speaks TLS whenever it listens on an
/// address other than loopback (cleartext h2c stays allowed on 127.0.0.1 and ::1 only), and
/// <see cref="Port"/> adds a TLS port beside a loopback one.
/// </summary>
public sealed class TlsSettings
{
    /// <summary>The server certificate: a PKCS#12 file (.pfx, .p12) with its key, or a PEM certificate with <see cref="KeyFile"/>.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The password of a PKCS#12 <see cref="CertificateFile"/> (or of an encrypted PEM key).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// A directory holding this machine's own CA and a server certificate it signed, both created
    /// there on first start (<see cref="LocalCertificateAuthority"/>; ./run.sh: .exchange/tls).
    /// Instead of <see cref="CertificateFile"/>, for a hub without an operator's certificate.
    /// </summary>
    public string? LocalCaDirectory { get; set; }

    /// <summary>A second gRPC port, always TLS, on the same address (0, the default: none).</summary>
    public int Port { get; set; }

    public bool HasCertificate => !string.IsNullOrEmpty(CertificateFile) || !string.IsNullOrEmpty(LocalCaDirectory);
}

/// <summary>How the gateway's gRPC endpoints use <see cref="TlsSettings"/>.</summary>
public static class GatewayTls
{
    /// <summary>Binds the gRPC port (TLS unless on loopback) and the TLS port if one is set.</summary>
    public static void Listen(KestrelServerOptions kestrel, GatewaySettings settings)
    {
        var tls = settings.Tls;
        X509Certificate2? certificate = tls.HasCertificate ? LoadCertificate(tls) : null;
        kestrel.Listen(settings.Address, settings.Port, o =>
        {
            o.Protocols = HttpProtocols.Http2;
            if (!IPAddress.IsLoopback(settings.Address))
            {
                // Checked at start (Check): a non-loopback address has a certificate.
                UseTls(o, certificate!);
            }
        });
        if (tls.Port > 0)
        {
            kestrel.Listen(settings.Address, tls.Port, o =>
            {
                o.Protocols = HttpProtocols.Http2;
                UseTls(o, certificate!);
            });
        }
    }

    /// <summary>The gRPC endpoints, for the line that says the gateway is ready.</summary>
    public static string Describe(GatewaySettings settings)
    {
        var host = settings.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{settings.ListenAddress}]" : settings.ListenAddress;
        var main = IPAddress.IsLoopback(settings.Address) ? $"http://{host}:{settings.Port} (gRPC, h2c)" : $"https://{host}:{settings.Port} (gRPC, TLS)";
        return settings.Tls.Port > 0 ? $"{main}, https://{host}:{settings.Tls.Port} (gRPC, TLS)" : main;
    }

    /// <summary>Adds each broken Exchange:Tls setting to <paramref name="failures"/>, named by its configuration key.</summary>
    public static void Check(GatewaySettings settings, List<string> failures)
    {
        var tls = settings.Tls;
        if (!string.IsNullOrEmpty(tls.CertificateFile) && !string.IsNullOrEmpty(tls.LocalCaDirectory))
        {
            failures.Add("Exchange:Tls:CertificateFile and Exchange:Tls:LocalCaDirectory exclude each other: set one");
        }

        if (!string.IsNullOrEmpty(tls.CertificateFile) && !File.Exists(tls.CertificateFile))
        {
            failures.Add($"Exchange:Tls:CertificateFile: no such file '{tls.CertificateFile}'");
        }

        if (!string.IsNullOrEmpty(tls.KeyFile) && !File.Exists(tls.KeyFile))
        {
            failures.Add($"Exchange:Tls:KeyFile: no such file '{tls.KeyFile}'");
        }

        if (tls.Port != 0)
        {
            SettingChecks.Port("Exchange:Tls:Port", tls.Port, failures);
            if (tls.Port == settings.Port || tls.Port == settings.ConsolePort)
            {
                failures.Add("Exchange:Tls:Port must differ from Exchange:Port and Exchange:ConsolePort");
            }
        }

        if (IPAddress.TryParse(settings.ListenAddress, out var address) && !IPAddress.IsLoopback(address) && !tls.HasCertificate)
        {
            failures.Add($"Exchange:Tls:CertificateFile (or Exchange:Tls:LocalCaDirectory) is required: Exchange:ListenAddress {settings.ListenAddress} is not loopback, "
                + "and API keys and residents' data do not cross a network in clear text");
        }

        if (tls.Port != 0 && !tls.HasCertificate)
        {
            failures.Add("Exchange:Tls:Port needs Exchange:Tls:CertificateFile or Exchange:Tls:LocalCaDirectory");
        }
    }

    private static X509Certificate2 LoadCertificate(TlsSettings tls)
    {
        if (!string.IsNullOrEmpty(tls.LocalCaDirectory))
        {
            return LocalCertificateAuthority.ServerCertificate(tls.LocalCaDirectory, TimeProvider.System);
        }

        return CertificateFiles.LoadWithKey(tls.CertificateFile!, tls.KeyFile, tls.CertificatePassword);
    }

    private static void UseTls(ListenOptions listen, X509Certificate2 certificate) =>
        listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            // Asked for in the handshake (HTTP/2 allows no renegotiation), never required: a
            // platform may authenticate with a bound client certificate instead of an API key.
            // Whether the certificate is bound is the authenticator's to decide, not the chain's
            // (a platform's certificate need not come from any CA the hub knows).
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.AllowAnyClientCertificate();
        });
}
