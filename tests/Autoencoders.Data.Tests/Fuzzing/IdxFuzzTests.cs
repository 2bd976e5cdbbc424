using Xunit.Abstractions;

namespace Autoencoders.Data.Tests.Fuzzing;

/// <summary>Damaged IDX files, raw and gzipped, end in a loaded array or a one-line <see cref="InvalidDataException"/>,
/// and never allocate more than the file can hold.</summary>
public sealed class IdxFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    // 5 images of 4 × 3: a 16-byte header and 60 data bytes.
    private static byte[] Images => IdxBytes.File([5, 4, 3], IdxBytes.Counting(60));

    private static readonly SizeField[] Dimensions =
    [
        new("count", 4, 4, BigEndian: true), new("rows", 8, 4, BigEndian: true), new("columns", 12, 4, BigEndian: true),
    ];

    /// <summary>Raw data is read into one array of the declared size, checked against the file's length first.</summary>
    private static long RawBound(long fileLength) => 2 * fileLength + (1 << 20);

    /// <summary>Gzip can declare up to deflate's 1032:1 expansion before the stream proves it short.</summary>
    private static long GzipBound(long fileLength) => 1032 * fileLength + (2 << 20);

    [Fact]
    public void DamagedRawImageFilesAreReadOrRefused()
    {
        var outcome = new LoaderFuzzer
        {
            ValidFile = Images,
            Path = folder.File("images-idx3-ubyte"),
            SizeFields = Dimensions,
            Load = path => IdxReader.ReadImages(path),
            AllocationBound = RawBound,
        }.Run();

        output.WriteLine($"IDX raw: {outcome}");
        Assert.Equal(10_000, outcome.Cases);
        Assert.True(outcome.Refused > 0);
    }

    [Fact]
    public void GzipFilesWithADamagedHeaderInsideAreReadOrRefused()
    {
        var outcome = new LoaderFuzzer
        {
            ValidFile = Images,
            Encode = IdxBytes.Gzip,
            Path = folder.File("images-idx3-ubyte.gz"),
            SizeFields = Dimensions,
            Load = path => IdxReader.ReadImages(path),
            AllocationBound = GzipBound,
            Cases = 5_000,
        }.Run();

        output.WriteLine($"IDX gzip, damaged inside: {outcome}");
        Assert.Equal(5_000, outcome.Cases); // with the test below, 10,000 gzip cases
        Assert.True(outcome.Refused > 0);
    }

    [Fact]
    public void DamagedGzipFilesAreReadOrRefused()
    {
        var outcome = new LoaderFuzzer
        {
            ValidFile = IdxBytes.Gzip(Images),
            Path = folder.File("images-idx3-ubyte.gz"),
            SizeFields = [new("ISIZE", -4, 4, BigEndian: false)],
            Load = path => IdxReader.ReadImages(path),
            AllocationBound = GzipBound,
            Cases = 5_000,
        }.Run();

        output.WriteLine($"IDX gzip, damaged compressed bytes: {outcome}");
        Assert.Equal(5_000, outcome.Cases);
        Assert.True(outcome.Refused > 0);
    }
}
