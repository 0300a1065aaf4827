using BenchmarkDotNet.Attributes;
using Exchange.Abstractions;
using Exchange.Gateway.Mapping;
using Exchange.LoadTests.Generators;
using D = Exchange.Domain;
using V1 = Exchange.V1;

namespace Exchange.MicroBenchmarks;

/// <summary>
/// The per-submission CPU work outside storage (issue 12, item 4): the gateway's mapping of a
/// SubmitApplicationRequest to a draft, the canonical payload's SHA-256 the grain takes of it, the
/// receipt mapped back to the wire, and GetApplication's view mapped to the wire. The request is
/// the load test's own (<see cref="ApplicationGenerator"/>, attachments as metadata): a judicial
/// confirmation between two parties, fixed by its seed so every run maps the same bytes.
/// </summary>
[MemoryDiagnoser]
public class SubmissionBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    private V1.SubmitApplicationRequest request = null!;
    private D.ApplicationDraft draft = null!;
    private Receipt receipt = null!;
    private ApplicationView view = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The first seed whose judicial confirmation has two parties (the generator's usual case).
        var generator = new ApplicationGenerator();
        var court = SampleCourts.Accepting(mediationDocument: false)[0];
        for (var seed = 1; ; seed++)
        {
            request = generator.Create(false, court, $"bench-{seed:D6}", new Random(seed), Now);
            if (request.JudicialConfirmation.Applicants.Count == 2)
            {
                break;
            }
        }

        var violations = new List<D.FieldViolation>();
        draft = ApplicationMapper.ToDraft(request, violations);
        if (violations.Count > 0)
        {
            throw new InvalidOperationException("the generated request does not map: " + violations[0].Description);
        }

        receipt = new Receipt(Guid.CreateVersion7(Now).ToString(), D.ApplicationStatus.Received, Now, draft.CourtCode,
            "乌鲁木齐市天山区人民法院", draft.Type, draft.PlatformCaseId, D.CanonicalPayload.Sha256Hex(draft), [])
        {
            ChainHeadSha256 = new string('a', 64),
        };
        view = new ApplicationView(receipt, "platform-001", D.ApplicationStatus.Received, Now, 1, null, draft)
        {
            Deadlines = [new DeadlineView(new D.RunningDeadline(D.DeadlineKind.AcceptanceDecision, new DateOnly(2026, 12, 4), Now.AddDays(3), false), null)],
            ChainHeadSha256 = new string('a', 64),
        };
        Console.WriteLine($"// request {request.CalculateSize()} bytes, canonical payload {System.Text.Encoding.UTF8.GetByteCount(D.CanonicalPayload.ToCanonicalJson(draft))} bytes");
    }

    [Benchmark]
    public string CanonicalSha256() => D.CanonicalPayload.Sha256Hex(draft);

    [Benchmark]
    public D.ApplicationDraft RequestToDraft() => ApplicationMapper.ToDraft(request, new List<D.FieldViolation>());

    [Benchmark]
    public V1.Receipt ReceiptToProto() => ApplicationMapper.ToProto(receipt);

    [Benchmark]
    public V1.Application ViewToProto() => ApplicationMapper.ToProto(view);
}
