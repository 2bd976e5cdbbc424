namespace Autoencoders.Data.Tests.Series;

public sealed class SeriesScalerTests
{
    private static TimeSeries TwoChannels(float[] values) =>
        new([.. Enumerable.Range(0, values.Length / 2).Select(t => (double)t)], [.. Enumerable.Range(0, values.Length / 2).Select(t => t.ToString())], ["a", "b"], values, false, "test");

    [Fact]
    public void ZScoresEachChannelWithItsPopulationStatistics()
    {
        // a: 1, 3 → mean 2, std 1; b: constant 5 → std taken as 1.
        var scaler = SeriesScaler.Fit(TwoChannels([1, 5, 3, 5]));

        Assert.Equal([2f, 5f], scaler.Mean);
        Assert.Equal([1f, 1f], scaler.Deviation);
        Assert.Equal([-1f, 0f, 1f, 0f, 3f, 1f], scaler.Transform([1, 5, 3, 5, 5, 6]));
    }

    [Fact]
    public void InverseAndJsonRoundTrip()
    {
        var scaler = new SeriesScaler([10f, -2f], [4f, 0.5f]);
        var restored = SeriesScaler.FromJson("k", scaler.ToJson());
        float[] values = restored.Transform([14f, -1f]);

        Assert.Equal([1f, 2f], values);
        restored.Inverse(values);
        Assert.Equal([14f, -1f], values);
        Assert.Contains("metadata \"k\"", Assert.Throws<InvalidDataException>(() => SeriesScaler.FromJson("k", "{\"mean\": [1]}")).Message);
    }

    [Fact]
    public void WindowsCoverStepsAtTheStrideChannelsLast()
    {
        // 5 steps × 2 channels; windows of 3 every 2 steps: starts 0 and 2.
        float[] values = [0, 10, 1, 11, 2, 12, 3, 13, 4, 14];

        var windows = SlidingWindows.Cut(values, channels: 2, window: 3, stride: 2);

        Assert.Equal(2, windows.Count);
        Assert.Equal([3, 2], windows.SampleShape!);
        Assert.Equal([2f, 12f, 3f, 13f, 4f, 14f], windows.Row(1).ToArray());
        Assert.Equal(4, SlidingWindows.Count(length: 10, window: 4, stride: 2));
        Assert.Contains("--window 6: longer than the series, which has 5 steps", Assert.Throws<ArgumentException>(() => SlidingWindows.Count(5, 6, 1)).Message);
    }

    [Fact]
    public void CentredWindowsLoseTheirLevelChannelByChannel()
    {
        // A ramp 0, 1, 2, … in channel 0 and 10 × it in channel 1: every window of 3 centred is −1, 0, 1 and −10, 0, 10,
        // wherever it starts, so a trend past the training range leaves the windows alike.
        float[] values = [.. Enumerable.Range(0, 6).SelectMany(t => new[] { (float)t, 10f * t })];

        var windows = SlidingWindows.Cut(values, channels: 2, window: 3, stride: 1, centered: true);

        Assert.Equal(4, windows.Count);
        for (int j = 0; j < windows.Count; j++) Assert.Equal([-1f, -10f, 0f, 0f, 1f, 10f], windows.Row(j).ToArray());
    }

    [Fact]
    public void CentredScalerTakesTheSpreadAboutEachWindowsMean()
    {
        // A ramp 0 … 5 and 10 × it: its σ is 1.71 (and 17.1), but every centred window of 3 is −1, 0, 1 (and −10, 0, 10),
        // whose root mean square is √(2/3) (and 10 √(2/3)); the means stay the series' own.
        var series = new TimeSeries([0, 1, 2, 3, 4, 5], ["0", "1", "2", "3", "4", "5"], ["a", "b"],
            [.. Enumerable.Range(0, 6).SelectMany(t => new[] { (float)t, 10f * t })], false, "ramp");

        var scaler = SeriesScaler.FitCentered(series, window: 3, stride: 1);

        Assert.Equal([2.5f, 25f], scaler.Mean);
        Assert.Equal(Math.Sqrt(2.0 / 3), scaler.Deviation[0], 5);
        Assert.Equal(10 * Math.Sqrt(2.0 / 3), scaler.Deviation[1], 4);
    }
}
