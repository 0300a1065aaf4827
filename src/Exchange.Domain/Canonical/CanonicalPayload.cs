using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using CommunityToolkit.HighPerformance.Buffers;

namespace Exchange.Domain;

/// <summary>
/// The canonical form of a submission and its fingerprint (Receipt.payload_sha256), which
/// idempotency compares: the same key with the same fingerprint returns the original receipt.
/// </summary>
/// <remarks>
/// <para>The canonical form is compact JSON shaped like the proto3 JSON of SubmitApplicationRequest,
/// written by hand so nothing outside this file can change it (a serializer upgrade, an encoder's
/// escaping table, a renamed C# member):</para>
/// <list type="bullet">
/// <item>members in proto field-number order, named by the proto's snake_case field names;</item>
/// <item>as in proto3, members at their default (empty string or list, 0, false, UNSPECIFIED,
/// missing message or date) are left out, so adding an optional field later does not change the
/// fingerprint of payloads that do not use it;</item>
/// <item>enums as their proto numbers; int64 as decimal numbers; dates "yyyy-MM-dd"; instants as
/// UTC "yyyy-MM-ddTHH:mm:ss.fffffffZ"; bytes as lower-case hex;</item>
/// <item>strings as UTF-8 with only '"', '\' and control characters escaped (RFC 8785 style); a lone
/// surrogate, which UTF-8 cannot hold, as U+FFFD (what .NET's UTF-8 encoder has always made of it);</item>
/// <item>attachment content is excluded: its size and sha256 stand for it.</item>
/// </list>
/// <para>It is written as UTF-8 straight into a pooled buffer and hashed there: no string, no copy of
/// the payload, on the path every submission takes. Not System.Text.Json's Utf8JsonWriter: its
/// escaping (non-ASCII as \uXXXX, even relaxed) is not this contract's.</para>
/// </remarks>
public static class CanonicalPayload
{
    /// <summary>Lower-case hex SHA-256 of <see cref="ToCanonicalJson"/> in UTF-8.</summary>
    public static string Sha256Hex(ApplicationDraft draft)
    {
        using var utf8 = Write(draft);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The canonical form itself (see remarks), for diagnostics and for clients that want to
    /// reproduce the hash: the hashed UTF-8 read back, so its UTF-8 is exactly what was hashed.
    /// </summary>
    public static string ToCanonicalJson(ApplicationDraft draft)
    {
        using var utf8 = Write(draft);
        return Encoding.UTF8.GetString(utf8.WrittenSpan);
    }

    // The caller disposes the buffer (back to the pool).
    private static ArrayPoolBufferWriter<byte> Write(ApplicationDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var output = new ArrayPoolBufferWriter<byte>(InitialBufferBytes);
        try
        {
            Write(new Writer(output), draft);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    private static void Write(Writer w, ApplicationDraft draft)
    {
        w.Begin();
        w.String("platform_case_id"u8, draft.PlatformCaseId);
        w.String("court_code"u8, draft.CourtCode);
        w.Message("consent"u8, draft.Consent, static (w, c) =>
        {
            w.Bool("online_handling"u8, c.OnlineHandling);
            w.Bool("electronic_service"u8, c.ElectronicService);
            w.Instant("consent_time"u8, c.ConsentTime);
        });
        switch (draft.Type)
        {
            case ApplicationType.JudicialConfirmation:
                w.Message("judicial_confirmation"u8, draft, static (w, d) =>
                {
                    w.List("applicants"u8, d.Parties, WriteParty);
                    w.Message("mediation"u8, d.Mediation, WriteMediation);
                    w.Message("agreement"u8, d.Agreement, WriteAgreement);
                    w.List("attachments"u8, d.Attachments, WriteAttachment);

                    // Not in the proto for this type, so empty for every real submission; written
                    // when set so that no field of the draft can change without changing the hash.
                    w.String("claims"u8, d.Claims);
                    w.String("facts"u8, d.Facts);
                    w.String("pre_litigation_case_number"u8, d.PreLitigationCaseNumber);
                }, always: true);
                break;
            case ApplicationType.MediationDocument:
                w.Message("mediation_document"u8, draft, static (w, d) =>
                {
                    w.List("parties"u8, d.Parties, WriteParty);
                    w.Message("mediation"u8, d.Mediation, WriteMediation);
                    w.Message("agreement"u8, d.Agreement, WriteAgreement);
                    w.String("claims"u8, d.Claims);
                    w.String("facts"u8, d.Facts);
                    w.String("pre_litigation_case_number"u8, d.PreLitigationCaseNumber);
                    w.List("attachments"u8, d.Attachments, WriteAttachment);
                }, always: true);
                break;
            default:
                // Unspecified or undefined: no oneof member, as on the wire. Record an undefined
                // number so two different invalid drafts never share a fingerprint by accident.
                w.Enum("application_type"u8, (int)draft.Type);
                break;
        }

        w.End();
    }

    private static void WriteParty(Writer w, Party p)
    {
        w.Enum("side"u8, (int)p.Side);
        w.Message("natural_person"u8, p.NaturalPerson, static (w, n) =>
        {
            w.String("name"u8, n.Name);
            w.Enum("id_type"u8, (int)n.IdType);
            w.String("id_number"u8, n.IdNumber);
        });
        w.Message("organization"u8, p.Organization, static (w, o) =>
        {
            w.String("name"u8, o.Name);
            w.String("unified_social_credit_code"u8, o.UnifiedSocialCreditCode);
            w.String("legal_representative"u8, o.LegalRepresentative);
        });
        w.String("address"u8, p.Address);
        w.String("phone"u8, p.Phone);
        w.String("electronic_service_address"u8, p.ElectronicServiceAddress);
        w.Message("agent"u8, p.Agent, static (w, a) =>
        {
            w.String("name"u8, a.Name);
            w.Enum("id_type"u8, (int)a.IdType);
            w.String("id_number"u8, a.IdNumber);
            w.String("phone"u8, a.Phone);
        });
    }

    private static void WriteMediation(Writer w, Mediation m)
    {
        w.String("organization_name"u8, m.OrganizationName);
        w.Enum("organization_type"u8, (int)m.OrganizationType);
        w.String("organization_credit_code"u8, m.OrganizationCreditCode);
        w.Enum("court_relation"u8, (int)m.CourtRelation);
        w.String("related_court_code"u8, m.RelatedCourtCode);
        w.String("mediator_name"u8, m.MediatorName);
        w.String("mediator_id"u8, m.MediatorId);
        w.Date("start_date"u8, m.StartDate);
        w.Date("end_date"u8, m.EndDate);
    }

    private static void WriteAgreement(Writer w, Agreement a)
    {
        w.String("number"u8, a.Number);
        w.Date("signed_date"u8, a.SignedDate);
        w.Instant("effective_time"u8, a.EffectiveTime);
        w.List("items"u8, a.Items, static (w, i) =>
        {
            w.Int("obligor_party_index"u8, i.ObligorPartyIndex);
            w.Int("obligee_party_index"u8, i.ObligeePartyIndex);
            w.String("description"u8, i.Description);
            w.Int("amount_fen"u8, i.AmountFen);
            w.Date("due_date"u8, i.DueDate);
        });
        w.Enum("dispute_type"u8, (int)a.DisputeType);
    }

    private static void WriteAttachment(Writer w, Attachment a)
    {
        w.Enum("kind"u8, (int)a.Kind);
        w.String("file_name"u8, a.FileName);
        w.String("media_type"u8, a.MediaType);
        w.Int("size_bytes"u8, a.SizeBytes);
        w.Bytes("sha256"u8, a.Sha256);
        // content (field 6) is deliberately left out.
        w.OptionalInt("party_index"u8, a.PartyIndex);
        w.List("signatures"u8, a.Signatures, static (w, s) =>
        {
            w.String("signer"u8, s.Signer);
            w.Instant("signed_time"u8, s.SignedTime);
            w.String("method"u8, s.Method);
        });
        // Written only when true, so that the hash of every filing without an upload is what it was.
        w.Bool("uploaded"u8, a.Uploaded);
    }

    // A typical two-party filing is 2–3 KB; the pool hands out at least this much.
    private const int InitialBufferBytes = 4096;

    // What a string value cannot hold unescaped: '"', '\' and the control characters.
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private sealed class Writer(ArrayPoolBufferWriter<byte> output)
    {
        // Whether the object being written has no member yet. After a nested object ends, the
        // object around it always has one (the nested object's own name), so one flag does.
        private bool _first;

        public void Begin()
        {
            Raw((byte)'{');
            _first = true;
        }

        public void End()
        {
            Raw((byte)'}');
            _first = false;
        }

        public void String(ReadOnlySpan<byte> name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                Name(name);
                Quoted(value);
            }
        }

        public void Bool(ReadOnlySpan<byte> name, bool value)
        {
            if (value)
            {
                Name(name);
                Raw("true"u8);
            }
        }

        public void Int(ReadOnlySpan<byte> name, long value)
        {
            if (value != 0)
            {
                Name(name);
                Number(value);
            }
        }

        public void Enum(ReadOnlySpan<byte> name, int value) => Int(name, value);

        // proto3 `optional`: present-with-zero differs from absent.
        public void OptionalInt(ReadOnlySpan<byte> name, int? value)
        {
            if (value is { } v)
            {
                Name(name);
                Number(v);
            }
        }

        public void Date(ReadOnlySpan<byte> name, DateOnly? value)
        {
            if (value is { } d)
            {
                Name(name);
                Raw((byte)'"');
                Format(d, "yyyy-MM-dd");
                Raw((byte)'"');
            }
        }

        public void Instant(ReadOnlySpan<byte> name, DateTimeOffset? value)
        {
            if (value is { } t)
            {
                Name(name);
                Raw((byte)'"');
                Format(t.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
                Raw((byte)'"');
            }
        }

        public void Bytes(ReadOnlySpan<byte> name, byte[]? value)
        {
            if (value is { Length: > 0 })
            {
                Name(name);
                Raw((byte)'"');
                var hex = output.GetSpan(value.Length * 2);
                if (!Convert.TryToHexStringLower(value, hex, out var written))
                {
                    throw new InvalidOperationException("the buffer asked for does not hold the hex");
                }

                output.Advance(written);
                Raw((byte)'"');
            }
        }

        public void Message<T>(ReadOnlySpan<byte> name, T? value, Action<Writer, T> write, bool always = false)
            where T : class
        {
            if (value is not null || always)
            {
                Name(name);
                Begin();
                if (value is not null)
                {
                    write(this, value);
                }

                End();
            }
        }

        public void List<T>(ReadOnlySpan<byte> name, ImmutableArray<T> items, Action<Writer, T> write)
            where T : class
        {
            if (items.IsDefaultOrEmpty)
            {
                return;
            }

            Name(name);
            Raw((byte)'[');
            for (var i = 0; i < items.Length; i++)
            {
                if (i > 0)
                {
                    Raw((byte)',');
                }

                // A null element cannot come from the wire; write it as an empty message.
                Begin();
                if (items[i] is { } item)
                {
                    write(this, item);
                }

                End();
            }

            Raw((byte)']');
        }

        private void Name(ReadOnlySpan<byte> name)
        {
            if (!_first)
            {
                Raw((byte)',');
            }

            _first = false;
            Raw((byte)'"');
            Raw(name);
            Raw("\":"u8);
        }

        private void Number(long value)
        {
            // 20 bytes hold any long in decimal with its sign.
            if (!value.TryFormat(output.GetSpan(20), out var written, default, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("the buffer asked for does not hold a long");
            }

            output.Advance(written);
        }

        private void Format<T>(T value, string format)
            where T : IUtf8SpanFormattable
        {
            // 64 bytes hold every date and instant these formats write.
            if (!value.TryFormat(output.GetSpan(64), out var written, format, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"the buffer asked for does not hold {format}");
            }

            output.Advance(written);
        }

        private void Quoted(string value)
        {
            Raw((byte)'"');
            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                var run = rest.IndexOfAny(Escaped);
                Utf8Text(run < 0 ? rest : rest[..run]);
                if (run < 0)
                {
                    break;
                }

                Escape(rest[run]);
                rest = rest[(run + 1)..];
            }

            Raw((byte)'"');
        }

        // A run holds no escaped character, so a surrogate pair is never split between two runs:
        // a surrogate left alone in a run was alone in the text too, and becomes U+FFFD either way.
        private void Utf8Text(ReadOnlySpan<char> text)
        {
            while (!text.IsEmpty)
            {
                var status = Utf8.FromUtf16(text, output.GetSpan(Math.Min(text.Length, 4096) * 3), out var read, out var written);
                output.Advance(written);
                text = text[read..];
                if (status is not (OperationStatus.Done or OperationStatus.DestinationTooSmall))
                {
                    throw new InvalidOperationException($"UTF-8 conversion stopped: {status}");
                }
            }
        }

        private void Escape(char c)
        {
            switch (c)
            {
                case '"': Raw("\\\""u8); break;
                case '\\': Raw("\\\\"u8); break;
                case '\b': Raw("\\b"u8); break;
                case '\f': Raw("\\f"u8); break;
                case '\n': Raw("\\n"u8); break;
                case '\r': Raw("\\r"u8); break;
                case '\t': Raw("\\t"u8); break;
                default:
                    // The other control characters: \u and four lower-case hex digits.
                    Raw("\\u00"u8);
                    Raw("0123456789abcdef"u8[c >> 4]);
                    Raw("0123456789abcdef"u8[c & 0xF]);
                    break;
            }
        }

        private void Raw(byte b)
        {
            output.GetSpan(1)[0] = b;
            output.Advance(1);
        }

        private void Raw(ReadOnlySpan<byte> bytes) => output.Write(bytes);
    }
}
