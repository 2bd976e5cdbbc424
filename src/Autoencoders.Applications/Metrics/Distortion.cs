namespace Autoencoders.Applications.Metrics;

/// <summary>How far a reconstruction is from the original, over every value: the MSE, and the PSNR for values in [0, 1].</summary>
public static class Distortion
{
    /// <summary>(1/n) Σ (estimate − reference)², in double.</summary>
    public static double MeanSquaredError(ReadOnlySpan<float> estimate, ReadOnlySpan<float> reference) =>
        reference.Length == 0 ? 0 : SquaredError(estimate, reference) / reference.Length;

    /// <summary>10 log₁₀(1 / MSE) in dB, the peak being 1 (pixels scaled to [0, 1]); an exact copy gives a large finite figure, not infinity.</summary>
    public static double PeakSignalToNoise(ReadOnlySpan<float> estimate, ReadOnlySpan<float> reference) =>
        10 * Math.Log10(reference.Length / Math.Max(SquaredError(estimate, reference), 1e-30));

    private static double SquaredError(ReadOnlySpan<float> estimate, ReadOnlySpan<float> reference)
    {
        if (estimate.Length != reference.Length)
            throw new ArgumentException($"expected {reference.Length} reconstructed values, received {estimate.Length}");
        double sum = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double d = estimate[i] - reference[i];
            sum += d * d;
        }
        return sum;
    }
}
