namespace Exchange.Storage.Admin;

/// <summary>Whom a credential speaks for; stored as 'platform', 'court' or 'admin'.</summary>
public enum CredentialKind
{
    Platform,
    Court,
    Admin,
}

/// <summary>The principal a live key resolves to.</summary>
public sealed record CredentialOwner(CredentialKind Kind, string Id, string DisplayName, string KeyPrefix);

/// <summary>An issued key as stored: never the key or its hash.</summary>
public sealed record CredentialInfo(
    string KeyPrefix, CredentialKind Kind, string PrincipalId, string DisplayName, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just issued: the key itself exists only in this object.</summary>
public sealed record IssuedCredential(string ApiKey, CredentialInfo Info);

public sealed record PlatformInfo(string PlatformId, string DisplayName, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>Who makes an admin change: the admin key's principal (audit events name it).</summary>
public sealed record AdminActor(string Id, string KeyPrefix);

internal static class CredentialKinds
{
    public static string ToColumn(CredentialKind kind) => kind switch
    {
        CredentialKind.Platform => "platform",
        CredentialKind.Court => "court",
        CredentialKind.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static CredentialKind FromColumn(string value) => value switch
    {
        "platform" => CredentialKind.Platform,
        "court" => CredentialKind.Court,
        "admin" => CredentialKind.Admin,
        _ => throw new InvalidOperationException($"unknown principal_kind '{value}' in exchange_credentials"),
    };
}
