namespace Autoencoders.Tensors.Backends.Cpu;

// Max pooling and nearest-neighbour upsampling on NCHW tensors, split over the N·C image planes.
public sealed unsafe partial class CpuBackend
{
    public void MaxPool2D(Tensor x, Tensor y, int pool, int stride)
    {
        RequirePlanes(x, y, out int planes);
        (CurrentJob.A, CurrentJob.B, CurrentJob.Integer, CurrentJob.Integer2) = (x, y, pool, stride);
        ForItems(planes, x.Shape[2] * x.Shape[3], &MaxPoolRange);
    }

    // y[oy, ox] = max over the pool × pool window at (oy·s, ox·s).
    private static void MaxPoolRange(RangeJob job, int start, int end, int part)
    {
        Tensor x = job.A!, y = job.B!;
        int height = x.Shape[2], width = x.Shape[3], outHeight = y.Shape[2], outWidth = y.Shape[3], pool = job.Integer, stride = job.Integer2;
        for (int plane = start; plane < end; plane++)
        {
            ReadOnlySpan<float> input = x.Buffer.AsSpan(x.Offset + plane * height * width, height * width);
            Span<float> output = y.Buffer.AsSpan(y.Offset + plane * outHeight * outWidth, outHeight * outWidth);
            bool pairs = pool == 2 && stride == 2;
            for (int oy = 0; oy < outHeight; oy++)
            {
                if (pairs && PairPooling.Handles(outWidth))
                {
                    PairPooling.ForwardRow(input.Slice(2 * oy * width, width), input.Slice((2 * oy + 1) * width, width), output.Slice(oy * outWidth, outWidth), outWidth);
                    continue;
                }
                for (int ox = 0; ox < outWidth; ox++)
                    output[oy * outWidth + ox] = input[pairs
                        ? ArgMaxOfPair(input, width, 2 * oy, 2 * ox)
                        : ArgMax(input, width, oy * stride, ox * stride, pool)];
            }
        }
    }

    public void MaxPool2DBackward(Tensor x, Tensor dy, Tensor dx, int pool, int stride, bool accumulate)
    {
        RequirePlanes(x, dy, out int planes);
        (CurrentJob.A, CurrentJob.B, CurrentJob.C, CurrentJob.Integer, CurrentJob.Integer2, CurrentJob.Flag) = (x, dy, dx, pool, stride, accumulate);
        ForItems(planes, x.Shape[2] * x.Shape[3], &MaxPoolBackwardRange);
    }

    // Each window's gradient goes to its maximum, found again from x rather than stored: the first maximum
    // in reading order, as PyTorch picks.
    private static void MaxPoolBackwardRange(RangeJob job, int start, int end, int part)
    {
        Tensor x = job.A!, dy = job.B!, dx = job.C!;
        int height = x.Shape[2], width = x.Shape[3], outHeight = dy.Shape[2], outWidth = dy.Shape[3], pool = job.Integer, stride = job.Integer2;
        for (int plane = start; plane < end; plane++)
        {
            ReadOnlySpan<float> input = x.Buffer.AsSpan(x.Offset + plane * height * width, height * width);
            ReadOnlySpan<float> upstream = dy.Buffer.AsSpan(dy.Offset + plane * outHeight * outWidth, outHeight * outWidth);
            Span<float> gradient = dx.Buffer.AsSpan(dx.Offset + plane * height * width, height * width);
            if (!job.Flag) gradient.Clear();
            bool pairs = pool == 2 && stride == 2;
            for (int oy = 0; oy < outHeight; oy++)
            {
                if (pairs && PairPooling.Handles(outWidth))
                {
                    PairPooling.BackwardRow(input.Slice(2 * oy * width, width), input.Slice((2 * oy + 1) * width, width), upstream.Slice(oy * outWidth, outWidth),
                        gradient.Slice(2 * oy * width, width), gradient.Slice((2 * oy + 1) * width, width), outWidth);
                    continue;
                }
                for (int ox = 0; ox < outWidth; ox++)
                    gradient[pairs ? ArgMaxOfPair(input, width, 2 * oy, 2 * ox) : ArgMax(input, width, oy * stride, ox * stride, pool)]
                        += upstream[oy * outWidth + ox];
            }
        }
    }

    /// <summary><see cref="ArgMax"/> of a 2 × 2 window, unrolled: the common pool, and the one that dominates the time
    /// spent pooling. The same choice on ties (the first in reading order) and NaN (it wins).</summary>
    private static int ArgMaxOfPair(ReadOnlySpan<float> plane, int width, int top, int left)
    {
        int a = top * width + left, b = a + 1, c = a + width, d = c + 1;
        int best = a;
        if (plane[b] > plane[best] || float.IsNaN(plane[b]) && !float.IsNaN(plane[best])) best = b;
        if (plane[c] > plane[best] || float.IsNaN(plane[c]) && !float.IsNaN(plane[best])) best = c;
        if (plane[d] > plane[best] || float.IsNaN(plane[d]) && !float.IsNaN(plane[best])) best = d;
        return best;
    }

    /// <summary>The index in the plane of the first maximum of the window at (top, left); NaN counts as the maximum.</summary>
    private static int ArgMax(ReadOnlySpan<float> plane, int width, int top, int left, int pool)
    {
        int best = top * width + left;
        float bestValue = plane[best];
        for (int dy = 0; dy < pool; dy++)
            for (int dx = 0; dx < pool; dx++)
            {
                int index = (top + dy) * width + left + dx;
                float value = plane[index];
                if (value > bestValue || float.IsNaN(value) && !float.IsNaN(bestValue))
                    (best, bestValue) = (index, value);
            }
        return best;
    }

    public void UpSample2D(Tensor x, Tensor y, int factor)
    {
        RequirePlanes(x, y, out int planes);
        (CurrentJob.A, CurrentJob.B, CurrentJob.Integer) = (x, y, factor);
        ForItems(planes, y.Shape[2] * y.Shape[3], &UpSampleRange);
    }

    // y[oy, ox] = x[oy / f, ox / f]: each input row is widened once, then copied f times.
    private static void UpSampleRange(RangeJob job, int start, int end, int part)
    {
        Tensor x = job.A!, y = job.B!;
        int height = x.Shape[2], width = x.Shape[3], factor = job.Integer, outWidth = width * factor;
        for (int plane = start; plane < end; plane++)
        {
            ReadOnlySpan<float> input = x.Buffer.AsSpan(x.Offset + plane * height * width, height * width);
            Span<float> output = y.Buffer.AsSpan(y.Offset + plane * height * factor * outWidth, height * factor * outWidth);
            for (int iy = 0; iy < height; iy++)
            {
                Span<float> first = output.Slice(iy * factor * outWidth, outWidth);
                for (int ix = 0; ix < width; ix++) first.Slice(ix * factor, factor).Fill(input[iy * width + ix]);
                for (int copy = 1; copy < factor; copy++) first.CopyTo(output.Slice((iy * factor + copy) * outWidth, outWidth));
            }
        }
    }

    public void UpSample2DBackward(Tensor dy, Tensor dx, int factor, bool accumulate)
    {
        RequirePlanes(dx, dy, out int planes);
        (CurrentJob.A, CurrentJob.B, CurrentJob.Integer, CurrentJob.Flag) = (dy, dx, factor, accumulate);
        ForItems(planes, dy.Shape[2] * dy.Shape[3], &UpSampleBackwardRange);
    }

    // dx[iy, ix] (+)= the sum of dy over its f × f block.
    private static void UpSampleBackwardRange(RangeJob job, int start, int end, int part)
    {
        Tensor dy = job.A!, dx = job.B!;
        int height = dx.Shape[2], width = dx.Shape[3], factor = job.Integer, outWidth = width * factor;
        for (int plane = start; plane < end; plane++)
        {
            ReadOnlySpan<float> upstream = dy.Buffer.AsSpan(dy.Offset + plane * height * factor * outWidth, height * factor * outWidth);
            Span<float> gradient = dx.Buffer.AsSpan(dx.Offset + plane * height * width, height * width);
            for (int iy = 0; iy < height; iy++)
                for (int ix = 0; ix < width; ix++)
                {
                    float sum = 0;
                    for (int a = 0; a < factor; a++)
                    {
                        ReadOnlySpan<float> block = upstream.Slice((iy * factor + a) * outWidth + ix * factor, factor);
                        for (int b = 0; b < factor; b++) sum += block[b];
                    }
                    gradient[iy * width + ix] = job.Flag ? gradient[iy * width + ix] + sum : sum;
                }
        }
    }

    private static void RequirePlanes(Tensor a, Tensor b, out int planes)
    {
        if (a.Shape.Rank != 4 || b.Shape.Rank != 4 || a.Shape[0] != b.Shape[0] || a.Shape[1] != b.Shape[1])
            throw new ArgumentException($"expected two (N, C, H, W) tensors with the same N and C, received {a.Shape} and {b.Shape}");
        planes = a.Shape[0] * a.Shape[1];
    }
}
