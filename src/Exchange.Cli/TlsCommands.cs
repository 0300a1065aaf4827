using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Exchange.V1;
using Google.Protobuf;

namespace Exchange.Cli;

/// <summary>Mutual TLS for platforms: making a client certificate, and binding it (admin bind-cert).</summary>
internal static class TlsCommands
{
    /// <summary>exchange new-client-cert: a self-signed client certificate and its key (the hub trusts the binding, not an issuer).</summary>
    public static Command NewClientCertificate(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "The certificate's common name, e.g. your platform id", Required = true };
        var output = new Option<string>("--out")
        {
            Description = "Writes <out>.crt (the certificate, to give the hub's operators) and <out>.key (its private key, readable by you only)",
            Required = true,
            HelpName = "path",
        };
        var days = new Option<int>("--days") { Description = "Days the certificate is valid", DefaultValueFactory = _ => 365 };
        var command = new Command("new-client-cert", "Make a self-signed client certificate for mutual TLS (no openssl needed); "
            + "an operator binds it to your platform with 'exchange admin bind-cert', then --client-cert/--client-key replace --key")
        {
            name, output, days,
        };
        command.SetAction((parseResult, _) => ExchangeCli.GuardAsync(context, async () =>
        {
            var validDays = parseResult.GetValue(days);
            if (validDays is < 1 or > 3650)
            {
                throw new UsageException("--days must be 1–3650");
            }

            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var subject = new X500DistinguishedNameBuilder();
            subject.AddCommonName(parseResult.GetRequiredValue(name));
            var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
            var now = context.TimeProvider.GetUtcNow();
            using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(validDays));
            var path = parseResult.GetRequiredValue(output);
            try
            {
                WriteOwnerOnly(path + ".key", key.ExportPkcs8PrivateKeyPem());
                await File.WriteAllTextAsync(path + ".crt", certificate.ExportCertificatePem() + "\n");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out {path}: {ex.Message}");
            }

            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {path}.crt and {path}.key (SHA-256 {Convert.ToHexStringLower(SHA256.HashData(certificate.RawData))}, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd} UTC)."));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>exchange admin bind-cert: AdminService.BindClientCertificate.</summary>
    public static Command BindCertificate(AdminRunner run)
    {
        var platform = new Option<string>("--platform") { Description = "The platform's id", Required = true };
        var cert = new Option<string>("--cert")
        {
            Description = "The client certificate, PEM or DER (never its key), e.g. one made by 'exchange new-client-cert'",
            Required = true,
            HelpName = "file",
        };
        var requestId = AdminCommands.RequestId();
        var command = new Command("bind-cert",
            "Bind a client certificate to a platform (mutual TLS): over https it then authenticates the platform without an API key, until the platform is revoked")
        {
            platform, cert, requestId,
        };
        run.Mutation(command, requestId, async (admin, parseResult, request, options) =>
        {
            var file = parseResult.GetRequiredValue(cert);
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--cert {file}: {ex.Message}");
            }

            var answer = await admin.BindClientCertificateAsync(new BindClientCertificateRequest
            {
                RequestId = request,
                PlatformId = parseResult.GetRequiredValue(platform),
                Certificate = ByteString.CopyFrom(bytes),
            }, options);
            await run.WriteAsync(parseResult, answer, () => string.Create(CultureInfo.InvariantCulture,
                $"Certificate {answer.Subject} (SHA-256 {answer.Sha256}, valid until {Output.Time(answer.NotAfter)} +08:00) bound to platform {answer.PlatformId}."));
        });
        return command;
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(Encoding.ASCII.GetBytes(text));
    }
}
