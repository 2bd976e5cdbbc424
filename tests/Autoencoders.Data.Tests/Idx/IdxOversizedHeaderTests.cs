using System.Buffers.Binary;

namespace Autoencoders.Data.Tests;

/// <summary>Headers that declare more data than the file can hold must fail before anything of that size is allocated.</summary>
public sealed class IdxOversizedHeaderTests : IDisposable
{
    private const long SmallAllocation = 1 << 20;
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void RawHeaderDeclaringFourGigabytesInEightyBytesFailsWithoutAllocating()
    {
        // 1 × 65536 × 65536 = 4 GiB of pixels declared, 64 bytes supplied: 80 bytes in all.
        string path = folder.WriteBytes("huge-idx3-ubyte", [.. IdxBytes.Header(0x08, 1, 65536, 65536), .. new byte[64]]);
        Assert.Equal(80, new FileInfo(path).Length);

        (string message, long allocated) = MeasureFailure(path);

        Assert.Contains("expected 4294967296 data bytes", message);
        Assert.Contains("found 64", message);
        Assert.True(allocated < SmallAllocation, $"allocated {allocated} bytes");
    }

    [Fact]
    public void RawHeaderWithOverflowingProductFails()
    {
        string path = folder.WriteBytes("overflow", [.. IdxBytes.Header(0x08, 65536, 65536, 65536, 65536), .. new byte[60]]);

        (string message, long allocated) = MeasureFailure(path, expectedDimensionCount: null);

        Assert.Contains("more than any file can hold", message);
        Assert.True(allocated < SmallAllocation, $"allocated {allocated} bytes");
    }

    [Fact]
    public void GzipDeclaringMoreThanDeflateCanExpandToFailsWithoutAllocating()
    {
        // 65536 × 65536 images would need a gzip file of at least ~4 MB; this one is under 100 bytes.
        byte[] gzip = IdxBytes.Gzip([.. IdxBytes.Header(0x08, 1, 65536, 65536), .. new byte[64]]);
        string path = folder.WriteBytes("bomb.gz", gzip);

        (string message, long allocated) = MeasureFailure(path);

        Assert.Contains($"a {gzip.Length}-byte gzip file expands to at most {gzip.Length * 1032L} bytes", message);
        Assert.True(allocated < SmallAllocation, $"allocated {allocated} bytes");
    }

    [Fact]
    public void GzipTrailerSmallerThanTheDeclarationFailsWithoutAllocating()
    {
        // 10 MB of zeros compresses to ~10 KB, so the ratio bound allows the 10 MB declaration and only ISIZE can catch it.
        byte[] contents = [.. IdxBytes.Header(0x08, 10, 1000, 1000), .. new byte[10_000_000]];
        byte[] gzip = IdxBytes.Gzip(contents);
        BinaryPrimitives.WriteUInt32LittleEndian(gzip.AsSpan(gzip.Length - 4), 1000);
        string path = folder.WriteBytes("lying-trailer.gz", gzip);

        (string message, long allocated) = MeasureFailure(path);

        Assert.Contains("gzip trailer records 1000", message);
        Assert.True(allocated < SmallAllocation, $"allocated {allocated} bytes");
    }

    private static (string Message, long Allocated) MeasureFailure(string path, int? expectedDimensionCount = 3)
    {
        // The first call pays for one-time type initialisation; measure the second.
        Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, expectedDimensionCount));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var exception = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, expectedDimensionCount));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        ErrorAssert.IsOneLineAbout(exception, path);
        return (exception.Message, allocated);
    }
}
