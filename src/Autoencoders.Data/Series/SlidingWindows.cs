namespace Autoencoders.Data;

/// <summary>
/// Cuts a series (T, C) into windows of W steps every S steps: window j covers steps [jS, jS + W), so there are
/// ⌊(T − W) / S⌋ + 1 of them and each is one sample of shape (W, C), channels last as Conv1D and LSTM take it.
/// </summary>
public static class SlidingWindows
{
    /// <summary>How many windows fit; an <see cref="ArgumentException"/> when the series is shorter than one window.</summary>
    public static int Count(int length, int window, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        if (window > length)
            throw new ArgumentException($"--window {window}: longer than the series, which has {length} steps; expected at most {length}");
        return (length - window) / stride + 1;
    }

    /// <summary>The windows of row-major (T, C) <paramref name="values"/>, as a dataset of samples (W · C values, shape [W, C]).</summary>
    /// <param name="centered">Subtract each window's own mean, channel by channel: the window keeps its shape and loses its level.</param>
    public static Dataset Cut(ReadOnlySpan<float> values, int channels, int window, int stride, bool centered = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        int length = values.Length / channels;
        int count = Count(length, window, stride);
        int size = window * channels;
        var features = new float[count * size];
        for (int j = 0; j < count; j++)
        {
            var sample = features.AsSpan(j * size, size);
            values.Slice(j * stride * channels, size).CopyTo(sample);
            if (centered) Center(sample, channels);
        }
        return new Dataset(features, size, sampleShape: [window, channels]);
    }

    // One window (W, C), channels interleaved: each channel's mean over the window removed.
    private static void Center(Span<float> sample, int channels)
    {
        int steps = sample.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int t = 0; t < steps; t++) sum += sample[t * channels + c];
            float mean = (float)(sum / steps);
            for (int t = 0; t < steps; t++) sample[t * channels + c] -= mean;
        }
    }
}
