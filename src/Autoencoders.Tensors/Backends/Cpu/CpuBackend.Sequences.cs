using System.Numerics.Tensors;

namespace Autoencoders.Tensors.Backends.Cpu;

// Kernels on sequences (N, T, C), channels last, split over the N sequences. The steps of one sequence are rows of
// C values, so a window over time is a run of whole rows and every channel is handled by one vector operation.
public sealed unsafe partial class CpuBackend
{
    public void MaxPool1D(Tensor x, Tensor y, int pool, int stride)
    {
        RequireSequencePair(x, y, out int steps, out int outSteps, out int channels);
        if (outSteps != (steps - pool) / stride + 1 || pool > steps)
            throw new ArgumentException($"expected {(steps - pool) / stride + 1} output steps for a pool of {pool}, stride {stride} over {steps}, received {y.Shape}");
        (CurrentJob.A, CurrentJob.B, CurrentJob.Integer, CurrentJob.Integer2) = (x, y, pool, stride);
        ForItems(x.Shape[0], steps * channels, &MaxPool1DRange);
    }

    // y[t] = max over x[t·s .. t·s + pool) per channel; TensorPrimitives.Max propagates NaN, as PyTorch's pooling does.
    private static void MaxPool1DRange(RangeJob job, int start, int end, int part)
    {
        Tensor x = job.A!, y = job.B!;
        int steps = x.Shape[1], channels = x.Shape[2], outSteps = y.Shape[1], pool = job.Integer, stride = job.Integer2;
        for (int n = start; n < end; n++)
        {
            ReadOnlySpan<float> input = x.Buffer.AsSpan(x.Offset + n * steps * channels, steps * channels);
            Span<float> output = y.Buffer.AsSpan(y.Offset + n * outSteps * channels, outSteps * channels);
            for (int t = 0; t < outSteps; t++)
            {
                Span<float> row = output.Slice(t * channels, channels);
                input.Slice(t * stride * channels, channels).CopyTo(row);
                for (int j = 1; j < pool; j++) TensorPrimitives.Max(row, input.Slice((t * stride + j) * channels, channels), row);
            }
        }
    }

    public void MaxPool1DBackward(Tensor x, Tensor dy, Tensor dx, int pool, int stride, bool accumulate)
    {
        RequireSequencePair(x, dy, out int steps, out _, out int channels);
        if (dx.Length != x.Length) throw new ArgumentException($"expected an input gradient like {x.Shape}, received {dx.Shape}");
        (CurrentJob.A, CurrentJob.B, CurrentJob.C, CurrentJob.Integer, CurrentJob.Integer2, CurrentJob.Flag) = (x, dy, dx, pool, stride, accumulate);
        ForItems(x.Shape[0], steps * channels, &MaxPool1DBackwardRange);
    }

    // Each window's gradient goes to its first maximum per channel (NaN counts as the maximum), found again from x.
    private static void MaxPool1DBackwardRange(RangeJob job, int start, int end, int part)
    {
        Tensor x = job.A!, dy = job.B!, dx = job.C!;
        int steps = x.Shape[1], channels = x.Shape[2], outSteps = dy.Shape[1], pool = job.Integer, stride = job.Integer2;
        for (int n = start; n < end; n++)
        {
            ReadOnlySpan<float> input = x.Buffer.AsSpan(x.Offset + n * steps * channels, steps * channels);
            ReadOnlySpan<float> upstream = dy.Buffer.AsSpan(dy.Offset + n * outSteps * channels, outSteps * channels);
            Span<float> gradient = dx.Buffer.AsSpan(dx.Offset + n * steps * channels, steps * channels);
            if (!job.Flag) gradient.Clear();
            for (int t = 0; t < outSteps; t++)
                for (int c = 0; c < channels; c++)
                {
                    int best = t * stride * channels + c;
                    for (int j = 1; j < pool; j++)
                    {
                        int index = (t * stride + j) * channels + c;
                        if (input[index] > input[best] || float.IsNaN(input[index]) && !float.IsNaN(input[best])) best = index;
                    }
                    gradient[best] += upstream[t * channels + c];
                }
        }
    }

    public void UpSample1D(Tensor x, Tensor y, int factor)
    {
        RequireSequencePair(x, y, out int steps, out int outSteps, out int channels);
        if (outSteps != steps * factor) throw new ArgumentException($"expected {steps * factor} output steps, received {y.Shape}");
        (CurrentJob.A, CurrentJob.B, CurrentJob.Integer) = (x, y, factor);
        ForItems(x.Shape[0], outSteps * channels, &UpSample1DRange);
    }

    private static void UpSample1DRange(RangeJob job, int start, int end, int part)
    {
        Tensor x = job.A!, y = job.B!;
        int steps = x.Shape[1], channels = x.Shape[2], factor = job.Integer;
        for (int n = start; n < end; n++)
            for (int t = 0; t < steps; t++)
            {
                ReadOnlySpan<float> row = x.Buffer.AsSpan(x.Offset + (n * steps + t) * channels, channels);
                for (int j = 0; j < factor; j++) row.CopyTo(y.Buffer.AsSpan(y.Offset + ((n * steps + t) * factor + j) * channels, channels));
            }
    }

    public void UpSample1DBackward(Tensor dy, Tensor dx, int factor, bool accumulate)
    {
        RequireSequencePair(dx, dy, out int steps, out int outSteps, out int channels);
        if (outSteps != steps * factor) throw new ArgumentException($"expected {steps * factor} upstream steps, received {dy.Shape}");
        (CurrentJob.A, CurrentJob.B, CurrentJob.Integer, CurrentJob.Flag) = (dy, dx, factor, accumulate);
        ForItems(dx.Shape[0], outSteps * channels, &UpSample1DBackwardRange);
    }

    // dx[t] (+)= Σ_j dy[t·f + j].
    private static void UpSample1DBackwardRange(RangeJob job, int start, int end, int part)
    {
        Tensor dy = job.A!, dx = job.B!;
        int steps = dx.Shape[1], channels = dx.Shape[2], factor = job.Integer;
        for (int n = start; n < end; n++)
            for (int t = 0; t < steps; t++)
            {
                Span<float> row = dx.Buffer.AsSpan(dx.Offset + (n * steps + t) * channels, channels);
                for (int j = 0; j < factor; j++)
                {
                    ReadOnlySpan<float> upstream = dy.Buffer.AsSpan(dy.Offset + ((n * steps + t) * factor + j) * channels, channels);
                    if (j == 0 && !job.Flag) upstream.CopyTo(row);
                    else TensorPrimitives.Add(row, upstream, row);
                }
            }
    }

    public void GlobalAveragePool1D(Tensor x, Tensor? mask, Tensor y)
    {
        RequireGlobalPool(x, mask, y);
        (CurrentJob.A, CurrentJob.B, CurrentJob.C) = (x, mask, y);
        ForItems(x.Shape[0], x.Shape[1] * x.Shape[2], &GlobalAveragePoolRange);
    }

    private static void GlobalAveragePoolRange(RangeJob job, int start, int end, int part)
    {
        Tensor x = job.A!, y = job.C!;
        Tensor? mask = job.B;
        int steps = x.Shape[1], channels = x.Shape[2];
        for (int n = start; n < end; n++)
        {
            Span<float> output = y.Buffer.AsSpan(y.Offset + n * channels, channels);
            output.Clear();
            float count = 0;
            for (int t = 0; t < steps; t++)
            {
                float weight = mask is null ? 1f : mask.Buffer[mask.Offset + n * steps + t];
                if (weight == 0f) continue;
                count += weight;
                ReadOnlySpan<float> row = x.Buffer.AsSpan(x.Offset + (n * steps + t) * channels, channels);
                if (weight == 1f) TensorPrimitives.Add(output, row, output);
                else TensorPrimitives.MultiplyAdd(row, weight, output, output);
            }
            if (count > 0f) TensorPrimitives.Multiply(output, 1f / count, output);
        }
    }

    public void GlobalAveragePool1DBackward(Tensor? mask, Tensor dy, Tensor dx, bool accumulate)
    {
        RequireGlobalPool(dx, mask, dy);
        (CurrentJob.A, CurrentJob.B, CurrentJob.C, CurrentJob.Flag) = (dx, mask, dy, accumulate);
        ForItems(dx.Shape[0], dx.Shape[1] * dx.Shape[2], &GlobalAveragePoolBackwardRange);
    }

    // dx[n, t] (+)= m[n, t] · dy[n] / Σ_t m[n, t]: a masked step gets nothing.
    private static void GlobalAveragePoolBackwardRange(RangeJob job, int start, int end, int part)
    {
        Tensor dx = job.A!, dy = job.C!;
        Tensor? mask = job.B;
        int steps = dx.Shape[1], channels = dx.Shape[2];
        for (int n = start; n < end; n++)
        {
            float count = 0;
            for (int t = 0; t < steps; t++) count += mask is null ? 1f : mask.Buffer[mask.Offset + n * steps + t];
            ReadOnlySpan<float> upstream = dy.Buffer.AsSpan(dy.Offset + n * channels, channels);
            for (int t = 0; t < steps; t++)
            {
                Span<float> row = dx.Buffer.AsSpan(dx.Offset + (n * steps + t) * channels, channels);
                float weight = mask is null ? 1f : mask.Buffer[mask.Offset + n * steps + t];
                float scale = count > 0f ? weight / count : 0f;
                if (job.Flag) TensorPrimitives.MultiplyAdd(upstream, scale, row, row);
                else TensorPrimitives.Multiply(upstream, scale, row);
            }
        }
    }

    public void GlobalMaxPool1D(Tensor x, Tensor? mask, Tensor y)
    {
        RequireGlobalPool(x, mask, y);
        (CurrentJob.A, CurrentJob.B, CurrentJob.C) = (x, mask, y);
        ForItems(x.Shape[0], x.Shape[1] * x.Shape[2], &GlobalMaxPoolRange);
    }

    private static void GlobalMaxPoolRange(RangeJob job, int start, int end, int part)
    {
        Tensor x = job.A!, y = job.C!;
        Tensor? mask = job.B;
        int steps = x.Shape[1], channels = x.Shape[2];
        for (int n = start; n < end; n++)
        {
            Span<float> output = y.Buffer.AsSpan(y.Offset + n * channels, channels);
            bool any = false;
            for (int t = 0; t < steps; t++)
            {
                if (mask is not null && mask.Buffer[mask.Offset + n * steps + t] == 0f) continue;
                ReadOnlySpan<float> row = x.Buffer.AsSpan(x.Offset + (n * steps + t) * channels, channels);
                if (any) TensorPrimitives.Max(output, row, output);
                else row.CopyTo(output);
                any = true;
            }
            if (!any) output.Clear();
        }
    }

    public void GlobalMaxPool1DBackward(Tensor x, Tensor? mask, Tensor dy, Tensor dx, bool accumulate)
    {
        RequireGlobalPool(x, mask, dy);
        if (dx.Length != x.Length) throw new ArgumentException($"expected an input gradient like {x.Shape}, received {dx.Shape}");
        (CurrentJob.A, CurrentJob.B, CurrentJob.C, CurrentJob.D, CurrentJob.Flag) = (x, mask, dy, dx, accumulate);
        ForItems(x.Shape[0], x.Shape[1] * x.Shape[2], &GlobalMaxPoolBackwardRange);
    }

    // Each channel's gradient goes to its first maximum among the unmasked steps (NaN counts as the maximum).
    private static void GlobalMaxPoolBackwardRange(RangeJob job, int start, int end, int part)
    {
        Tensor x = job.A!, dy = job.C!, dx = job.D!;
        Tensor? mask = job.B;
        int steps = x.Shape[1], channels = x.Shape[2];
        for (int n = start; n < end; n++)
        {
            ReadOnlySpan<float> input = x.Buffer.AsSpan(x.Offset + n * steps * channels, steps * channels);
            Span<float> gradient = dx.Buffer.AsSpan(dx.Offset + n * steps * channels, steps * channels);
            if (!job.Flag) gradient.Clear();
            for (int c = 0; c < channels; c++)
            {
                int best = -1;
                for (int t = 0; t < steps; t++)
                {
                    if (mask is not null && mask.Buffer[mask.Offset + n * steps + t] == 0f) continue;
                    int index = t * channels + c;
                    if (best < 0 || input[index] > input[best] || float.IsNaN(input[index]) && !float.IsNaN(input[best])) best = index;
                }
                if (best >= 0) gradient[best] += dy.Buffer[dy.Offset + n * channels + c];
            }
        }
    }

    private static void RequireSequencePair(Tensor a, Tensor b, out int steps, out int otherSteps, out int channels)
    {
        if (a.Shape.Rank != 3 || b.Shape.Rank != 3 || a.Shape[0] != b.Shape[0] || a.Shape[2] != b.Shape[2])
            throw new ArgumentException($"expected two sequences (N, T, C) with the same N and C, received {a.Shape} and {b.Shape}");
        (steps, otherSteps, channels) = (a.Shape[1], b.Shape[1], a.Shape[2]);
    }

    private static void RequireGlobalPool(Tensor x, Tensor? mask, Tensor pooled)
    {
        if (x.Shape.Rank != 3) throw new ArgumentException($"expected sequences (N, T, C), received {x.Shape}");
        if (pooled.Shape.Rank != 2 || pooled.Shape[0] != x.Shape[0] || pooled.Shape[1] != x.Shape[2])
            throw new ArgumentException($"expected pooled values ({x.Shape[0]}, {x.Shape[2]}), received {pooled.Shape}");
        if (mask is not null && mask.Length != x.Shape[0] * x.Shape[1])
            throw new ArgumentException($"expected a mask ({x.Shape[0]}, {x.Shape[1]}), received {mask.Shape}");
    }
}
