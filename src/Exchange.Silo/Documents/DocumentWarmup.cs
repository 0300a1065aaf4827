using Exchange.Domain;
using Microsoft.Extensions.Hosting;

namespace Exchange.Silo.Documents;

/// <summary>
/// Renders one document when the silo starts: the font is read and parsed then (about 0.2 s, once
/// per process) rather than in the first court act that issues a document, and a font that cannot
/// be set fails the start instead of an act.
/// </summary>
public sealed class DocumentWarmup(DocumentRenderer renderer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        renderer.Render(new DocumentText(DocumentKind.ConfirmationRuling, "民事裁定书",
            [new DocumentLine("人民法院", LineStyle.Court), new DocumentLine("民事裁定书", LineStyle.Title), new DocumentLine("（2026）新0102民特1号", LineStyle.CaseNumber)]));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
