namespace Autoencoders.Data.Tests;

public sealed class IdxRowReaderTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ImagesComeAsScaledRowsWithTheirLabels()
    {
        string images = folder.File("images-idx3-ubyte"), labels = folder.File("labels-idx1-ubyte.gz");
        byte[] pixels = [.. Enumerable.Range(0, 5 * 4).Select(i => (byte)(i * 12))];
        IdxWriter.Write(images, new IdxArray([5, 2, 2], pixels), compress: false);
        IdxWriter.Write(labels, new IdxArray([5], [7, 1, 0, 3, 9]), compress: true);
        using var reader = new IdxRowReader(images, labels);
        var values = new float[3 * 4]; // 3 rows at a time
        var names = new string?[3];

        Assert.Equal((4, 5, true), (reader.FeatureCount, reader.Count, reader.HasLabels));
        Assert.Equal(3, reader.Read(values, names));
        Assert.Equal(Dataset.FromBytes(pixels.AsSpan(0, 12), 4).Features, values);
        Assert.Equal<string?>(["7", "1", "0"], names.AsEnumerable());
        Assert.Equal(2, reader.Read(values, names));
        Assert.Equal(Dataset.FromBytes(pixels.AsSpan(12, 8), 4).Features, values[..8]);
        Assert.Equal<string?>(["3", "9"], names[..2].AsEnumerable());
        Assert.Equal(0, reader.Read(values, names));
    }

    [Fact]
    public void LabelsOfAnotherCountAreRefused()
    {
        string images = folder.File("images-idx3-ubyte"), labels = folder.File("labels-idx1-ubyte");
        IdxWriter.Write(images, new IdxArray([2, 1, 1], [1, 2]), compress: false);
        IdxWriter.Write(labels, new IdxArray([3], [0, 1, 2]), compress: false);

        string message = ErrorAssert.ThrowsInvalidData(labels, () => new IdxRowReader(images, labels));

        Assert.Equal($"{labels}: expected 2 labels (one per image of {images}), received 3", message);
    }
}
