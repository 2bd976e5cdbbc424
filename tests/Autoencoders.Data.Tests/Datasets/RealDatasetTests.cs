namespace Autoencoders.Data.Tests;

/// <summary>Loads the real datasets installed on this machine; skipped where they are absent.</summary>
public sealed class RealDatasetTests
{
    private const string FashionMnistFolder = "/usr/share/datasets/fashion-mnist";
    private const string MnistTestFolderToken = TestFolders.SharedMnist;
    private static readonly string MnistTestFolder = TestFolders.Resolve(MnistTestFolderToken);

    [RequiresFolderFact(FashionMnistFolder)]
    public void FashionMnistHasSixtyThousandTrainingAndTenThousandTestImages()
    {
        DatasetSplit split = DatasetCatalog.Load("fashion-mnist", new DatasetLoadOptions { GetEnvironmentVariable = _ => null });

        Assert.Equal(60_000, split.Train.Count);
        Assert.Equal(10_000, split.Test!.Count);
        Assert.Equal(784, split.Train.FeatureCount);
        Assert.Equal([28, 28], split.Train.SampleShape!);
        Assert.Equal("Ankle boot", split.Train.ClassNames![9]);
        Assert.Contains("60,000 training and 10,000 test images", split.Description);
        foreach (Dataset part in new[] { split.Train, split.Test })
        {
            // Fashion-MNIST is balanced: every class appears equally often in each part.
            int[] perClass = part.Labels!.CountBy(label => label).OrderBy(pair => pair.Key).Select(pair => pair.Value).ToArray();
            Assert.Equal(Enumerable.Repeat(part.Count / 10, 10), perClass);
            Assert.Equal(0f, part.Features.Min());
            Assert.Equal(1f, part.Features.Max());
        }
    }

    [RequiresFolderFact(MnistTestFolderToken)]
    public void MnistTestFolderIsSplitEightThousandToTwoThousand()
    {
        DatasetSplit split = DatasetCatalog.Load(MnistTestFolder);

        Assert.Equal(8_000, split.Train.Count);
        Assert.Equal(2_000, split.Test!.Count);
        Assert.Equal(784, split.Test.FeatureCount);
        Assert.Contains("first 8,000 images for training, the last 2,000 for testing", split.Description);
        Assert.All(split.Train.Labels!.Concat(split.Test.Labels!), label => Assert.InRange(label, 0, 9));
        Assert.Equal(10, split.Train.Labels!.Distinct().Count());

        // The test part is exactly images 8000–9999 of the file, scaled by 1/255.
        IdxArray images = IdxReader.ReadImages(Path.Combine(MnistTestFolder, "t10k-images-idx3-ubyte.gz"));
        float[] expectedFirstTestImage = images.Data.AsSpan(8_000 * 784, 784).ToArray().Select(pixel => pixel / 255f).ToArray();
        Assert.Equal(expectedFirstTestImage, split.Test.Row(0).ToArray());
    }

    [Fact]
    public void MissingFashionMnistExplainsHowToInstallIt()
    {
        using var folder = new TemporaryFolder();
        string missing = Path.Combine(folder.Path, "nowhere");
        var options = new DatasetLoadOptions { GetEnvironmentVariable = name => name == "AE_FASHION_MNIST_DIR" ? missing : null };

        var exception = Assert.Throws<DirectoryNotFoundException>(() => DatasetCatalog.Load("fashion-mnist", options));

        Assert.StartsWith(missing, exception.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", exception.Message);
        Assert.Contains("--data FOLDER", exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void FashionMnistFolderCanBeOverriddenByEnvironment()
    {
        using var folder = new TemporaryFolder();
        IdxFolders.WritePair(folder.Path, "train", 12);
        IdxFolders.WritePair(folder.Path, "t10k", 5);
        var options = new DatasetLoadOptions { GetEnvironmentVariable = name => name == "AE_FASHION_MNIST_DIR" ? folder.Path : null };

        DatasetSplit split = DatasetCatalog.Load("Fashion-MNIST", options);

        Assert.Equal(12, split.Train.Count);
        Assert.Equal(5, split.Test!.Count);
        Assert.Equal(DatasetCatalog.FashionMnistClassNames, split.Train.ClassNames);
    }
}
