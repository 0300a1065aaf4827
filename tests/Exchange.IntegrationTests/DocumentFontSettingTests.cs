using Exchange.IntegrationTests.Infrastructure;

namespace Exchange.IntegrationTests;

/// <summary>
/// Issued documents are set in one font or not made: a silo whose Exchange:DocumentFontFile is
/// missing, or a font PDFsharp cannot embed, stops at start naming the setting (never boxes later).
/// </summary>
public sealed class DocumentFontSettingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Nothing listens there: the settings are checked before the database is opened.
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Username=postgres;Database=none";

    private static Task<InvalidOperationException> StartWithFontAsync(string path) =>
        Assert.ThrowsAsync<InvalidOperationException>(() => HubProcess.StartAsync(
            "Exchange.Silo",
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Exchange"] = NoDatabase,
                ["Exchange__DocumentFontFile"] = path,
            },
            "Exchange silo ready",
            Timeout));

    [Fact]
    public async Task ASilo_WhoseDocumentFontIsMissing_DoesNotStart_AndNamesTheSettingAndThePackage()
    {
        var missing = Path.Combine(Path.GetTempPath(), "exchange-no-such-font-" + Guid.NewGuid().ToString("N") + ".ttc");
        var ex = await StartWithFontAsync(missing);

        Assert.Contains($"Exchange:DocumentFontFile is '{missing}', which does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-wqy-microhei", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exited with 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASilo_WhoseDocumentFontHasPostScriptOutlines_DoesNotStart_AndSaysWhy()
    {
        // The first bytes of an OpenType font with CFF outlines (as fonts-noto-cjk's files are).
        var cff = Path.Combine(Path.GetTempPath(), "exchange-cff-font-" + Guid.NewGuid().ToString("N") + ".otf");
        await File.WriteAllBytesAsync(cff, [(byte)'O', (byte)'T', (byte)'T', (byte)'O', 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        try
        {
            var ex = await StartWithFontAsync(cff);

            Assert.Contains("Exchange:DocumentFontFile: ", ex.Message, StringComparison.Ordinal);
            Assert.Contains("PostScript (CFF) outlines", ex.Message, StringComparison.Ordinal);
            Assert.Contains("exited with 2", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(cff);
        }
    }
}
