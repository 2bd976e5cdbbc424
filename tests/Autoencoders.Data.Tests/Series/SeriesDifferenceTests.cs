namespace Autoencoders.Data.Tests.Series;

public sealed class SeriesDifferenceTests
{
    private static TimeSeries TwoChannels(float[] values) =>
        new([.. Enumerable.Range(0, values.Length / 2).Select(t => 100.0 + t)], [.. Enumerable.Range(0, values.Length / 2).Select(t => $"t{t}")], ["a", "b"], values, false, "test");

    [Fact]
    public void EachStepMinusTheStepLagBeforeKeepsTheLaterTimestamp()
    {
        // a: 1, 2, 4, 8; b: 10, 10, 13, 20 at lag 2 → a: 3, 6; b: 3, 10, stamped with steps 2 and 3.
        var differenced = SeriesDifference.Apply(TwoChannels([1, 10, 2, 10, 4, 13, 8, 20]), lag: 2);

        Assert.Equal([3f, 3f, 6f, 10f], differenced.Values);
        Assert.Equal([102.0, 103.0], differenced.Times);
        Assert.Equal(["t2", "t3"], differenced.TimeTexts);
    }

    [Fact]
    public void LagZeroIsTheSeriesAndALagAsLongAsTheSeriesIsRefused()
    {
        var series = TwoChannels([1, 2, 3, 4]);

        Assert.Same(series, SeriesDifference.Apply(series, 0));
        Assert.Contains("test: differencing at lag 2 needs more than 2 steps, received 2", Assert.Throws<ArgumentException>(() => SeriesDifference.Apply(series, 2)).Message);
    }
}
