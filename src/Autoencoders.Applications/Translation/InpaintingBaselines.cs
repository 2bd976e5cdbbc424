using Autoencoders.Data.Images;

namespace Autoencoders.Applications.Translation;

/// <summary>
/// Classical inpainting without a network, filling only the hidden values (the visible ones are kept): the mean
/// training image there, the value of the nearest visible pixel, or a PCA projection (<see cref="PcaInpainting"/>).
/// </summary>
public static class InpaintingBaselines
{
    /// <summary>Each hidden value replaced by the mean of the clean training images at that value.</summary>
    public static float[] MeanFill(ReadOnlySpan<float> inputs, ReadOnlySpan<bool> hidden, ReadOnlySpan<float> trainingMean)
    {
        int n = trainingMean.Length;
        var outputs = inputs.ToArray();
        for (int i = 0; i < outputs.Length; i++)
            if (hidden[i]) outputs[i] = trainingMean[i % n];
        return outputs;
    }

    /// <summary>Each hidden value replaced by the visible value of its channel nearest to it (Euclidean distance; of
    /// equally near ones, the first in row-major order).</summary>
    public static float[] NearestFill(ReadOnlySpan<float> inputs, ReadOnlySpan<bool> hidden, ImageLayout layout)
    {
        var outputs = inputs.ToArray();
        int n = layout.ValueCount, plane = layout.PlaneSize;
        for (int image = 0; image < inputs.Length / n; image++)
            for (int c = 0; c < layout.Channels; c++)
            {
                int offset = image * n + c * plane;
                var mask = hidden.Slice(offset, plane);
                for (int p = 0; p < plane; p++)
                {
                    if (!mask[p]) continue;
                    int best = -1, bestDistance = int.MaxValue, py = p / layout.Width, px = p % layout.Width;
                    for (int q = 0; q < plane; q++)
                    {
                        if (mask[q]) continue;
                        int dy = q / layout.Width - py, dx = q % layout.Width - px, distance = dy * dy + dx * dx;
                        if (distance < bestDistance) (best, bestDistance) = (q, distance);
                    }
                    if (best >= 0) outputs[offset + p] = inputs[offset + best];
                }
            }
        return outputs;
    }
}
