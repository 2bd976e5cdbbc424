using Autoencoders.Data;

namespace Autoencoders.Cli.Tests;

/// <summary>A fact that opens pages in chromium: skipped only when <see cref="Browser.SkipVariable"/> is 1 — or, with
/// <see cref="NeedsFashionMnist"/>, where Debian's dataset-fashion-mnist is not installed.</summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Browser.SkipReason;

    public bool NeedsFashionMnist
    {
        get => false;
        set
        {
            if (value && Skip is null && !Directory.Exists(DatasetCatalog.DefaultFashionMnistFolder))
                Skip = $"{DatasetCatalog.DefaultFashionMnistFolder} is not installed (apt-get install dataset-fashion-mnist)";
        }
    }
}
