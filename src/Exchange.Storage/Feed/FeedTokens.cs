using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Exchange.Storage.Feed;

/// <summary>What a resume token says, once checked against the caller it was sent by.</summary>
public enum FeedTokenStatus
{
    /// <summary>Issued to this caller by this feed: <see cref="FeedTokenCheck.Position"/> holds.</summary>
    Valid,

    /// <summary>Not a token, forged, or issued to another caller.</summary>
    Malformed,

    /// <summary>Issued to this caller before the feed was rebuilt (another epoch): its position means nothing now.</summary>
    OtherEpoch,
}

public readonly record struct FeedTokenCheck(FeedTokenStatus Status, long Position);

/// <summary>
/// Resume tokens: base64url of (format 1, the feed's epoch, the position, an HMAC-SHA256 over
/// those and the recipient). Opaque to clients; a token sent by another caller fails its MAC,
/// so it can neither read nor probe another feed. The key and the epoch live in
/// exchange_feed_relay (made by the migration); the key survives a rebuild of the feed, so that
/// an old token is told apart (<see cref="FeedTokenStatus.OtherEpoch"/>) from a forged one.
/// </summary>
public sealed class FeedTokenCodec
{
    private const byte Format = 1;
    private const int MacLength = 16;
    private const int Length = 1 + 16 + 8 + MacLength;
    private readonly byte[] key;

    public FeedTokenCodec(Guid epoch, byte[] key)
    {
        Epoch = epoch;
        this.key = key;
    }

    /// <summary>Changes when the feed is rebuilt; tokens of another epoch are expired.</summary>
    public Guid Epoch { get; }

    public string Encode(FeedRecipient recipient, long position)
    {
        Span<byte> token = stackalloc byte[Length];
        token[0] = Format;
        Epoch.TryWriteBytes(token.Slice(1, 16));
        BinaryPrimitives.WriteInt64BigEndian(token.Slice(17, 8), position);
        Mac(recipient, token[..25], token[25..]);
        return Base64Url.EncodeToString(token);
    }

    public FeedTokenCheck Decode(FeedRecipient recipient, string token)
    {
        Span<byte> bytes = stackalloc byte[Length + 3];
        // DecodeFromChars answers a status where TryDecodeFromChars throws on a character outside the alphabet.
        if (token.Length > 64
            || Base64Url.DecodeFromChars(token, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != Length || bytes[0] != Format)
        {
            return new FeedTokenCheck(FeedTokenStatus.Malformed, 0);
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Mac(recipient, bytes[..25], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.Slice(25, MacLength)))
        {
            return new FeedTokenCheck(FeedTokenStatus.Malformed, 0);
        }

        var position = BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(17, 8));
        if (position < 0)
        {
            return new FeedTokenCheck(FeedTokenStatus.Malformed, 0);
        }

        return new Guid(bytes.Slice(1, 16)) == Epoch
            ? new FeedTokenCheck(FeedTokenStatus.Valid, position)
            : new FeedTokenCheck(FeedTokenStatus.OtherEpoch, position);
    }

    private void Mac(FeedRecipient recipient, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        // The recipient is bound into the MAC: (kind, id) with a separator no id contains.
        var recipientBytes = Encoding.UTF8.GetBytes((short)recipient.Kind + "\n" + recipient.Id);
        var input = new byte[body.Length + recipientBytes.Length];
        body.CopyTo(input);
        recipientBytes.CopyTo(input.AsSpan(body.Length));
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(key, input, full);
        full[..MacLength].CopyTo(destination);
    }
}

/// <summary>Loads the token codec of this database's feed once (its epoch and key change only by a rebuild).</summary>
public sealed class FeedTokens(NpgsqlDataSource dataSource)
{
    private FeedTokenCodec? codec;

    public async ValueTask<FeedTokenCodec> GetCodecAsync(CancellationToken cancellationToken)
    {
        if (codec is { } loaded)
        {
            return loaded;
        }

        await using var command = dataSource.CreateCommand("SELECT epoch, token_key FROM exchange_feed_relay");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("exchange_feed_relay has no row: the schema migration did not run");
        }

        codec = new FeedTokenCodec(reader.GetGuid(0), reader.GetFieldValue<byte[]>(1));
        return codec;
    }

    /// <summary>Forgets the cached codec (after the feed was rebuilt).</summary>
    public void Forget() => codec = null;
}
