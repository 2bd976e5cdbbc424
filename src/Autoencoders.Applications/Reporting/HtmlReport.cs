using System.Buffers.Binary;
using System.Net;
using System.Text;
using Autoencoders.Data;

namespace Autoencoders.Applications.Reporting;

/// <summary>
/// A self-contained HTML page built block by block: a title, sections (h2) with subheadings (h3), paragraphs,
/// preformatted text, tables and PNG figures embedded as <c>data:</c> URIs. Every text is HTML-escaped; the style
/// is inline and nothing is fetched, so the one file opens anywhere. The same blocks give the same bytes.
/// </summary>
public sealed class HtmlReport
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly StringBuilder body = new();
    private readonly List<string> sections = [];
    private readonly List<string> pendingFigures = []; // consecutive figures share one row of the page

    public HtmlReport(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
    }

    public string Title { get; }

    /// <summary>The figures added so far: the number of <c>img</c> elements on the page.</summary>
    public int FigureCount { get; private set; }

    /// <summary>Starts a section (h2); the blocks that follow belong to it. Two or more sections get a contents list.</summary>
    public HtmlReport AddSection(string heading)
    {
        FlushFigures();
        CloseSection();
        sections.Add(heading);
        body.Append($"<section id=\"{SectionId(sections.Count)}\">\n<h2>{Escape(heading)}</h2>\n");
        return this;
    }

    public HtmlReport AddSubheading(string heading) => Append($"<h3>{Escape(heading)}</h3>");

    public HtmlReport AddParagraph(string text) => Append($"<p>{Escape(text)}</p>");

    /// <summary>Text shown as is, in a monospace font (a model summary, a log).</summary>
    public HtmlReport AddPreformatted(string text) => Append($"<pre>{Escape(text.TrimEnd())}</pre>");

    /// <summary>A table with one header row; every row must have as many cells as the header.</summary>
    public HtmlReport AddTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var table = new StringBuilder("<table>\n<thead><tr>");
        foreach (string cell in header) table.Append($"<th>{Escape(cell)}</th>");
        table.Append("</tr></thead>\n<tbody>\n");
        int index = 0;
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
                throw new ArgumentException($"table row {index}: expected {header.Count} cells (one per header), received {row.Count}", nameof(rows));
            table.Append("<tr>");
            foreach (string cell in row) table.Append($"<td>{Escape(cell)}</td>");
            table.Append("</tr>\n");
            index++;
        }
        return Append(table.Append("</tbody>\n</table>").ToString());
    }

    /// <summary>A PNG image embedded in the page, with its text alternative and an optional caption below it.
    /// Figures added one after another share a grid row (two or more columns when the window is wide enough).</summary>
    public HtmlReport AddFigure(byte[] png, string altText, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(png);
        ArgumentException.ThrowIfNullOrWhiteSpace(altText);
        var (width, height) = PngSize(png);
        var figure = new StringBuilder("<figure>")
            .Append($"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" alt=\"{Escape(altText)}\" width=\"{width}\" height=\"{height}\">");
        if (caption is not null) figure.Append($"<figcaption>{Escape(caption)}</figcaption>");
        FigureCount++;
        pendingFigures.Add(figure.Append("</figure>").ToString());
        return this;
    }

    /// <summary>The whole page: doctype, head with the inline style, the title as h1, contents, the blocks.</summary>
    public string ToHtml()
    {
        FlushFigures();
        var page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{Escape(Title)}</title>\n")
            .Append("<link rel=\"icon\" href=\"data:,\">\n") // else browsers ask for /favicon.ico: a failed load
            .Append($"<style>\n{ReportStyle.Css}</style>\n</head>\n<body>\n<h1>{Escape(Title)}</h1>\n");
        if (sections.Count >= 2)
        {
            page.Append("<nav><ol>");
            for (int i = 0; i < sections.Count; i++)
                page.Append($"<li><a href=\"#{SectionId(i + 1)}\">{Escape(sections[i])}</a></li>");
            page.Append("</ol></nav>\n");
        }
        page.Append(body);
        if (sections.Count > 0) page.Append("</section>\n");
        return page.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>Writes the page as UTF-8 (no byte-order mark), atomically: readers see the old page or the whole new one.</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(ToHtml()));

    /// <summary>Text made safe inside elements and quoted attributes: &amp;, &lt;, &gt;, quotes.</summary>
    private static string Escape(string text) => WebUtility.HtmlEncode(text ?? throw new ArgumentNullException(nameof(text)));

    private HtmlReport Append(string html)
    {
        FlushFigures();
        body.Append(html).Append('\n');
        return this;
    }

    private void FlushFigures()
    {
        if (pendingFigures.Count == 0) return;
        if (pendingFigures.Count == 1) body.Append(pendingFigures[0]).Append('\n');
        else body.Append("<div class=\"figures\">\n").AppendJoin('\n', pendingFigures).Append("\n</div>\n");
        pendingFigures.Clear();
    }

    private void CloseSection()
    {
        if (sections.Count > 0) body.Append("</section>\n");
    }

    private static string SectionId(int number) => $"section-{number}";

    // The IHDR chunk follows the signature: length (4), "IHDR" (4), width (4), height (4), all big-endian.
    private static (int Width, int Height) PngSize(byte[] png)
    {
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(PngSignature) || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            throw new ArgumentException($"expected PNG bytes (signature, then IHDR), received {png.Length} bytes that are not a PNG", nameof(png));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
