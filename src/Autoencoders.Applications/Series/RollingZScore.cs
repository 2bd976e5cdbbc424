namespace Autoencoders.Applications.Series;

/// <summary>
/// The baseline without a model: each step's distance from the mean of the <c>window</c> steps before it, in their
/// standard deviations, |xₜ − μₜ| / σₜ (the largest over channels). It sees spikes and the edges of level shifts; a flat
/// segment or a changed period keeps values inside their recent range, which is what the autoencoders are for.
/// The first <c>window</c> steps have no history and score NaN.
/// </summary>
public static class RollingZScore
{
    public static double[] Scores(ReadOnlySpan<float> values, int channels, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        int steps = values.Length / channels;
        var scores = new double[steps];
        Array.Fill(scores, double.NaN);
        for (int c = 0; c < channels; c++)
        {
            double sum = 0, squares = 0;
            for (int t = 0; t < steps; t++)
            {
                double x = values[t * channels + c];
                if (t >= window)
                {
                    double mean = sum / window;
                    double deviation = Math.Sqrt(Math.Max(squares / window - mean * mean, 0));
                    double z = Math.Abs(x - mean) / Math.Max(deviation, 1e-6);
                    scores[t] = double.IsNaN(scores[t]) ? z : Math.Max(scores[t], z);
                    double leaving = values[(t - window) * channels + c];
                    sum -= leaving;
                    squares -= leaving * leaving;
                }
                sum += x;
                squares += x * x;
            }
        }
        return scores;
    }
}
