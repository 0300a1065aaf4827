using System.Diagnostics;
using System.Diagnostics.Metrics;
using Exchange.Abstractions.Telemetry;
using Exchange.Domain;
using Exchange.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Exchange.Silo.Documents;

/// <summary>
/// Sets a document's text (<see cref="IssuedDocuments.Compose"/>) on A4 pages with PDFsharp, in the
/// CJK font of <c>Exchange:DocumentFontFile</c>, and returns the PDF's bytes. Chinese has no spaces
/// to break at, so lines are broken by measured width between any two characters (PDFsharp's text
/// formatter breaks at spaces only), never before closing punctuation nor after opening punctuation.
/// </summary>
public sealed partial class DocumentRenderer
{
    private const double PageWidth = 595.28; // A4, points
    private const double PageHeight = 841.89;
    private const double Margin = 72;
    private const double BodySize = 12;
    private const double LineHeight = 1.8;
    private const string NoLineStart = "，。、；：？！）》」』”’％";
    private const string NoLineEnd = "（《「『“‘";

    private static readonly Lock FontLock = new();

    private readonly ILogger<DocumentRenderer> logger;

    /// <summary>
    /// As many renderings at once as there are cores: a court's batch of hundreds would otherwise
    /// put hundreds of CPU-bound renderings in the thread pool's queue ahead of every other call
    /// (seen rendered in the grain's turn: Orleans warned of turns over 1 s 689 times in one run).
    /// </summary>
    private readonly SemaphoreSlim gate = new(Environment.ProcessorCount);
    private readonly Histogram<double>? duration;
    private int waiting;

    public DocumentRenderer(IOptions<SiloSettings> settings, ILogger<DocumentRenderer> logger, IMeterFactory? meters = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.logger = logger;
        if (meters is not null)
        {
            var meter = meters.Create(ExchangeTelemetry.MeterName);
            duration = meter.CreateHistogram<double>("exchange.documents.render_duration", "s",
                "Time to render one issued document (a PDF) on one thread, without the wait for a slot", tags: null, advice: DurationBuckets.Seconds);
            meter.CreateObservableGauge("exchange.documents.render_waiting", () => Volatile.Read(ref waiting), "{document}",
                "Documents waiting for a rendering slot (one per core)");
        }
        var path = settings.Value.DocumentFontFile;
        lock (FontLock)
        {
            // PDFsharp has one resolver per process (several silos of a test cluster share it), and
            // it must not change once a font was used.
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new DocumentFontResolver(TrueTypeFontFile.Load(path));
            }
        }
    }

    /// <summary>
    /// The PDF of <paramref name="text"/>, rendered on the thread pool once one of the slots is free;
    /// a grain awaits it without holding a thread.
    /// </summary>
    public async Task<byte[]> RenderAsync(DocumentText text)
    {
        Interlocked.Increment(ref waiting);
        await gate.WaitAsync().ConfigureAwait(false);
        Interlocked.Decrement(ref waiting);
        try
        {
            return await Task.Run(() => Render(text)).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The PDF of <paramref name="text"/>, rendered on the caller's thread.</summary>
    public byte[] Render(DocumentText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var started = Stopwatch.GetTimestamp();
        using var document = new PdfDocument();
        document.Info.Title = text.Title;
        document.Info.Creator = "Exchange";
        // Most of a document's cost is deflating its font subset: PDFsharp keeps the font's glyph
        // numbering, so the subset carries loca and hmtx for all 49,531 glyphs of wqy-microhei
        // (413 KB before deflate). The fastest level takes half the time of the default for 87 KB
        // instead of 56 KB a document (docs/BENCHMARKS.md, "Issued documents").
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var writer = new PageWriter(document);
        foreach (var line in text.Lines)
        {
            writer.Write(line);
        }

        writer.Dispose();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        var bytes = output.ToArray();
        var elapsed = Stopwatch.GetElapsedTime(started);
        duration?.Record(elapsed.TotalSeconds);
        LogRendered(logger, text.Kind, bytes.Length, elapsed.TotalMilliseconds);
        return bytes;
    }

    /// <summary>Writes lines down the pages, starting a new page when one is full.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private static readonly XPdfFontOptions Embedded = new(PdfFontEncoding.Unicode);
        private readonly XFont body = new(DocumentFontResolver.Family, BodySize, XFontStyleEx.Regular, Embedded);
        private readonly XFont court = new(DocumentFontResolver.Family, 16, XFontStyleEx.Bold, Embedded);
        private readonly XFont title = new(DocumentFontResolver.Family, 24, XFontStyleEx.Bold, Embedded);
        private readonly Dictionary<char, double> widths = [];
        private XGraphics? graphics;
        private double y;

        public void Write(DocumentLine line)
        {
            switch (line.Style)
            {
                case LineStyle.Court:
                    Centred(line.Text, court, 1.6, 0);
                    break;
                case LineStyle.Title:
                    Centred(line.Text, title, 2.0, 12);
                    break;
                case LineStyle.CaseNumber:
                    if (line.Text.Length > 0)
                    {
                        Aligned(line.Text, body, XStringFormats.TopRight);
                    }

                    y += BodySize;
                    break;
                case LineStyle.Signature:
                    Aligned(line.Text, body, XStringFormats.TopRight);
                    break;
                default:
                    Paragraph(line.Text);
                    break;
            }
        }

        public void Dispose() => graphics?.Dispose();

        private XGraphics Room(double height)
        {
            if (graphics is null || y + height > PageHeight - Margin)
            {
                graphics?.Dispose();
                var page = document.AddPage();
                page.Width = XUnit.FromPoint(PageWidth);
                page.Height = XUnit.FromPoint(PageHeight);
                graphics = XGraphics.FromPdfPage(page);
                y = Margin;
            }

            return graphics;
        }

        private void Centred(string text, XFont font, double lineHeight, double letterSpacing)
        {
            var g = Room(font.Size * lineHeight);
            // Letter by letter, so a title can be spaced out as courts print it (民 事 裁 定 书).
            var width = text.Sum(c => g.MeasureString(c.ToString(), font).Width) + (letterSpacing * (text.Length - 1));
            var x = (PageWidth - width) / 2;
            foreach (var c in text)
            {
                var s = c.ToString();
                g.DrawString(s, font, XBrushes.Black, x, y, XStringFormats.TopLeft);
                x += g.MeasureString(s, font).Width + letterSpacing;
            }

            y += font.Size * lineHeight;
        }

        private void Aligned(string text, XFont font, XStringFormat format)
        {
            var g = Room(font.Size * LineHeight);
            g.DrawString(text, font, XBrushes.Black, new XRect(Margin, y, PageWidth - (2 * Margin), font.Size), format);
            y += font.Size * LineHeight;
        }

        private void Paragraph(string text)
        {
            var width = PageWidth - (2 * Margin);
            var indent = 2 * BodySize;
            var start = 0;
            while (start < text.Length)
            {
                var available = width - indent;
                var end = start;
                double used = 0;
                while (end < text.Length && (used + Width(text[end]) <= available || NoLineStart.Contains(text[end], StringComparison.Ordinal)))
                {
                    used += Width(text[end]);
                    end++;
                }

                if (end < text.Length && end - 1 > start && NoLineEnd.Contains(text[end - 1], StringComparison.Ordinal))
                {
                    // An opening bracket goes to the next line with what it opens.
                    end--;
                }

                end = Math.Max(end, start + 1);
                var g = Room(BodySize * LineHeight);
                g.DrawString(text[start..end], body, XBrushes.Black, Margin + indent, y, XStringFormats.TopLeft);
                y += BodySize * LineHeight;
                start = end;
                indent = 0;
            }
        }

        private double Width(char c)
        {
            if (!widths.TryGetValue(c, out var width))
            {
                width = Room(0).MeasureString(c.ToString(), body).Width;
                widths[c] = width;
            }

            return width;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rendered a {Kind}: {Bytes} bytes in {Milliseconds:F1} ms")]
    private static partial void LogRendered(ILogger logger, DocumentKind kind, int bytes, double milliseconds);
}
