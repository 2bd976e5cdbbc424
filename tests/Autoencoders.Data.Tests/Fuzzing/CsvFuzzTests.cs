using Xunit.Abstractions;

namespace Autoencoders.Data.Tests.Fuzzing;

/// <summary>Damaged CSV files end in a dataset or a one-line <see cref="InvalidDataException"/> naming the file and
/// line, within 64 bytes of allocation per file byte.</summary>
public sealed class CsvFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static byte[] Valid => System.Text.Encoding.UTF8.GetBytes("""
        sepal,"petal, width",label
        5.1,0.2,setosa
        -4.9,1e-3,setosa

        6.25,"1.5",versicolor
        7,2.5E+1,virginica

        """);

    [Fact]
    public void DamagedFilesWithAHeaderAndLabelsAreReadOrRefused()
    {
        var outcome = new LoaderFuzzer
        {
            ValidFile = Valid,
            Path = folder.File("flowers.csv"),
            Load = path => CsvDatasetReader.Read(path, new CsvOptions { LabelColumn = "label" }),
        }.Run();

        output.WriteLine($"CSV, label column by name: {outcome}");
        Assert.Equal(10_000, outcome.Cases);
        Assert.True(outcome.Loaded > 0 && outcome.Refused > 0);
    }
}
