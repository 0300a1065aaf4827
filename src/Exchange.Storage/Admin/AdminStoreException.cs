namespace Exchange.Storage.Admin;

/// <summary>Why the store refused an admin change; nothing was changed.</summary>
public enum AdminRefusal
{
    PlatformAlreadyExists,
    PlatformNotFound,
    PlatformRevoked,
    KeyNotFound,
    AmbiguousKeyPrefix,
    LastAdminKey,
    RequestIdReused,
    AlreadyBootstrapped,
    VersionMismatch,
    OfficerAlreadyExists,
    OfficerNotFound,
    CertificateAlreadyBound,
}

public sealed class AdminStoreException(AdminRefusal refusal, string message) : Exception(message)
{
    public AdminRefusal Refusal { get; } = refusal;
}
