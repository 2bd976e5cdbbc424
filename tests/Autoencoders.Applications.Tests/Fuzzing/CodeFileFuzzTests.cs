using Autoencoders.Applications.Compression;
using Autoencoders.Data.Tests;
using Autoencoders.Data.Tests.Fuzzing;
using Xunit.Abstractions;

namespace Autoencoders.Applications.Tests.Fuzzing;

/// <summary>Damaged <c>.aec</c> code files end in codes or a one-line <see cref="InvalidDataException"/>, and a header
/// cannot make the reader allocate more than the file holds.</summary>
public sealed class CodeFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>The count, the code size and the sample shape: every size the header declares (see <see cref="CodeFile"/>).</summary>
    private static readonly SizeField[] Sizes =
    [
        new("count", 12, 4, BigEndian: false), new("code size", 16, 4, BigEndian: false),
        new("sample rows", 52, 4, BigEndian: false), new("sample columns", 56, 4, BigEndian: false),
    ];

    /// <summary>The file is read whole, then float16 values widen to float32: about 3 bytes per file byte.</summary>
    private static long Bound(long fileLength) => 4 * fileLength + (1 << 20);

    [Theory]
    [InlineData(CodePrecision.Float16)]
    [InlineData(CodePrecision.Float32)]
    public void DamagedCodeFilesAreReadOrRefused(CodePrecision precision)
    {
        var codes = new CompressedCodes([0.5f, -1.25f, 3f, 0f, 1e-3f, 42f], 3, precision,
            [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 5))], labels: [7, 2], sampleShape: [2, 2]);
        string valid = folder.File("valid.aec");
        CodeFile.Write(valid, codes);

        var outcome = new LoaderFuzzer
        {
            ValidFile = File.ReadAllBytes(valid),
            Path = folder.File("codes.aec"),
            SizeFields = Sizes,
            Load = path => CodeFile.Read(path),
            AllocationBound = Bound,
            Cases = 5_000,
        }.Run();

        output.WriteLine($".aec code file, {precision}: {outcome}");
        Assert.Equal(5_000, outcome.Cases); // 10,000 for the format, over both precisions
        Assert.True(outcome.Loaded > 0 && outcome.Refused > 0);
    }
}
