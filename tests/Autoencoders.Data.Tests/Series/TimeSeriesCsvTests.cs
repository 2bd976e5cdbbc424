namespace Autoencoders.Data.Tests.Series;

public sealed class TimeSeriesCsvTests
{
    [Fact]
    public void ReadsIsoTimesAndChosenColumnsInOrder()
    {
        using var folder = new TemporaryFolder();
        string path = folder.WriteText("s.csv", "timestamp,a,b\n2024-01-01T00:00:00,1,10\n2024-01-01T00:05:00,2,20\n2024-01-01T00:10:00,3,30\n");

        var series = TimeSeriesCsv.Read(path, columns: ["b", "a"]);

        Assert.True(series.IsIsoTime);
        Assert.Equal(["b", "a"], series.Channels);
        Assert.Equal([10f, 1f, 20f, 2f, 30f, 3f], series.Values);
        Assert.Equal(300, series.Times[1] - series.Times[0]);
        Assert.Equal("2024-01-01T00:05:00", series.TimeTexts[1]);
        Assert.Equal(1_704_067_200, series.Times[0]); // 2024-01-01 UTC in Unix seconds
    }

    [Fact]
    public void ReadsNumericTimesFromAQuotedYearColumn()
    {
        using var folder = new TemporaryFolder();
        string path = folder.WriteText("sunspots.csv", "\"YEAR\",\"SUNACTIVITY\"\n1700,5\n1701,11\n1702,16\n");

        var series = TimeSeriesCsv.Read(path);

        Assert.False(series.IsIsoTime);
        Assert.Equal([1700.0, 1701, 1702], series.Times);
        Assert.Equal([5f, 11f, 16f], series.Values);
        Assert.Equal(2, series.CountUntil(1701));
        Assert.Equal(2, series.CountUntil(1701.5));
    }

    [Fact]
    public void FillsGapsLinearlyAndEndsWithTheNearestValue()
    {
        using var folder = new TemporaryFolder();
        string path = folder.WriteText("gaps.csv", "time,v\n0,\n1,2\n2,NaN\n3,\n4,8\n5,NA\n");

        var series = TimeSeriesCsv.Read(path, missing: MissingValues.Linear);

        Assert.Equal([2f, 2f, 4f, 6f, 8f, 8f], series.Values);
    }

    [Theory]
    [InlineData("value,other\n1,2\n", "line 1: no timestamp column")]
    [InlineData("time,v\n0,1\n1,abc\n", "line 3, column \"v\": expected a number, received \"abc\"")]
    [InlineData("time,v\n0,1\n2,1\n1,1\n", "line 4, column \"time\": timestamps must increase, received 1 after 2")]
    [InlineData("time,v\n0,1\n0,1\n", "(a repeated step)")]
    [InlineData("time,v\n0,1\n1,\n", "line 3, column \"v\": missing value")]
    [InlineData("time,v\n2024-01-01,1\nyesterday,1\n", "line 3, column \"time\": expected an ISO 8601 time")]
    [InlineData("time,v\n0,1\n1\n", "line 3: 1 cells, expected 2")]
    public void BadSeriesNameTheLine(string text, string expected)
    {
        using var folder = new TemporaryFolder();
        string path = folder.WriteText("bad.csv", text);

        var error = Assert.Throws<InvalidDataException>(() => TimeSeriesCsv.Read(path));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void SpacingReportsIrregularStepsAndWhereTheFirstIs()
    {
        var spacing = SeriesSpacing.Measure([0, 300, 600, 1200, 1500, 1800]);

        Assert.Equal(300, spacing.Step);
        Assert.Equal(1, spacing.IrregularSteps);
        Assert.Equal(5, spacing.FirstIrregularLine); // 600 → 1200 ends at the fourth data row, line 5 below the header
        Assert.Contains("irregular: 1 of 5 steps differ from the usual 5 min", spacing.Describe(true, 6));
        Assert.Equal("regular, every 1 d", SeriesSpacing.Measure([0, 86400, 172800]).Describe(true, 3));
    }
}
