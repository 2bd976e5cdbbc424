namespace Autoencoders.Data.Tests;

public sealed class DatasetCatalogTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void UnknownPathIsDirectoryNotFoundNamingIt()
    {
        string path = folder.File("no-such-dataset");

        var exception = Assert.Throws<DirectoryNotFoundException>(() => DatasetCatalog.Load(path));

        ErrorAssert.IsOneLineAbout(exception, path);
        Assert.Contains("mnist, fashion-mnist", exception.Message);
    }

    [Fact]
    public void MissingCsvIsFileNotFoundNamingIt()
    {
        string path = folder.File("absent.csv");

        var exception = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Load(path));

        ErrorAssert.IsOneLineAbout(exception, path);
    }

    [Fact]
    public void ExistingFileOfAnotherKindIsRejected()
    {
        string path = folder.WriteText("notes.txt", "hello");

        ErrorAssert.ThrowsInvalidData(path, () => DatasetCatalog.Load(path));
    }

    [Fact]
    public void CsvHasNoTestSetUnlessAsked()
    {
        string path = folder.WriteText("data.csv", "a,b\n1,2\n3,4\n5,6\n");

        DatasetSplit split = DatasetCatalog.Load(path);

        Assert.Equal(3, split.Train.Count);
        Assert.Null(split.Test);
        Assert.Contains("no test set", split.Description);
    }

    [Fact]
    public void CsvHoldOutIsADisjointSeededSplit()
    {
        string rows = string.Concat(Enumerable.Range(0, 100).Select(i => $"{i},{i % 3}\n"));
        string path = folder.WriteText("data.csv", "value,label\n" + rows);
        var options = new DatasetLoadOptions { TestFraction = 0.25, SplitSeed = 7, Csv = new CsvOptions { LabelColumn = "label" } };

        DatasetSplit first = DatasetCatalog.Load(path, options);
        DatasetSplit again = DatasetCatalog.Load(path, options);
        DatasetSplit otherSeed = DatasetCatalog.Load(path, options with { SplitSeed = 8 });

        Assert.Equal(75, first.Train.Count);
        Assert.Equal(25, first.Test!.Count);
        float[] all = first.Train.Features.Concat(first.Test.Features).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), all);
        Assert.Equal(first.Test.Features, again.Test!.Features);
        Assert.NotEqual(first.Test.Features, otherSeed.Test!.Features);
        // Held-out rows keep their file order and their labels.
        Assert.Equal(first.Test.Features.Order(), first.Test.Features);
        Assert.Equal(first.Test.Features.Select(value => (int)value % 3), first.Test.Labels!);
    }

    [Fact]
    public void TestFractionOutsideTheUnitIntervalIsAnArgumentError()
    {
        string path = folder.WriteText("data.csv", "1\n2\n");

        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetCatalog.Load(path, new DatasetLoadOptions { TestFraction = 1 }));
    }
}
