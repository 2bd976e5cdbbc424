namespace Autoencoders.Data.Tests;

public sealed class IdxFolderTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(true, "-")]
    [InlineData(false, "-")]
    [InlineData(true, ".")]
    public void FolderWithFourFilesGivesTrainAndTest(bool compress, string separator)
    {
        IdxFolders.WritePair(folder.Path, "train", 7, compress, separator);
        IdxFolders.WritePair(folder.Path, "t10k", 3, compress, separator);

        DatasetSplit split = DatasetCatalog.Load(folder.Path);

        Assert.Equal(7, split.Train.Count);
        Assert.Equal(3, split.Test!.Count);
        Assert.Equal(6, split.Train.FeatureCount);
        Assert.Equal([2, 3], split.Train.SampleShape!);
        Assert.Equal(Enumerable.Repeat(5 / 255f, 6), split.Train.Row(5).ToArray());
        Assert.Equal([0, 1, 2], split.Test.Labels!);
        Assert.Null(split.Train.ClassNames);
    }

    [Fact]
    public void FolderWithOnlyTestFilesIsSplitEightyTwenty()
    {
        IdxFolders.WritePair(folder.Path, "t10k", 10);

        DatasetSplit split = DatasetCatalog.Load(folder.Path);

        Assert.Equal(8, split.Train.Count);
        Assert.Equal(2, split.Test!.Count);
        Assert.Equal([8, 9], split.Test.Labels!);
        Assert.Equal(8 / 255f, split.Test.Row(0)[0]);
        Assert.Contains("first 8 images for training, the last 2 for testing", split.Description);
    }

    [Fact]
    public void FolderWithOnlyTrainingFilesHasNoTestSet()
    {
        IdxFolders.WritePair(folder.Path, "train", 4);

        DatasetSplit split = DatasetCatalog.Load(folder.Path);

        Assert.Equal(4, split.Train.Count);
        Assert.Null(split.Test);
        Assert.Contains("no test set", split.Description);
    }

    [Fact]
    public void ImagesWithoutTheirLabelsNameTheMissingFile()
    {
        IdxFolders.WritePair(folder.Path, "t10k", 4);
        File.Delete(folder.File("t10k-labels-idx1-ubyte.gz"));

        var exception = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Load(folder.Path));

        ErrorAssert.IsOneLineAbout(exception, folder.File("t10k-labels-idx1-ubyte.gz"));
    }

    [Fact]
    public void EmptyFolderSaysWhichFilesWereExpected()
    {
        var exception = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Load(folder.Path));

        ErrorAssert.IsOneLineAbout(exception, folder.Path);
        Assert.Contains("train-images-idx3-ubyte", exception.Message);
    }

    [Fact]
    public void LabelCountDifferentFromImageCountIsRejected()
    {
        IdxFolders.WritePair(folder.Path, "t10k", 4);
        string labels = folder.File("t10k-labels-idx1-ubyte.gz");
        IdxWriter.Write(labels, new IdxArray([3], [0, 1, 2]), compress: true);

        string message = ErrorAssert.ThrowsInvalidData(labels, () => DatasetCatalog.Load(folder.Path));

        Assert.Contains("3 labels", message);
        Assert.Contains("4 images", message);
    }

    [Fact]
    public void DifferentImageSizesInTrainAndTestAreRejected()
    {
        IdxFolders.WritePair(folder.Path, "train", 4);
        IdxWriter.Write(folder.File("t10k-images-idx3-ubyte.gz"), new IdxArray([1, 3, 3], new byte[9]), compress: true);
        IdxWriter.Write(folder.File("t10k-labels-idx1-ubyte.gz"), new IdxArray([1], [0]), compress: true);

        string message = ErrorAssert.ThrowsInvalidData(folder.File("t10k-images-idx3-ubyte.gz"), () => DatasetCatalog.Load(folder.Path));

        Assert.Contains("3×3", message);
        Assert.Contains("2×3", message);
    }
}
