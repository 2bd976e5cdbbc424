using System.Numerics.Tensors;

namespace Autoencoders.Tensors.Backends.Cpu;

// Softmax cross-entropy on logits, row by row over the last axis (K classes). Stable: log Σ e^z is computed as
// m + log Σ e^(z − m) with m the row's maximum. Sums add per-chunk partials in chunk order.
public sealed unsafe partial class CpuBackend
{
    public double SoftmaxCrossEntropySum(Tensor logits, Tensor targets, bool sparse)
    {
        int classes = RequireCrossEntropyPair(logits, targets, sparse);
        RangeJob job = CurrentJob;
        (job.A, job.B, job.Integer, job.Flag) = (logits, targets, classes, sparse);
        ForItems(logits.Length / classes, classes, &CrossEntropySumRows);
        return SumOfPartials();
    }

    private static void CrossEntropySumRows(RangeJob job, int start, int end, int part)
    {
        int classes = job.Integer;
        ReadOnlySpan<float> logits = job.A!.Span, targets = job.B!.Span;
        Span<float> exponentials = Scratch(classes);
        double sum = 0;
        for (int row = start; row < end; row++)
        {
            var z = logits.Slice(row * classes, classes);
            float logSumExp = MathF.Log(ShiftedExponentials(z, exponentials, out float max)) + max;
            if (job.Flag)
                sum += logSumExp - z[(int)targets[row]];
            else
            {
                var t = targets.Slice(row * classes, classes);
                sum += logSumExp * TensorPrimitives.Sum(t) - TensorPrimitives.Dot(t, z);
            }
        }
        job.Partials[part] = sum;
    }

    public void SoftmaxCrossEntropyBackward(Tensor logits, Tensor targets, bool sparse, float scale, Tensor dLogits, bool accumulate)
    {
        int classes = RequireCrossEntropyPair(logits, targets, sparse);
        RequireSameLength(logits, dLogits);
        RangeJob job = CurrentJob;
        (job.A, job.B, job.D, job.Integer, job.Flag, job.Scalar0) = (logits, targets, dLogits, classes, sparse, scale);
        job.Integer2 = accumulate ? 1 : 0;
        ForItems(logits.Length / classes, classes, &CrossEntropyBackwardRows);
    }

    // dz = scale · (softmax(z) Σt − t); for class ids Σt = 1 and t is one-hot at the id. One SIMD exp per element:
    // e^(z − max) goes straight into dz (or a scratch row when adding), then is scaled by 1 / Σ to make the softmax.
    private static void CrossEntropyBackwardRows(RangeJob job, int start, int end, int part)
    {
        int classes = job.Integer;
        bool sparse = job.Flag, accumulate = job.Integer2 != 0;
        float scale = job.Scalar0;
        ReadOnlySpan<float> logits = job.A!.Span, targets = job.B!.Span;
        Span<float> gradient = job.D!.Span;
        Span<float> scratch = accumulate ? Scratch(classes) : default;
        for (int row = start; row < end; row++)
        {
            var z = logits.Slice(row * classes, classes);
            var dz = gradient.Slice(row * classes, classes);
            Span<float> value = accumulate ? scratch : dz;
            float sum = ShiftedExponentials(z, value, out _);
            if (sparse)
            {
                TensorPrimitives.Multiply(value, scale / sum, value);
                value[(int)targets[row]] -= scale;
            }
            else
            {
                var t = targets.Slice(row * classes, classes);
                TensorPrimitives.Multiply(value, scale * TensorPrimitives.Sum(t) / sum, value);
                TensorPrimitives.MultiplyAdd(t, -scale, value, value);
            }
            if (accumulate) TensorPrimitives.Add(dz, value, dz);
        }
    }

    /// <summary>Writes e^(z − max z) into <paramref name="exponentials"/> and returns their sum: log Σ e^z = max + log of it.</summary>
    private static float ShiftedExponentials(ReadOnlySpan<float> z, Span<float> exponentials, out float max)
    {
        max = TensorPrimitives.Max(z);
        TensorPrimitives.Subtract(z, max, exponentials);
        TensorPrimitives.Exp(exponentials, exponentials);
        return TensorPrimitives.Sum(exponentials);
    }

    [ThreadStatic] private static float[]? scratchRow;
    private static int largestScratchRow;

    /// <summary>A row of this thread's own, grown to the largest class count seen (workers are persistent threads).</summary>
    private static Span<float> Scratch(int length) => ThreadBuffer.Grown(ref scratchRow, length, ref largestScratchRow).AsSpan(0, length);

    /// <summary>The class count K, after checking that the targets hold one id per row (sparse) or a row of K.</summary>
    private static int RequireCrossEntropyPair(Tensor logits, Tensor targets, bool sparse)
    {
        int classes = logits.Shape.Rank == 0 ? 0 : logits.Shape[logits.Shape.Rank - 1];
        if (classes == 0)
            throw new ArgumentException($"expected logits (…, K) with at least one class, received {logits.Shape}");
        if (sparse ? targets.Length * classes != logits.Length : targets.Length != logits.Length)
            throw new ArgumentException($"expected {(sparse ? logits.Length / classes + " class ids" : logits.Length + " target probabilities")} for logits {logits.Shape}, received {targets.Shape}");
        return classes;
    }
}
