namespace Autoencoders.Applications.Translation;

/// <summary>
/// <see cref="ImageResize.Upsample"/> for planes of one size, with its interpolation taps computed once: it holds no
/// mutable state, so threads may share it, each passing its own scratch of <see cref="ScratchLength"/> values.
/// </summary>
public sealed class ImageUpsampler
{
    private readonly Taps rows, columns;

    public ImageUpsampler(int height, int width, int factor, Interpolation method)
    {
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), factor, "expected a positive factor");
        (Height, Width, Factor, Method) = (height, width, factor, method);
        rows = Taps.For(width, factor, method);
        columns = Taps.For(height, factor, method);
    }

    public int Height { get; }

    public int Width { get; }

    public int Factor { get; }

    public Interpolation Method { get; }

    /// <summary>The scratch <see cref="Upsample"/> needs: the plane with its rows resized, (height, width × factor).</summary>
    public int ScratchLength => Height * Width * Factor;

    /// <summary>Whether this upsampler is the one for planes of this size, factor and method.</summary>
    public bool Fits(int height, int width, int factor, Interpolation method) =>
        (height, width, factor, method) == (Height, Width, Factor, Method);

    /// <summary>The (height × factor, width × factor) plane interpolated from <paramref name="plane"/>, clamped to [0, 1].</summary>
    public void Upsample(ReadOnlySpan<float> plane, Span<float> destination, Span<float> scratch)
    {
        int outHeight = Height * Factor, outWidth = Width * Factor;
        var wide = scratch[..ScratchLength]; // rows resized first: (height, outWidth)
        for (int y = 0; y < Height; y++)
            rows.Resample(plane.Slice(y * Width, Width), 1, wide.Slice(y * outWidth, outWidth), 1);
        for (int x = 0; x < outWidth; x++)
            columns.Resample(wide[x..], outWidth, destination[x..], outWidth);
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
