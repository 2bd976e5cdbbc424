namespace Autoencoders.Data.Tests;

/// <summary>Every CSV error names the file, the line and the column, on one line.</summary>
public sealed class CsvErrorTests : IDisposable
{
    private const string Header = "x1,x2,x3\n";
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void TextInANumericCell()
    {
        string path = folder.WriteText("data.csv", Header + "1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n4,5,abc\n");

        string message = ErrorAssert.ThrowsInvalidData(path, () => CsvDatasetReader.Read(path));

        Assert.Equal($"{path}: line 7, column \"x3\": \"abc\" is not a number", message);
    }

    [Fact]
    public void CommaDecimalIsNotANumberInTheInvariantCulture()
    {
        string path = folder.WriteText("data.csv", "1;5,2\n");

        string message = ErrorAssert.ThrowsInvalidData(path, () => CsvDatasetReader.Read(path, new CsvOptions { HasHeader = false }));

        Assert.Contains("line 1, column 1: \"1;5\" is not a number", message);
    }

    [Theory]
    [InlineData("NaN", "(NaN) is not allowed")]
    [InlineData("nan", "(NaN) is not allowed")]
    [InlineData("Infinity", "is not a finite float32 number")]
    [InlineData("-Infinity", "is not a finite float32 number")]
    [InlineData("1e39", "is not a finite float32 number")]
    public void NonFiniteValues(string cell, string problem)
    {
        string path = folder.WriteText("data.csv", Header + $"1,{cell},3\n");

        string message = ErrorAssert.ThrowsInvalidData(path, () => CsvDatasetReader.Read(path));

        Assert.Contains($"line 2, column \"x2\": \"{cell}\" {problem}", message);
    }

    [Fact]
    public void ShortRowNamesTheMissingColumn()
    {
        string path = folder.WriteText("data.csv", Header + "1,2,3\n\n4,5\n");

        string message = ErrorAssert.ThrowsInvalidData(path, () => CsvDatasetReader.Read(path));

        Assert.Equal($"{path}: line 4, column \"x3\": missing; the row has 2 cells, expected 3", message);
    }

    [Fact]
    public void LongRowNamesTheExtraColumn()
    {
        string path = folder.WriteText("data.csv", "1,2\n3,4,5\n");

        string message = ErrorAssert.ThrowsInvalidData(path, () => CsvDatasetReader.Read(path));

        Assert.Equal($"{path}: line 2, column 3: unexpected extra cell; the row has 3 cells, expected 2", message);
    }

    [Fact]
    public void EmptyCell()
    {
        string path = folder.WriteText("data.csv", Header + "1,,3\n");

        string message = ErrorAssert.ThrowsInvalidData(path, () => CsvDatasetReader.Read(path));

        Assert.Contains("line 2, column \"x2\": empty cell", message);
    }

    [Fact]
    public void UnknownLabelColumnListsTheColumns()
    {
        string path = folder.WriteText("data.csv", Header + "1,2,3\n");

        string message = ErrorAssert.ThrowsInvalidData(path, () => CsvDatasetReader.Read(path, new CsvOptions { LabelColumn = "y" }));

        Assert.Contains("label column \"y\" not found; columns are \"x1\", \"x2\", \"x3\"", message);
    }

    [Fact]
    public void UnterminatedQuote()
    {
        string path = folder.WriteText("data.csv", "1,\"2\n");

        string message = ErrorAssert.ThrowsInvalidData(path, () => CsvDatasetReader.Read(path));

        Assert.Contains("line 1, column 2: quoted cell has no closing quote", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("a,b\n")]
    public void NoDataRows(string text)
    {
        string path = folder.WriteText("data.csv", text);

        string message = ErrorAssert.ThrowsInvalidData(path, () => CsvDatasetReader.Read(path));

        Assert.Contains("no data rows", message);
    }

    [Fact]
    public void LongCellsAreAbbreviatedInMessages()
    {
        string path = folder.WriteText("data.csv", "1," + new string('z', 500) + "\n");

        string message = ErrorAssert.ThrowsInvalidData(path, () => CsvDatasetReader.Read(path, new CsvOptions { HasHeader = false }));

        Assert.True(message.Length < path.Length + 100, message);
    }
}
