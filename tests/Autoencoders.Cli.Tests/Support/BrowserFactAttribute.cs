namespace Autoencoders.Cli.Tests;

/// <summary>A fact that opens pages in chromium: skipped only when <see cref="Browser.SkipVariable"/> is 1.</summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Browser.SkipReason;
}
