namespace Autoencoders.Data.Tests;

public sealed class IdxMalformedTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void WrongMagicNamesActualAndExpectedValues()
    {
        byte[] bytes = [0x00, 0x00, 0x0A, 0x03, .. new byte[12]];
        string path = folder.WriteBytes("train-images-idx3-ubyte.gz", bytes);

        string message = ErrorAssert.ThrowsInvalidData(path, () => IdxReader.ReadImages(path));

        Assert.Equal($"{path}: wrong magic number 0x00000A03, expected 0x00000803 (IDX unsigned-byte images)", message);
    }

    [Fact]
    public void LabelFileWhereImagesAreExpectedIsRejected()
    {
        string path = folder.WriteBytes("labels", IdxBytes.File([3], [1, 2, 3]));

        string message = ErrorAssert.ThrowsInvalidData(path, () => IdxReader.ReadImages(path));

        Assert.Contains("0x00000801, expected 0x00000803", message);
    }

    [Fact]
    public void OtherElementTypeIsNamed()
    {
        string path = folder.WriteBytes("floats", [.. IdxBytes.Header(0x0D, 1, 1, 1), 0, 0, 0, 0]);

        string message = ErrorAssert.ThrowsInvalidData(path, () => IdxReader.ReadImages(path));

        Assert.Contains("0x00000D03", message);
        Assert.Contains("float32", message);
    }

    [Fact]
    public void ZeroDimensionIsRejected()
    {
        string path = folder.WriteBytes("empty-images", IdxBytes.Header(0x08, 0, 28, 28));

        string message = ErrorAssert.ThrowsInvalidData(path, () => IdxReader.ReadImages(path));

        Assert.Contains("dimension 0 is 0, expected a positive size", message);
    }

    [Fact]
    public void EmptyFileIsRejected()
    {
        string path = folder.WriteBytes("empty", []);

        ErrorAssert.ThrowsInvalidData(path, () => IdxReader.ReadImages(path));
    }

    [Fact]
    public void RawFileCutAtEveryOffsetIsRejected()
    {
        byte[] whole = IdxBytes.File([2, 3, 3], IdxBytes.Counting(18));
        for (int length = 0; length < whole.Length; length++)
        {
            string path = folder.WriteBytes($"cut-{length}", whole[..length]);
            ErrorAssert.ThrowsInvalidData(path, () => IdxReader.ReadImages(path));
        }
    }

    [Fact]
    public void TruncatedDataSaysHowManyBytesWereExpectedAndFound()
    {
        byte[] whole = IdxBytes.File([2, 3, 3], IdxBytes.Counting(18));
        string path = folder.WriteBytes("short", whole[..^5]);

        string message = ErrorAssert.ThrowsInvalidData(path, () => IdxReader.ReadImages(path));

        Assert.Equal($"{path}: truncated: expected 18 data bytes after the 16-byte header (2×3×3), found 13", message);
    }

    [Fact]
    public void TrailingBytesAreRejected()
    {
        string path = folder.WriteBytes("long", [.. IdxBytes.File([2, 2, 2], IdxBytes.Counting(8)), 42, 43]);

        string message = ErrorAssert.ThrowsInvalidData(path, () => IdxReader.ReadImages(path));

        Assert.Contains("2 trailing bytes after the 8 data bytes", message);
    }

    [Fact]
    public void GzipFileCutAtSeveralOffsetsIsRejected()
    {
        byte[] whole = IdxBytes.Gzip(IdxBytes.File([4, 8, 8], IdxBytes.Counting(256)));
        int[] cuts = [0, 1, 2, 10, 17, 18, whole.Length / 2, whole.Length - 8, whole.Length - 4, whole.Length - 1];
        foreach (int length in cuts)
        {
            string path = folder.WriteBytes($"cut-{length}.gz", whole[..length]);
            ErrorAssert.ThrowsInvalidData(path, () => IdxReader.ReadImages(path));
        }
    }

    [Fact]
    public void GzipWithTrailingDecompressedBytesIsRejected()
    {
        byte[] contents = [.. IdxBytes.File([2, 2, 2], IdxBytes.Counting(8)), 1, 2, 3];
        string path = folder.WriteBytes("long.gz", IdxBytes.Gzip(contents));

        string message = ErrorAssert.ThrowsInvalidData(path, () => IdxReader.ReadImages(path));

        // The gzip trailer records 27 uncompressed bytes where the header accounts for 24.
        Assert.Contains("gzip trailer records 27", message);
    }

    [Fact]
    public void CorruptDeflateDataIsReportedWithThePath()
    {
        byte[] gzip = IdxBytes.Gzip(IdxBytes.File([4, 8, 8], IdxBytes.Counting(256)));
        for (int i = 12; i < gzip.Length - 8; i++)
        {
            gzip[i] ^= 0x5A;
        }
        string path = folder.WriteBytes("corrupt.gz", gzip);

        ErrorAssert.ThrowsInvalidData(path, () => IdxReader.ReadImages(path));
    }
}
