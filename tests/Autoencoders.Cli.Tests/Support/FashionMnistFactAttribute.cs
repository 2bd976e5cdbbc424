using Autoencoders.Data;

namespace Autoencoders.Cli.Tests;

/// <summary>A fact that is skipped, with a reason, where Debian's dataset-fashion-mnist is not installed.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!Directory.Exists(DatasetCatalog.DefaultFashionMnistFolder))
            Skip = $"{DatasetCatalog.DefaultFashionMnistFolder} is not installed (apt-get install dataset-fashion-mnist)";
    }
}
