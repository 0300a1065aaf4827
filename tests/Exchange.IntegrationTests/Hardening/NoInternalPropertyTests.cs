using System.Collections.Concurrent;
using System.Diagnostics;
using CsCheck;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.Hardening;

/// <summary>
/// A property over every method of every exchange.v1 service, found through the services'
/// descriptors (a method added to a proto is covered without a change here): no request, however
/// it is made, is answered INTERNAL, UNAVAILABLE (no store or cluster fails meanwhile: it would tell
/// the client to retry a request that cannot succeed) or UNKNOWN without OUTCOME_UNKNOWN (the
/// framework's "exception thrown by handler"). Requests are generated field by field from the message descriptors, with
/// hostile text (controls, NUL, invisible characters, bidi overrides, decomposed and astral
/// characters, long strings), out-of-range numbers and enums, bad timestamps and dates; and
/// valid submissions and acts with one text field replaced, so that the grains and the store are
/// reached too. A method not implemented yet answers UNIMPLEMENTED, which is a documented answer.
/// </summary>
[Collection(HardeningCollection.Name)]
public sealed class NoInternalPropertyTests(HardeningHubFixture hub, ITestOutputHelper output)
{
    private const int Iterations = 5000;

    private static readonly ServiceDescriptor[] Services = [FilingService.Descriptor, CourtService.Descriptor, AdminService.Descriptor];

    private static readonly MethodDescriptor[] Methods = [.. Services.SelectMany(s => s.Methods)];

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    [DatabaseFact]
    public async Task NoRequest_ToAnyMethod_IsAnsweredInternal()
    {
        // Real ids for the generated requests to hit: applications of platform A filed with the court.
        var flow = hub.Flow;
        string[] ids = [(await flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId,
            (await flow.SubmitAsync(ApplicationType.MediationDocument)).ApplicationId,
            (await flow.SubmitAsync(ApplicationType.JudicialConfirmation)).ApplicationId];
        var texts = Texts(ids);
        var requests = Gen.Frequency(
            (3, Gen.Int[0, Methods.Length - 1].SelectMany(i => Message(Methods[i].InputType, texts, 0).Select(m => (Method: Methods[i], Request: m)))),
            (1, ValidWithOneTextReplaced(texts, ids)));

        var codes = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        await requests.SampleAsync(
            async sample =>
            {
                var (code, reason) = await CallAsync(sample.Method, sample.Request);
                codes.AddOrUpdate($"{code}", 1, (_, n) => n + 1);
                // UNAVAILABLE says "nothing was done, retry the same request": for a request the hub
                // cannot serve, clients would retry it forever. No store or cluster fails during this test.
                if (code is StatusCode.Internal or StatusCode.DataLoss or StatusCode.Unavailable || (code == StatusCode.Unknown && reason != "OUTCOME_UNKNOWN"))
                {
                    failures.Enqueue($"{sample.Method.FullName} answered {code} ({reason}) to {sample.Request}");

                    throw new Xunit.Sdk.XunitException($"{sample.Method.FullName} answered {code} ({reason})");
                }
            },
            writeLine: output.WriteLine,
            iter: Iterations,
            threads: 8,
            print: s => $"{s.Method.FullName} {s.Request}");
        clock.Stop();

        output.WriteLine($"{Iterations} generated requests over {Methods.Length} methods in {clock.Elapsed.TotalSeconds:F1} s; statuses: "
            + string.Join(", ", codes.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")));
        Assert.Empty(failures);
    }

    private async Task<(StatusCode Code, string Reason)> CallAsync(MethodDescriptor method, IMessage request)
    {
        var service = method.Service;
        var key = service.Name switch
        {
            "FilingService" => hub.PlatformAKey,
            "CourtService" => hub.CourtKey,
            _ => hub.AdminKey,
        };
        var options = HubFixture.As(key, TimeSpan.FromSeconds(10));
        var invoker = hub.Channel.CreateCallInvoker();
        try
        {
            if (method.IsServerStreaming)
            {
                var streaming = new Method<byte[], byte[]>(MethodType.ServerStreaming, service.FullName, method.Name, Bytes, Bytes);
                using var call = invoker.AsyncServerStreamingCall(streaming, null, HubFixture.As(key, TimeSpan.FromSeconds(2)), request.ToByteArray());
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            else
            {
                var unary = new Method<byte[], byte[]>(MethodType.Unary, service.FullName, method.Name, Bytes, Bytes);
                await invoker.AsyncUnaryCall(unary, null, options, request.ToByteArray());
            }

            return (StatusCode.OK, "");
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? ex.Status.Detail + " " + ex.Status.DebugException?.Message);
        }
    }

    // ---- generators ---------------------------------------------------------------------------

    /// <summary>Text of every kind the rule must refuse or accept, and values that mean something to the hub.</summary>
    private static Gen<string> Texts(string[] ids)
    {
        char[] hostile = ['\0', '\u0001', '\t', '\n', '\r', '\u001F', '\u007F', '\u0085', '\u009F', '\uFEFF', '\u200B', '\u200D',
            '\u200E', '\u202E', '\u2066', '\u2028', '\u00AD', '\u0301', '\uFFFD', '\uFFFF', ' ', 'a', 'Z', '0', '-', '_', ':', '/', '张', '新', '民'];
        // Not the ids of the callers' own platform and court: the admin methods would revoke or change them
        // (the other tests of the collection need them), and every later call would be refused before it got far.
        string[] meaningful = [.. ids, "新0103", "新0104", HubFixture.PlatformB, "exk_AbCd1234", "JUDICIAL_CONFIRMATION",
            "2026", "req-1", Guid.NewGuid().ToString(), "0191a0b2-0000-7000-8000-000000000000", "", "𠀀𠀁", "e\u0301", "\uFEFF", "张\u0000三"];
        return Gen.Frequency(
            (4, Gen.String[Gen.OneOf(hostile), 0, 12]),
            (3, Gen.OneOf(meaningful)),
            (2, Gen.String[Gen.Char, 0, 20]),
            (1, Gen.Int[60, 12_000].Select(n => new string('长', n))),
            (1, Gen.OneOf(meaningful).Select(Gen.String[Gen.OneOf(hostile), 1, 3], (m, h) => m + h)));
    }

    /// <summary>A message of <paramref name="type"/>, each field set or not at random; nesting stops at depth 3.</summary>
    private static Gen<IMessage> Message(MessageDescriptor type, Gen<string> texts, int depth)
    {
        var setters = type.Fields.InDeclarationOrder()
            .Where(f => !f.IsMap && (f.FieldType != FieldType.Message || depth < 3))
            .Select(f => Gen.Frequency((2, Gen.Const<Action<IMessage>>(static _ => { })), (3, Setter(f, texts, depth))))
            .Aggregate(Gen.Const(new List<Action<IMessage>>()), (all, next) => all.Select(next, (list, setter) => { list.Add(setter); return list; }));
        return setters.Select(list =>
        {
            var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
            foreach (var set in list)
            {
                set(message);
            }

            return message;
        });
    }

    private static Gen<Action<IMessage>> Setter(FieldDescriptor field, Gen<string> texts, int depth)
    {
        var value = Value(field, texts, depth);
        if (!field.IsRepeated)
        {
            return value.Select<object, Action<IMessage>>(v => m => field.Accessor.SetValue(m, v));
        }

        return value.List[0, 4].Select<List<object>, Action<IMessage>>(values => m =>
        {
            var list = (System.Collections.IList)field.Accessor.GetValue(m);
            foreach (var v in values)
            {
                list.Add(v);
            }
        });
    }

    private static Gen<object> Value(FieldDescriptor field, Gen<string> texts, int depth) => field.FieldType switch
    {
        FieldType.String => texts.Select(s => (object)s),
        FieldType.Bytes => Gen.Frequency((1, Gen.Byte.Array[32]), (1, Gen.Byte.Array[0, 40])).Select(b => (object)ByteString.CopyFrom(b)),
        FieldType.Bool => Gen.Bool.Select(b => (object)b),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Gen.Frequency((3, Gen.Int[-2, 60]), (1, Gen.Int)).Select(i => (object)i),
        FieldType.UInt32 or FieldType.Fixed32 => Gen.UInt.Select(i => (object)i),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Gen.Frequency((3, Gen.Long[-2, 100_000]), (1, Gen.Long)).Select(i => (object)i),
        FieldType.UInt64 or FieldType.Fixed64 => Gen.ULong.Select(i => (object)i),
        FieldType.Double => Gen.Double.Select(d => (object)d),
        FieldType.Float => Gen.Float.Select(d => (object)d),
        // Any number: the proto's values, zero and some it does not define.
        FieldType.Enum => Gen.Int[-1, field.EnumType.Values.Count + 1].Select(i => (object)i),
        _ => Message(field.MessageType, texts, depth + 1).Select(m => (object)m),
    };

    /// <summary>A valid submission, or a valid act on a filed application, with one string field replaced.</summary>
    private static Gen<(MethodDescriptor Method, IMessage Request)> ValidWithOneTextReplaced(Gen<string> texts, string[] ids)
    {
        var submit = FilingService.Descriptor.FindMethodByName("SubmitApplication");
        var reject = CourtService.Descriptor.FindMethodByName("RejectApplication");
        var valid = Gen.Frequency(
            (2, Gen.Bool.Select(jc => (submit, (IMessage)(jc ? Requests.JudicialConfirmation(CourtFlow.NewCaseId("prop")) : Requests.MediationDocument(CourtFlow.NewCaseId("prop")))))),
            (1, Gen.OneOf(ids).Select(id => (reject, (IMessage)new RejectApplicationRequest
            {
                Act = new CourtActRequest { ApplicationId = id, RequestId = CourtFlow.NewRequestId("prop"), OfficerName = "王法官", Reason = "理由" },
                Ground = RejectionGround.OtherRejectionGround,
            }))));
        return valid.Select(Gen.Int[0, int.MaxValue], texts, (request, pick, text) =>
        {
            var leaves = StringLeaves(request.Item2).ToList();
            var (message, field, index) = leaves[pick % leaves.Count];
            if (index is { } i)
            {
                ((IList<string>)field.Accessor.GetValue(message))[i] = text;
            }
            else
            {
                field.Accessor.SetValue(message, text);
            }

            return request;
        });
    }

    private static IEnumerable<(IMessage Message, FieldDescriptor Field, int? Index)> StringLeaves(IMessage message)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.FieldType == FieldType.String)
            {
                if (!field.IsRepeated)
                {
                    yield return (message, field, null);
                }
                else
                {
                    for (var i = 0; i < ((IList<string>)field.Accessor.GetValue(message)).Count; i++)
                    {
                        yield return (message, field, i);
                    }
                }
            }
            else if (field.FieldType == FieldType.Message && !field.IsMap)
            {
                var children = field.IsRepeated
                    ? ((System.Collections.IList)field.Accessor.GetValue(message)).Cast<IMessage>()
                    : field.Accessor.GetValue(message) is IMessage child ? [child] : [];
                foreach (var leaf in children.SelectMany(StringLeaves))
                {
                    yield return leaf;
                }
            }
        }
    }
}
