namespace Autoencoders.Applications.Series;

/// <summary>
/// The mean periodogram of equal-length windows: each window's mean removed, |Σₜ xₜ e^(−2πikt/W)|² / W at frequencies
/// k = 1 … ⌊W/2⌋, averaged over windows. Its largest bin gives the dominant period W / k in steps.
/// </summary>
public static class Periodogram
{
    /// <summary>The mean power at k = 1 … ⌊W/2⌋ (index k − 1) of the windows, each of <paramref name="window"/> values (one channel).</summary>
    public static double[] Mean(ReadOnlySpan<float> windows, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        if (windows.Length == 0 || windows.Length % window != 0)
            throw new ArgumentException($"expected whole windows of {window} values, received {windows.Length}", nameof(windows));
        int count = windows.Length / window, bins = window / 2;
        var power = new double[bins];
        var centred = new double[window];
        for (int w = 0; w < count; w++)
        {
            var values = windows.Slice(w * window, window);
            double mean = 0;
            foreach (float v in values) mean += v;
            mean /= window;
            for (int t = 0; t < window; t++) centred[t] = values[t] - mean;
            for (int k = 1; k <= bins; k++)
            {
                double real = 0, imaginary = 0;
                for (int t = 0; t < window; t++)
                {
                    double angle = 2 * Math.PI * k * t / window;
                    real += centred[t] * Math.Cos(angle);
                    imaginary -= centred[t] * Math.Sin(angle);
                }
                power[k - 1] += (real * real + imaginary * imaginary) / window / count;
            }
        }
        return power;
    }

    /// <summary>The period W / k (steps) of the strongest bin of <see cref="Mean"/>.</summary>
    public static double DominantPeriod(ReadOnlySpan<float> windows, int window)
    {
        double[] power = Mean(windows, window);
        int strongest = Array.IndexOf(power, power.Max());
        return (double)window / (strongest + 1);
    }
}
