using Exchange.Cli;
using Exchange.V1;

namespace Exchange.Client.Tests;

internal static class Samples
{
    public const string JudicialConfirmation = "judicial-confirmation.json";
    public const string MediationDocument = "mediation-document.json";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public static SubmitApplicationRequest Load(string name) => ProtoJson.ParseFile<SubmitApplicationRequest>(PathOf(name));
}
