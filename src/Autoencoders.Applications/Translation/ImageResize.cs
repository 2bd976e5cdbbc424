namespace Autoencoders.Applications.Translation;

/// <summary>How <see cref="ImageResize.Upsample"/> interpolates: the super-resolution baselines.</summary>
public enum Interpolation
{
    Nearest,
    Bilinear,
    /// <summary>Keys' cubic convolution with a = −0.5 (as PIL and scikit-image's order 3 spline are not: this is the
    /// classic "bicubic" of image editors and of super-resolution papers' baselines).</summary>
    Bicubic,
}

/// <summary>
/// Integer-factor resizing of one (height, width) plane. Downsampling averages each factor × factor block (area
/// downsampling: what a sensor of larger pixels records). Upsampling puts output pixel o at source coordinate
/// (o + ½) / factor − ½ (pixel centres aligned, as PIL, OpenCV and PyTorch's align_corners=False do), repeats edge pixels
/// beyond the border, and clamps the result to [0, 1].
/// </summary>
public static class ImageResize
{
    /// <summary>The (height / factor, width / factor) plane of block means; height and width must divide by the factor.</summary>
    public static void AreaDownsample(ReadOnlySpan<float> plane, int height, int width, int factor, Span<float> destination)
    {
        if (factor < 1 || height % factor != 0 || width % factor != 0)
            throw new ArgumentException($"a {width}×{height} image cannot be downsampled by {factor}: both sides must divide by it");
        int lowHeight = height / factor, lowWidth = width / factor;
        float scale = 1f / (factor * factor);
        for (int y = 0; y < lowHeight; y++)
            for (int x = 0; x < lowWidth; x++)
            {
                float sum = 0;
                for (int dy = 0; dy < factor; dy++)
                    for (int dx = 0; dx < factor; dx++) sum += plane[(y * factor + dy) * width + x * factor + dx];
                destination[y * lowWidth + x] = sum * scale;
            }
    }

    /// <summary>The (height × factor, width × factor) plane interpolated from a (height, width) one.</summary>
    public static void Upsample(ReadOnlySpan<float> plane, int height, int width, int factor, Interpolation method, Span<float> destination)
    {
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), factor, "expected a positive factor");
        int outHeight = height * factor, outWidth = width * factor;
        var rows = Taps.For(width, factor, method);
        var columns = Taps.For(height, factor, method);
        var wide = new float[height * outWidth]; // rows resized first: (height, outWidth)
        for (int y = 0; y < height; y++)
            rows.Resample(plane.Slice(y * width, width), 1, wide.AsSpan(y * outWidth, outWidth), 1);
        for (int x = 0; x < outWidth; x++)
            columns.Resample(wide.AsSpan(x), outWidth, destination[x..], outWidth);
        for (int i = 0; i < outHeight * outWidth; i++) destination[i] = Math.Clamp(destination[i], 0f, 1f);
    }

    /// <summary>For each output index, the source indices and weights that make it, along one axis.</summary>
    private sealed class Taps
    {
        private readonly int count, outputs;
        private readonly int[] indices;
        private readonly float[] weights;

        private Taps(int count, int outputs)
        {
            (this.count, this.outputs) = (count, outputs);
            indices = new int[count * outputs];
            weights = new float[count * outputs];
        }

        public static Taps For(int length, int factor, Interpolation method)
        {
            int count = method switch { Interpolation.Nearest => 1, Interpolation.Bilinear => 2, _ => 4 };
            var taps = new Taps(count, length * factor);
            for (int o = 0; o < length * factor; o++)
            {
                double source = (o + 0.5) / factor - 0.5;
                int first = (int)Math.Floor(source);
                double t = source - first;
                for (int k = 0; k < count; k++)
                {
                    int index = method switch { Interpolation.Nearest => o / factor, Interpolation.Bilinear => first + k, _ => first - 1 + k };
                    double weight = method switch
                    {
                        Interpolation.Nearest => 1,
                        Interpolation.Bilinear => k == 0 ? 1 - t : t,
                        _ => Cubic(t + 1 - k),
                    };
                    taps.indices[o * count + k] = Math.Clamp(index, 0, length - 1);
                    taps.weights[o * count + k] = (float)weight;
                }
            }
            return taps;
        }

        /// <summary>Keys' kernel with a = −0.5 at distance <paramref name="x"/>.</summary>
        private static double Cubic(double x)
        {
            const double a = -0.5;
            x = Math.Abs(x);
            return x <= 1 ? ((a + 2) * x - (a + 3)) * x * x + 1
                : x < 2 ? ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
                : 0;
        }

        /// <summary>Output i (at destination[i · destinationStride]) from source values at source[j · sourceStride].</summary>
        public void Resample(ReadOnlySpan<float> source, int sourceStride, Span<float> destination, int destinationStride)
        {
            for (int o = 0; o < outputs; o++)
            {
                float sum = 0;
                for (int k = 0; k < count; k++) sum += weights[o * count + k] * source[indices[o * count + k] * sourceStride];
                destination[o * destinationStride] = sum;
            }
        }
    }
}
