using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Exchange.Gateway.Auth;
using Exchange.Storage.Admin;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Exchange.Gateway.Services;

/// <summary>Client certificates of platforms (admin.proto: BindClientCertificate).</summary>
public sealed partial class AdminGrpcService
{
    /// <summary>The largest certificate accepted, in bytes (a client certificate is 1–2 KiB).</summary>
    public const int MaxCertificateBytes = 64 * 1024;

    public override async Task<Exchange.V1.ClientCertificateBinding> BindClientCertificate(BindClientCertificateRequest request, ServerCallContext context)
    {
        var admin = Principal.RequireAdmin(context);
        var violations = new List<(string, string)>();
        var requestId = RequestId(request.RequestId, violations);
        if (request.PlatformId.Length == 0)
        {
            violations.Add(("platform_id", "required"));
        }

        using var certificate = ReadCertificate(request.Certificate.Memory, violations);
        if (certificate is not null && certificate.NotAfter.ToUniversalTime() <= DateTime.UtcNow)
        {
            violations.Add(("certificate", $"expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC"));
        }

        ThrowIfAny(violations);
        var sha256 = SHA256.HashData(certificate!.RawData);
        var subject = certificate.Subject;
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        return await ChangeAsync(admin, requestId, request, Exchange.V1.ClientCertificateBinding.Parser, async (change, ct) =>
            ToProto(await change.BindClientCertificateAsync(request.PlatformId, sha256, subject, notAfter, ct)), context);
    }

    private static X509Certificate2? ReadCertificate(ReadOnlyMemory<byte> bytes, List<(string, string)> violations)
    {
        if (bytes.Length == 0 || bytes.Length > MaxCertificateBytes)
        {
            violations.Add(("certificate", $"required: one X.509 certificate, DER or PEM, at most {MaxCertificateBytes} bytes"));
            return null;
        }

        try
        {
            // PEM text or DER; a private key in the same text is ignored (and never stored).
            return bytes.Span[0] == (byte)'-'
                ? X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(bytes.Span))
                : X509CertificateLoader.LoadCertificate(bytes.Span);
        }
        catch (CryptographicException ex)
        {
            violations.Add(("certificate", "is not an X.509 certificate in DER or PEM: " + ex.Message));
            return null;
        }
    }

    private static Exchange.V1.ClientCertificateBinding ToProto(Exchange.Storage.Admin.ClientCertificateBinding binding) => new()
    {
        PlatformId = binding.PlatformId,
        Sha256 = Convert.ToHexStringLower(binding.Sha256),
        Subject = binding.Subject,
        NotAfter = Timestamp.FromDateTimeOffset(binding.NotAfter),
        BoundTime = Timestamp.FromDateTimeOffset(binding.BoundAt),
    };
}
