using System.Buffers.Text;
using System.Text.Json;

namespace Exchange.Gateway.ReadModel;

/// <summary>A keyset position in a listing, bound to the fingerprint of the filters it was issued for.</summary>
public interface IPageToken
{
    /// <summary>The fingerprint of the filters; the token is valid only with the same filters.</summary>
    string Filter { get; }
}

/// <summary>
/// Opaque AIP-158 page tokens: base64url JSON of the last row's keyset position. They grant
/// nothing (listings always filter by the caller).
/// </summary>
public static class PageTokens
{
    public static string Encode<T>(T token)
        where T : IPageToken => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(token));

    /// <summary>
    /// The token of a request (null for the first page), or a violation of page_token when it is
    /// malformed or was issued for filters other than <paramref name="fingerprint"/>.
    /// </summary>
    public static T? Decode<T>(string token, string fingerprint, List<(string Field, string Description)> violations)
        where T : class, IPageToken
    {
        if (token.Length == 0)
        {
            return null;
        }

        T? decoded;
        try
        {
            decoded = JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(token));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            decoded = null;
        }

        if (decoded is null)
        {
            violations.Add(("page_token", "malformed page token"));
        }
        else if (decoded.Filter != fingerprint)
        {
            violations.Add(("page_token", "the page token was issued for other filters"));
            return null;
        }

        return decoded;
    }
}

/// <summary>An opaque position in a listing. It grants nothing: listings always filter by the caller.</summary>
public sealed record PageToken(DateTimeOffset ReceivedAt, Guid ApplicationId, string Filter) : IPageToken;

/// <summary>A position in a docket: the last row's (nearest deadline, id).</summary>
public sealed record DocketPageToken(DateTimeOffset? NextDeadlineAt, Guid ApplicationId, string Filter) : IPageToken;
