using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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
/// <item>strings as UTF-8 with only '"', '\' and control characters escaped (RFC 8785 style);</item>
/// <item>attachment content is excluded: its size and sha256 stand for it.</item>
/// </list>
/// </remarks>
public static class CanonicalPayload
{
    /// <summary>Lower-case hex SHA-256 of <see cref="ToCanonicalJson"/> in UTF-8.</summary>
    public static string Sha256Hex(ApplicationDraft draft) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToCanonicalJson(draft))));

    /// <summary>The canonical form itself (see remarks), for diagnostics and for clients that want to reproduce the hash.</summary>
    public static string ToCanonicalJson(ApplicationDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var w = new Writer();
        w.Begin();
        w.String("platform_case_id", draft.PlatformCaseId);
        w.String("court_code", draft.CourtCode);
        w.Message("consent", draft.Consent, static (w, c) =>
        {
            w.Bool("online_handling", c.OnlineHandling);
            w.Bool("electronic_service", c.ElectronicService);
            w.Instant("consent_time", c.ConsentTime);
        });
        switch (draft.Type)
        {
            case ApplicationType.JudicialConfirmation:
                w.Message("judicial_confirmation", draft, static (w, d) =>
                {
                    w.List("applicants", d.Parties, WriteParty);
                    w.Message("mediation", d.Mediation, WriteMediation);
                    w.Message("agreement", d.Agreement, WriteAgreement);
                    w.List("attachments", d.Attachments, WriteAttachment);

                    // Not in the proto for this type, so empty for every real submission; written
                    // when set so that no field of the draft can change without changing the hash.
                    w.String("claims", d.Claims);
                    w.String("facts", d.Facts);
                    w.String("pre_litigation_case_number", d.PreLitigationCaseNumber);
                }, always: true);
                break;
            case ApplicationType.MediationDocument:
                w.Message("mediation_document", draft, static (w, d) =>
                {
                    w.List("parties", d.Parties, WriteParty);
                    w.Message("mediation", d.Mediation, WriteMediation);
                    w.Message("agreement", d.Agreement, WriteAgreement);
                    w.String("claims", d.Claims);
                    w.String("facts", d.Facts);
                    w.String("pre_litigation_case_number", d.PreLitigationCaseNumber);
                    w.List("attachments", d.Attachments, WriteAttachment);
                }, always: true);
                break;
            default:
                // Unspecified or undefined: no oneof member, as on the wire. Record an undefined
                // number so two different invalid drafts never share a fingerprint by accident.
                w.Enum("application_type", (int)draft.Type);
                break;
        }

        w.End();
        return w.ToString();
    }

    private static void WriteParty(Writer w, Party p)
    {
        w.Enum("side", (int)p.Side);
        w.Message("natural_person", p.NaturalPerson, static (w, n) =>
        {
            w.String("name", n.Name);
            w.Enum("id_type", (int)n.IdType);
            w.String("id_number", n.IdNumber);
        });
        w.Message("organization", p.Organization, static (w, o) =>
        {
            w.String("name", o.Name);
            w.String("unified_social_credit_code", o.UnifiedSocialCreditCode);
            w.String("legal_representative", o.LegalRepresentative);
        });
        w.String("address", p.Address);
        w.String("phone", p.Phone);
        w.String("electronic_service_address", p.ElectronicServiceAddress);
        w.Message("agent", p.Agent, static (w, a) =>
        {
            w.String("name", a.Name);
            w.Enum("id_type", (int)a.IdType);
            w.String("id_number", a.IdNumber);
            w.String("phone", a.Phone);
        });
    }

    private static void WriteMediation(Writer w, Mediation m)
    {
        w.String("organization_name", m.OrganizationName);
        w.Enum("organization_type", (int)m.OrganizationType);
        w.String("organization_credit_code", m.OrganizationCreditCode);
        w.Enum("court_relation", (int)m.CourtRelation);
        w.String("related_court_code", m.RelatedCourtCode);
        w.String("mediator_name", m.MediatorName);
        w.String("mediator_id", m.MediatorId);
        w.Date("start_date", m.StartDate);
        w.Date("end_date", m.EndDate);
    }

    private static void WriteAgreement(Writer w, Agreement a)
    {
        w.String("number", a.Number);
        w.Date("signed_date", a.SignedDate);
        w.Instant("effective_time", a.EffectiveTime);
        w.List("items", a.Items, static (w, i) =>
        {
            w.Int("obligor_party_index", i.ObligorPartyIndex);
            w.Int("obligee_party_index", i.ObligeePartyIndex);
            w.String("description", i.Description);
            w.Int("amount_fen", i.AmountFen);
            w.Date("due_date", i.DueDate);
        });
        w.Enum("dispute_type", (int)a.DisputeType);
    }

    private static void WriteAttachment(Writer w, Attachment a)
    {
        w.Enum("kind", (int)a.Kind);
        w.String("file_name", a.FileName);
        w.String("media_type", a.MediaType);
        w.Int("size_bytes", a.SizeBytes);
        w.Bytes("sha256", a.Sha256);
        // content (field 6) is deliberately left out.
        w.OptionalInt("party_index", a.PartyIndex);
        w.List("signatures", a.Signatures, static (w, s) =>
        {
            w.String("signer", s.Signer);
            w.Instant("signed_time", s.SignedTime);
            w.String("method", s.Method);
        });
        // Written only when true, so that the hash of every filing without an upload is what it was.
        w.Bool("uploaded", a.Uploaded);
    }

    private sealed class Writer
    {
        private readonly StringBuilder _text = new();
        private readonly Stack<bool> _first = new();

        public void Begin()
        {
            _text.Append('{');
            _first.Push(true);
        }

        public void End()
        {
            _text.Append('}');
            _first.Pop();
        }

        public void String(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                Name(name);
                Quoted(value);
            }
        }

        public void Bool(string name, bool value)
        {
            if (value)
            {
                Name(name);
                _text.Append("true");
            }
        }

        public void Int(string name, long value)
        {
            if (value != 0)
            {
                Name(name);
                _text.Append(value.ToString(CultureInfo.InvariantCulture));
            }
        }

        public void Enum(string name, int value) => Int(name, value);

        // proto3 `optional`: present-with-zero differs from absent.
        public void OptionalInt(string name, int? value)
        {
            if (value is { } v)
            {
                Name(name);
                _text.Append(v.ToString(CultureInfo.InvariantCulture));
            }
        }

        public void Date(string name, DateOnly? value)
        {
            if (value is { } d)
            {
                Name(name);
                Quoted(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        public void Instant(string name, DateTimeOffset? value)
        {
            if (value is { } t)
            {
                Name(name);
                Quoted(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            }
        }

        public void Bytes(string name, byte[]? value)
        {
            if (value is { Length: > 0 })
            {
                Name(name);
                Quoted(Convert.ToHexStringLower(value));
            }
        }

        public void Message<T>(string name, T? value, Action<Writer, T> write, bool always = false)
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

        public void List<T>(string name, ImmutableArray<T> items, Action<Writer, T> write)
            where T : class
        {
            if (items.IsDefaultOrEmpty)
            {
                return;
            }

            Name(name);
            _text.Append('[');
            for (var i = 0; i < items.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                // A null element cannot come from the wire; write it as an empty message.
                Begin();
                if (items[i] is { } item)
                {
                    write(this, item);
                }

                End();
            }

            _text.Append(']');
        }

        public override string ToString() => _text.ToString();

        private void Name(string name)
        {
            if (!_first.Pop())
            {
                _text.Append(',');
            }

            _first.Push(false);
            Quoted(name);
            _text.Append(':');
        }

        private void Quoted(string value)
        {
            _text.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': _text.Append("\\\""); break;
                    case '\\': _text.Append("\\\\"); break;
                    case '\b': _text.Append("\\b"); break;
                    case '\f': _text.Append("\\f"); break;
                    case '\n': _text.Append("\\n"); break;
                    case '\r': _text.Append("\\r"); break;
                    case '\t': _text.Append("\\t"); break;
                    case < ' ': _text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                    default: _text.Append(c); break;
                }
            }

            _text.Append('"');
        }
    }
}
