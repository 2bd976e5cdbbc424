using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Autoencoders.Applications.Features;

/// <summary>z = (x − μ) / σ per feature, μ and σ (population) from the training rows; a feature that is constant there
/// (σ ≤ 10⁻⁶ max(1, |μ|), i.e. constant up to float rounding) maps to 0 instead of being blown up.</summary>
internal sealed class Standardization
{
    private readonly float[] mean;
    private readonly float[] inverseStd; // 1/σ, or 0 for a constant feature

    private Standardization(float[] mean, float[] inverseStd)
    {
        this.mean = mean;
        this.inverseStd = inverseStd;
    }

    public int Dimensions => mean.Length;

    public static Standardization Fit(ReadOnlySpan<float> rows, int dimensions)
    {
        int count = rows.Length / dimensions;
        var sums = new double[dimensions];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < dimensions; j++) sums[j] += rows[i * dimensions + j];
        var mean = new float[dimensions];
        for (int j = 0; j < dimensions; j++) mean[j] = (float)(sums[j] / count);
        // Two passes: Σ(x − μ)² does not cancel the way Σx² − nμ² does.
        Array.Clear(sums);
        for (int i = 0; i < count; i++)
            for (int j = 0; j < dimensions; j++)
            {
                double deviation = rows[i * dimensions + j] - mean[j];
                sums[j] += deviation * deviation;
            }
        var inverseStd = new float[dimensions];
        for (int j = 0; j < dimensions; j++)
        {
            double std = Math.Sqrt(sums[j] / count);
            inverseStd[j] = std <= 1e-6 * Math.Max(1.0, Math.Abs(mean[j])) ? 0f : (float)(1.0 / std);
        }
        return new Standardization(mean, inverseStd);
    }

    /// <summary>Writes the standardised <paramref name="row"/> into <paramref name="destination"/>.</summary>
    public void Apply(ReadOnlySpan<float> row, Span<float> destination)
    {
        TensorPrimitives.Subtract(row, mean, destination);
        TensorPrimitives.Multiply(destination, inverseStd, destination);
    }
}
