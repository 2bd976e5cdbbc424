namespace Autoencoders.Data.Tests;

public sealed class CsvReaderTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void FirstRowWithTextIsAHeader()
    {
        string path = folder.WriteText("data.csv", "x1,x2\n1.5,-2\n3e2,0.25\n");

        Dataset data = CsvDatasetReader.Read(path);

        Assert.Equal(2, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal([1.5f, -2f, 300f, 0.25f], data.Features);
        Assert.Null(data.Labels);
    }

    [Fact]
    public void NumericFirstRowIsData()
    {
        string path = folder.WriteText("data.csv", "1,2,3\n4,5,6\n");

        Dataset data = CsvDatasetReader.Read(path);

        Assert.Equal(2, data.Count);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], data.Features);
    }

    [Fact]
    public void ExplicitHeaderSettingOverridesDetection()
    {
        string path = folder.WriteText("data.csv", "1,2\n3,4\n");

        Dataset data = CsvDatasetReader.Read(path, new CsvOptions { HasHeader = true });

        Assert.Equal([3f, 4f], data.Features);
    }

    [Fact]
    public void IntegerLabelColumnByName()
    {
        string path = folder.WriteText("data.csv", "a,class,b\n0.1,3,0.2\n0.3,-1,0.4\n");

        Dataset data = CsvDatasetReader.Read(path, new CsvOptions { LabelColumn = "class" });

        Assert.Equal(2, data.FeatureCount);
        Assert.Equal([0.1f, 0.2f, 0.3f, 0.4f], data.Features);
        Assert.Equal([3, -1], data.Labels!);
        Assert.Null(data.ClassNames);
    }

    [Fact]
    public void TextLabelsByIndexWithoutHeaderBecomeNamedClasses()
    {
        string path = folder.WriteText("iris.csv", "5.1,3.5,setosa\n6.3,2.9,virginica\n5.0,3.4,setosa\n5.9,3.0,\"versi, color\"\n");

        Dataset data = CsvDatasetReader.Read(path, new CsvOptions { LabelColumn = "2" });

        Assert.Equal(4, data.Count);
        Assert.Equal(["setosa", "versi, color", "virginica"], data.ClassNames!);
        Assert.Equal([0, 2, 0, 1], data.Labels!);
        Assert.Equal([5.9f, 3.0f], data.Row(3).ToArray());
    }

    [Fact]
    public void BlankLinesQuotesAndSpacesAreTolerated()
    {
        string path = folder.WriteText("data.csv", "\"a\", \"b\"\r\n\r\n 1 , \"2.5\" \r\n\n3,4\n\n");

        Dataset data = CsvDatasetReader.Read(path);

        Assert.Equal([1f, 2.5f, 3f, 4f], data.Features);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        string path = folder.File("absent.csv");

        var exception = Assert.Throws<FileNotFoundException>(() => CsvDatasetReader.Read(path));

        ErrorAssert.IsOneLineAbout(exception, path);
    }
}
