using System.CommandLine;
using Exchange.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Exchange.Cli;

/// <summary>correct, supplement, record-service and record-signature: the platform's answers to the court (platform key).</summary>
internal static class AnswerCommands
{
    public static void AddTo(RootCommand root, GlobalOptions globals, CliContext context)
    {
        root.Add(Supplement(
            globals, context, "correct", "Answer the court's correction notice (补正): CORRECTION_REQUESTED → RECEIVED",
            (client, id, requestId, supplement, ct) => client.Filing.SubmitCorrectionAsync(
                new SubmitCorrectionRequest { ApplicationId = id, RequestId = requestId, Supplement = supplement }, cancellationToken: ct)));
        root.Add(Supplement(
            globals, context, "supplement", "Answer the judge's supplement order: SUPPLEMENT_REQUESTED → UNDER_REVIEW",
            (client, id, requestId, supplement, ct) => client.Filing.SubmitSupplementAsync(
                new SubmitSupplementRequest { ApplicationId = id, RequestId = requestId, Supplement = supplement }, cancellationToken: ct)));
        root.Add(RecordService(globals, context));
        root.Add(RecordSignature(globals, context));
    }

    private static Command Supplement(
        GlobalOptions globals,
        CliContext context,
        string name,
        string description,
        Func<ExchangeClient, string, string, V1.Supplement, CancellationToken, Task<Application>> send)
    {
        var id = new Argument<string>("application-id") { Description = "The id on the receipt" };
        var statement = new Option<string>("--statement") { Description = "What is supplied and how it answers the court (1–5,000 characters)", HelpName = "text" };
        var file = new Option<string>("--file")
        {
            Description = "A Supplement in proto3 JSON ({\"statement\": …, \"attachments\": [ … ]}); --statement replaces its statement",
            HelpName = "json",
        };
        var requestId = CliOptions.RequestId(ActRunner.RequestIdHelp);
        var command = new Command(name, description + " (platform key)") { id, statement, file, requestId };
        command.Validators.Add(result =>
        {
            if (result.GetValue(statement) is null && result.GetValue(file) is null)
            {
                result.AddError("give --statement, --file or both");
            }
        });
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, () =>
        {
            var supplement = parseResult.GetValue(file) is { } path ? ProtoJson.ParseFile<V1.Supplement>(path) : new V1.Supplement();
            if (parseResult.GetValue(statement) is { } text)
            {
                supplement.Statement = text;
            }

            var key = parseResult.GetValue(requestId) ?? ActRunner.NewRequestId();
            return ActRunner.RunAsync(globals, context, parseResult, key,
                client => send(client, parseResult.GetRequiredValue(id), key, supplement, ct));
        }));
        return command;
    }

    private static Command RecordService(GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string>("application-id") { Description = "The id on the receipt" };
        var servedTime = CliOptions.Time("--served-time", "When the ruling reached the parties' electronic service addresses");
        servedTime.Required = true;
        var record = CliOptions.Sha256("--record-sha256", "SHA-256 of the service record (送达回证)");
        record.Required = true;
        var requestId = CliOptions.RequestId(ActRunner.RequestIdHelp);
        var command = new Command(
            "record-service",
            "Report the electronic service record of a ruling (电子送达): the ruling's status → SERVED; judicial confirmation only (platform key)")
        {
            id, servedTime, record, requestId,
        };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, () =>
        {
            var request = new RecordServiceRequest
            {
                ApplicationId = parseResult.GetRequiredValue(id),
                RequestId = parseResult.GetValue(requestId) ?? ActRunner.NewRequestId(),
                ServedTime = parseResult.GetRequiredValue(servedTime),
                RecordSha256 = parseResult.GetValue(record) ?? ByteString.Empty,
            };
            return ActRunner.RunAsync(globals, context, parseResult, request.RequestId,
                client => client.Filing.RecordServiceAsync(request, cancellationToken: ct));
        }));
        return command;
    }

    private static Command RecordSignature(GlobalOptions globals, CliContext context)
    {
        var id = new Argument<string>("application-id") { Description = "The id on the receipt" };
        var partyIndex = new Option<int>("--party-index") { Description = "The party who signed: its index in the application's parties, from 0", HelpName = "n", Required = true };
        partyIndex.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--party-index cannot be negative");
            }
        });
        var signedTime = CliOptions.Time("--signed-time", "When the party signed for the mediation document");
        signedTime.Required = true;
        var requestId = CliOptions.RequestId(ActRunner.RequestIdHelp);
        var command = new Command(
            "record-signature",
            "Report that a party signed for the mediation document (签收); the last signature makes it EFFECTIVE (platform key)")
        {
            id, partyIndex, signedTime, requestId,
        };
        command.SetAction((parseResult, ct) => ExchangeCli.GuardAsync(context, () =>
        {
            var request = new RecordSignatureRequest
            {
                ApplicationId = parseResult.GetRequiredValue(id),
                RequestId = parseResult.GetValue(requestId) ?? ActRunner.NewRequestId(),
                PartyIndex = parseResult.GetValue(partyIndex),
                SignedTime = parseResult.GetRequiredValue(signedTime) ?? new Timestamp(),
            };
            return ActRunner.RunAsync(globals, context, parseResult, request.RequestId,
                client => client.Filing.RecordSignatureAsync(request, cancellationToken: ct));
        }));
        return command;
    }
}
