using Autoencoders.Data;

namespace Autoencoders.Interchange.Tests;

/// <summary>
/// The images the exports are checked on: Fashion-MNIST's test images where Debian's dataset-fashion-mnist is installed
/// (the first 256 to compare, the next ones to train on), otherwise deterministic synthetic images in [0, 1].
/// </summary>
public static class ExportSamples
{
    public const int CompareCount = 256, Side = 28, Features = Side * Side;

    private static readonly Lazy<(Dataset Compare, Dataset Train, string Source)> Loaded = new(Load);

    /// <summary>The 256 samples whose outputs are compared.</summary>
    public static Dataset Compare => Loaded.Value.Compare;

    /// <summary>Samples for a short fit, none of them among <see cref="Compare"/>.</summary>
    public static Dataset Train => Loaded.Value.Train;

    /// <summary>Where the samples came from, for the test output.</summary>
    public static string Source => Loaded.Value.Source;

    private static (Dataset, Dataset, string) Load()
    {
        const int trainCount = 512;
        if (Directory.Exists(DatasetCatalog.DefaultFashionMnistFolder))
        {
            var test = DatasetCatalog.Load(DatasetCatalog.DefaultFashionMnistFolder).Test!;
            return (test.Slice(0, CompareCount), test.Slice(CompareCount, trainCount), $"Fashion-MNIST test images ({DatasetCatalog.DefaultFashionMnistFolder})");
        }
        return (Synthetic(CompareCount, seed: 1), Synthetic(trainCount, seed: 2), "synthetic images (Fashion-MNIST is not installed)");
    }

    // A bright blob at a random place over faint noise: inputs with structure, all in [0, 1].
    private static Dataset Synthetic(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var pixels = new float[count * Features];
        for (int i = 0; i < count; i++)
        {
            float centreRow = 4 + 20 * random.NextFloat(), centreColumn = 4 + 20 * random.NextFloat(), radius = 3 + 5 * random.NextFloat();
            for (int r = 0; r < Side; r++)
                for (int c = 0; c < Side; c++)
                {
                    float distance = MathF.Sqrt((r - centreRow) * (r - centreRow) + (c - centreColumn) * (c - centreColumn));
                    float blob = Math.Clamp(1.5f - distance / radius, 0f, 1f);
                    pixels[i * Features + r * Side + c] = Math.Clamp(blob + 0.1f * random.NextFloat(), 0f, 1f);
                }
        }
        return new Dataset(pixels, Features, sampleShape: [Side, Side]);
    }
}
