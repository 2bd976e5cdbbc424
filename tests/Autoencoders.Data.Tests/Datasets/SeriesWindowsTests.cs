namespace Autoencoders.Data.Tests;

public sealed class SeriesWindowsTests
{
    [Fact]
    public void WindowsSlideOneStepOverAZScoredDailySeries()
    {
        var split = SeriesWindows.Generate(trainWindows: 2000, testWindows: 300, window: 288, seed: 4);
        Dataset train = split.Train, test = split.Test!;
        Assert.Equal((2000, 288, 300), (train.Count, train.FeatureCount, test.Count));
        Assert.Equal([288, 1], train.SampleShape!);
        // Stride 1: each window is the previous one moved on by a step.
        Assert.Equal(train.Row(0)[1..].ToArray(), train.Row(1)[..^1].ToArray());
        // The training steps (the first 2000 + 288 - 1 of them are in windows) are z-scored.
        float[] steps = [.. train.Row(0).ToArray(), .. Enumerable.Range(1, 1999).Select(i => train.Row(i)[287])];
        Assert.InRange(steps.Average(), -0.01, 0.01);
        Assert.InRange(Math.Sqrt(steps.Select(v => v * v).Average()), 0.99, 1.01);
        // A daily cycle: a step and the one 288 later differ by the noise alone (0.1 of a std of about 0.8 before scaling).
        double difference = Enumerable.Range(0, 1700).Average(i => Math.Abs(train.Row(i)[0] - train.Row(i + 288)[0]));
        Assert.InRange(difference, 0.1, 0.3);
        // The test windows start a window after the training series ends, and are not a copy of it.
        Assert.NotEqual(train.Row(0).ToArray(), test.Row(0).ToArray());
    }

    [Fact]
    public void TheSeedFixesTheNoise()
    {
        var a = SeriesWindows.Generate(100, 10, 16, seed: 1);
        var b = SeriesWindows.Generate(100, 10, 16, seed: 1);
        var c = SeriesWindows.Generate(100, 10, 16, seed: 2);
        Assert.Equal(a.Train.Features, b.Train.Features);
        Assert.NotEqual(a.Train.Features, c.Train.Features);
    }
}
