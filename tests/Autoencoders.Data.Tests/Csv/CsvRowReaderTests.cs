namespace Autoencoders.Data.Tests;

/// <summary>Rows streamed from a CSV file, columns matched by name to a model's training columns.</summary>
public sealed class CsvRowReaderTests : IDisposable
{
    private static readonly string[] Columns = ["a", "b", "c"];
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ColumnsComeInTrainingOrderWithLabelsAsText()
    {
        string path = folder.WriteText("rows.csv", "c,label,a,b\n3,x,1,2\n\n6,\"y,z\",4,5\n 9 , w ,7,8\n");
        using var reader = new CsvRowReader(path, Columns, 3);
        var values = new float[9];
        var labels = new string?[3];

        int rows = reader.Read(values, labels);

        Assert.True(reader.HasLabels);
        Assert.Equal(3, rows);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f], values);
        Assert.Equal<string?>(["x", "y,z", "w"], labels.AsEnumerable());
        Assert.Equal(0, reader.Read(values, labels));
    }

    [Fact]
    public void ChunksEndAtTheDestinationAndContinue()
    {
        string path = folder.WriteText("rows.csv", "a,b,c\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},{i},{i}\n")));
        using var reader = new CsvRowReader(path, Columns, 3);
        var values = new float[4 * 3]; // room for 4 rows
        var counts = new List<int>();
        var firsts = new List<float>();
        int rows;
        while ((rows = reader.Read(values, [])) > 0)
        {
            counts.Add(rows);
            firsts.Add(values[0]);
        }

        Assert.Equal([4, 4, 2], counts);
        Assert.Equal([0f, 4f, 8f], firsts);
        Assert.False(reader.HasLabels);
    }

    [Fact]
    public void WithoutNamesColumnsAreTakenInFileOrder()
    {
        string headerless = folder.WriteText("plain.csv", "1,2\n3,4\n");
        string named = folder.WriteText("named.csv", "p,label,q\n1,0,2\n");
        using var plain = new CsvRowReader(headerless, null, 2);
        using var withLabel = new CsvRowReader(named, null, 2);
        var values = new float[4];

        Assert.Equal(2, plain.Read(values, []));
        Assert.Equal([1f, 2f, 3f, 4f], values);
        Assert.Equal(1, withLabel.Read(values, new string?[1]));
        Assert.Equal([1f, 2f], values[..2]);
    }

    [Fact]
    public void OfSeveralBadRowsParsedInParallelTheFirstIsReported()
    {
        // 5,000 rows in one read, parsed in blocks of 1,024 on several threads; rows 2,500 and 4,000 are bad.
        string path = folder.WriteText("rows.csv", "a,b,c\n" + string.Concat(Enumerable.Range(1, 5000).Select(i =>
            i == 2500 ? "1,x,3\n" : i == 4000 ? "1,2,y\n" : $"{i},{i},{i}\n")));
        using var reader = new CsvRowReader(path, Columns, 3);

        string message = ErrorAssert.ThrowsInvalidData(path, () => reader.Read(new float[5000 * 3], []));

        Assert.Equal($"{path}: row 2,500, column \"b\": expected a finite number, received \"x\"", message);
    }

    [Theory]
    [InlineData("a,b\n1,2\n", "no column \"c\": the model was trained on the columns a,b,c")]
    [InlineData("a,b,c,d\n1,2,3,4\n", "column \"d\" is not one the model was trained on (expected the columns a,b,c, and optionally label)")]
    [InlineData("a,b,a\n1,2,3\n", "column \"a\" appears twice in the header")]
    [InlineData("a,b,c\n1,2,3\n1,2\n", "row 2: expected 3 cells (as the header), received 2")]
    [InlineData("a,b,c\n1,2,3\n1,2,3,4\n", "row 2: expected 3 cells (as the header), received 4")]
    [InlineData("a,b,c\n1,2,NaN\n", "row 1, column \"c\": expected a finite number, received \"NaN\"")]
    [InlineData("a,b,c\n1,,3\n", "row 1, column \"b\": expected a finite number, received \"\"")]
    [InlineData("", "no rows (the file is empty)")]
    public void ProblemsNameTheFileRowAndColumn(string text, string problem)
    {
        string path = folder.WriteText("bad.csv", text);

        string message = ErrorAssert.ThrowsInvalidData(path, () =>
        {
            using var reader = new CsvRowReader(path, Columns, 3);
            var values = new float[30];
            while (reader.Read(values, []) > 0) { }
        });

        Assert.Equal($"{path}: {problem}", message);
    }
}
