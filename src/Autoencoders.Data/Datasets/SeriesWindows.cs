namespace Autoencoders.Data;

/// <summary>
/// The conv1d workload's data, as ../shared/bench/torch_reference.py's <c>series_windows</c> makes it: a synthetic
/// 5-minute series v(t) = sin(2πt / 288) + 0.5 sin(2πt / 72) + 0.1 z(t) (a daily cycle, a 6-hour harmonic, Gaussian noise),
/// z-scored with the mean and standard deviation of its training part, cut into windows of <c>window</c> steps at
/// stride 1. The test windows continue the series one window after the training part ends. The noise comes from
/// <see cref="DeterministicRandom"/>, not numpy's generator, so the values differ from the script's; their statistics do not.
/// </summary>
public static class SeriesWindows
{
    public const int DailyPeriod = 288, HarmonicPeriod = 72;

    /// <summary>Training and test windows, each sample a window of <paramref name="window"/> values (shape [window, 1]).</summary>
    public static DatasetSplit Generate(int trainWindows = 20000, int testWindows = 2000, int window = DailyPeriod, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trainWindows);
        ArgumentOutOfRangeException.ThrowIfNegative(testWindows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        int length = trainWindows + testWindows + 2 * window;
        var random = new DeterministicRandom(seed);
        var series = new double[length];
        for (int t = 0; t < length; t++)
            series[t] = Math.Sin(2 * Math.PI * t / DailyPeriod) + 0.5 * Math.Sin(2 * Math.PI * t / HarmonicPeriod) + 0.1 * random.NextGaussian();

        // The statistics of the steps the training windows cover: the script's v[: n_train + window] (numpy's std, ddof 0).
        int trainPart = trainWindows + window;
        double mean = 0, squares = 0;
        for (int t = 0; t < trainPart; t++) mean += series[t];
        mean /= trainPart;
        for (int t = 0; t < trainPart; t++) squares += (series[t] - mean) * (series[t] - mean);
        double deviation = Math.Sqrt(squares / trainPart);
        var scaled = new float[length];
        for (int t = 0; t < length; t++) scaled[t] = (float)((series[t] - mean) / deviation);

        var train = Windows(scaled, 0, trainWindows, window);
        var test = Windows(scaled, trainWindows + window, testWindows, window);
        string description = $"synthetic series (daily cycle {DailyPeriod} steps, harmonic {HarmonicPeriod}, noise 0.1, seed {seed}), z-scored: "
            + $"{trainWindows:N0} training and {testWindows:N0} test windows of {window}, stride 1";
        return new DatasetSplit(train, testWindows > 0 ? test : null, description);
    }

    // count windows at stride 1 from start: the steps [start, start + count + window − 1).
    private static Dataset Windows(float[] series, int start, int count, int window) =>
        count == 0 ? new Dataset([], window, sampleShape: [window, 1]) : SlidingWindows.Cut(series.AsSpan(start, count + window - 1), channels: 1, window, stride: 1);
}
