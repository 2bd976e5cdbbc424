namespace Autoencoders.Applications.Reporting;

/// <summary>The inline style sheet of <see cref="HtmlReport"/>: system fonts, readable line lengths, consecutive figures in a
/// grid of columns at least 560 pixels wide (side by side in a wide window, stacked in a narrow one), shrunk to fit.</summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { color-scheme: light; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1f2328;
               background: #fff; max-width: 1680px; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
        h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
        h2 { font-size: 1.4rem; margin: 2.5rem 0 .5rem; padding-bottom: .3rem; border-bottom: 1px solid #d0d7de; }
        h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
        p { max-width: 80ch; margin: .5rem 0; }
        nav ol { margin: .5rem 0; padding-left: 1.5rem; }
        a { color: #0969da; }
        pre { font: 13px/1.4 "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #f6f8fa; border: 1px solid #d0d7de;
              border-radius: 6px; padding: .75rem 1rem; overflow-x: auto; width: fit-content; max-width: 100%; box-sizing: border-box; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #d0d7de; padding: .3rem .75rem; }
        th { background: #f6f8fa; text-align: left; }
        td:not(:first-child) { text-align: right; }
        figure { width: fit-content; max-width: 100%; margin: .5rem 0 1rem; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 560px), 1fr)); gap: 1rem 1.5rem; margin: .5rem 0 1rem; }
        .figures figure { margin: 0; }
        figure img { display: block; max-width: 100%; height: auto; border: 1px solid #d0d7de; box-sizing: border-box; }
        figcaption { font-size: .9rem; color: #57606a; margin-top: .3rem; max-width: 80ch; }

        """;
}
