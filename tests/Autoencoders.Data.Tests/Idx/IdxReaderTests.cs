namespace Autoencoders.Data.Tests;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriterAndReaderRoundTripImages(bool compress)
    {
        var images = new IdxArray([3, 4, 5], IdxBytes.Counting(60));
        string path = folder.File(compress ? "images.gz" : "images");

        IdxWriter.Write(path, images, compress);
        IdxArray read = IdxReader.ReadImages(path);

        Assert.Equal([3, 4, 5], read.Dimensions);
        Assert.Equal(images.Data, read.Data);
        Assert.Equal(3, read.Count);
        Assert.Equal(["images" + (compress ? ".gz" : "")], folder.EntryNames());
    }

    [Fact]
    public void ReadsHandBuiltLabelFile()
    {
        string path = folder.WriteBytes("labels", IdxBytes.File([4], [7, 0, 9, 255]));

        IdxArray labels = IdxReader.ReadLabels(path);

        Assert.Equal([4], labels.Dimensions);
        Assert.Equal([7, 0, 9, 255], labels.Data);
    }

    [Fact]
    public void DetectsGzipByMagicNotByFileName()
    {
        byte[] contents = IdxBytes.File([2, 2, 2], IdxBytes.Counting(8));
        string gzipWithoutExtension = folder.WriteBytes("compressed.bin", IdxBytes.Gzip(contents));
        string rawWithGzipExtension = folder.WriteBytes("raw.gz", contents);

        Assert.Equal(IdxBytes.Counting(8), IdxReader.ReadImages(gzipWithoutExtension).Data);
        Assert.Equal(IdxBytes.Counting(8), IdxReader.ReadImages(rawWithGzipExtension).Data);
    }

    [Fact]
    public void ReadWithoutExpectedDimensionsAcceptsAnyCount()
    {
        string path = folder.WriteBytes("four-d", IdxBytes.File([2, 1, 3, 2], IdxBytes.Counting(12)));

        IdxArray array = IdxReader.Read(path);

        Assert.Equal([2, 1, 3, 2], array.Dimensions);
    }

    [Fact]
    public void MissingFileIsFileNotFoundNamingThePath()
    {
        string path = folder.File("absent-idx3-ubyte.gz");

        var exception = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(path));

        ErrorAssert.IsOneLineAbout(exception, path);
        Assert.Equal(path, exception.FileName);
    }

    [Fact]
    public void ArrayRejectsDataThatDoesNotMatchItsDimensions()
    {
        Assert.Throws<ArgumentException>(() => new IdxArray([2, 3], new byte[5]));
        Assert.Throws<ArgumentException>(() => new IdxArray([0, 3], []));
    }
}
