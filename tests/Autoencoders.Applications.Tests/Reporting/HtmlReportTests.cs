using System.IO.Compression;
using System.Text.RegularExpressions;
using Autoencoders.Applications.Reporting;
using Autoencoders.Data.Tests;

namespace Autoencoders.Applications.Tests.Reporting;

/// <summary>The report page: escaped text, images embedded byte for byte, tables, nothing fetched from elsewhere.</summary>
public sealed class HtmlReportTests
{
    // A 3×2 RGB PNG (written by zlib in Python): red, green, blue on both rows.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8DAAMFwFgA72AX73hA3ZQAAAABJRU5ErkJggg==");

    private const string Hostile = "<script>alert(\"x\")</script> & 'quoted' <img src=x>";

    [Fact]
    public void EveryTextIsEscaped()
    {
        string html = new HtmlReport(Hostile)
            .AddSection(Hostile).AddSubheading(Hostile).AddParagraph(Hostile).AddPreformatted(Hostile)
            .AddTable([Hostile], [[Hostile]])
            .AddFigure(Png, Hostile, Hostile)
            .ToHtml();

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("'quoted'", html);
        // Title, h1, h2, h3, p, pre, th, td, alt, figcaption: ten escaped copies.
        Assert.Equal(10, Regex.Matches(html, Regex.Escape("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &lt;img src=x&gt;")).Count);
    }

    [Fact]
    public void FiguresAreEmbeddedByteForByteWithTheirSize()
    {
        var report = new HtmlReport("figures").AddFigure(Png, "three pixels", "a caption").AddFigure(Png, "again");
        string html = report.ToHtml();

        var images = Regex.Matches(html, "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" alt=\"([^\"]*)\" width=\"(\\d+)\" height=\"(\\d+)\">");
        Assert.Equal(2, images.Count);
        Assert.Equal(2, report.FigureCount);
        foreach (Match image in images)
        {
            byte[] embedded = Convert.FromBase64String(image.Groups[1].Value);
            Assert.Equal(Png, embedded);
            Assert.Equal(["3", "2"], [image.Groups[3].Value, image.Groups[4].Value]);
            Assert.Equal([255, 0, 0, 0, 255, 0, 0, 0, 255], FirstRowPixels(embedded));
        }
        Assert.Equal(["three pixels", "again"], images.Select(m => m.Groups[2].Value));
        Assert.Contains("<figcaption>a caption</figcaption>", html);
        Assert.Single(Regex.Matches(html, "<figcaption>"));
    }

    [Fact]
    public void ConsecutiveFiguresShareOneRowAndALoneFigureStandsAlone()
    {
        string html = new HtmlReport("rows").AddFigure(Png, "a").AddFigure(Png, "b").AddParagraph("between").AddFigure(Png, "c").ToHtml();

        var row = Regex.Match(html, "<div class=\"figures\">\n(.*?)\n</div>", RegexOptions.Singleline);
        Assert.True(row.Success, html);
        Assert.Equal(["a", "b"], Regex.Matches(row.Groups[1].Value, "alt=\"(\\w)\"").Select(m => m.Groups[1].Value));
        Assert.Single(Regex.Matches(html, "class=\"figures\""));
        Assert.Matches("<p>between</p>\n<figure><img [^>]*alt=\"c\"", html);
    }

    [Fact]
    public void BytesThatAreNotAPngAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new HtmlReport("x").AddFigure("GIF89a, not a PNG at all"u8.ToArray(), "gif"));
        Assert.Contains("expected PNG bytes", error.Message);
        Assert.Throws<ArgumentException>(() => new HtmlReport("x").AddFigure(Png[..20], "truncated"));
    }

    [Fact]
    public void TablesHaveOneHeaderAndTheirRowsInOrder()
    {
        string html = new HtmlReport("tables").AddTable(["codec", "test MSE"], [["deep", "0.0273"], ["pca", "0.0310"]]).ToHtml();

        Assert.Contains("<thead><tr><th>codec</th><th>test MSE</th></tr></thead>", html);
        Assert.Equal(["<tr><td>deep</td><td>0.0273</td></tr>", "<tr><td>pca</td><td>0.0310</td></tr>"],
            Regex.Matches(html, "<tr><td>.*?</tr>").Select(m => m.Value));
    }

    [Fact]
    public void ARowWithTheWrongNumberOfCellsIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new HtmlReport("x").AddTable(["a", "b"], [["1", "2"], ["3"]]));
        Assert.Contains("table row 1: expected 2 cells (one per header), received 1", error.Message);
    }

    [Fact]
    public void SectionsAreClosedAndListedInTheContents()
    {
        string html = new HtmlReport("two models").AddParagraph("data").AddSection("dense").AddParagraph("a").AddSection("deep").AddParagraph("b").ToHtml();

        Assert.Equal(2, Regex.Matches(html, "<section id=\"section-\\d\">").Count);
        Assert.Equal(2, Regex.Matches(html, "</section>").Count);
        Assert.Contains("<nav><ol><li><a href=\"#section-1\">dense</a></li><li><a href=\"#section-2\">deep</a></li></ol></nav>", html);
        Assert.True(html.IndexOf("<p>data</p>", StringComparison.Ordinal) < html.IndexOf("<section", StringComparison.Ordinal));
        Assert.EndsWith("</section>\n</body>\n</html>\n", html);
    }

    [Fact]
    public void ThePageFetchesNothingAndRunsNoScript()
    {
        string html = new HtmlReport("self-contained").AddSection("s").AddFigure(Png, "png").ToHtml();

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotMatch("(src|href)=\"(?!data:|#)", html);
        Assert.DoesNotContain("url(", html);
        Assert.Contains("<style>", html);
    }

    [Fact]
    public void SaveWritesThePageAtomicallyAsUtf8()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("report.html");
        var report = new HtmlReport("Modèle × 2").AddPreformatted("─═ box drawing").AddFigure(Png, "png");

        report.Save(path);

        byte[] written = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, written[0]); // no byte-order mark
        Assert.Equal(report.ToHtml(), System.Text.Encoding.UTF8.GetString(written));
        Assert.Contains("─═ box drawing", System.Text.Encoding.UTF8.GetString(written));
        Assert.Equal(["report.html"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    // The one IDAT of this PNG is a zlib stream of filter-0 rows: skip the 2-byte zlib header, inflate, drop the filter byte.
    private static int[] FirstRowPixels(byte[] png)
    {
        int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT"u8.ToArray(), png[37..41]);
        using var inflated = new ZLibStream(new MemoryStream(png, 41, length), CompressionMode.Decompress);
        var rows = new MemoryStream();
        inflated.CopyTo(rows);
        byte[] raw = rows.ToArray();
        Assert.Equal(0, raw[0]);
        return [.. raw[1..10].Select(b => (int)b)];
    }
}
