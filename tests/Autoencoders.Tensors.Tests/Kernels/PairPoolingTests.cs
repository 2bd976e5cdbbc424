namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>
/// 2 × 2 max pooling (its own vector kernel, 4 windows at a time with an overlapping last block) against a plain
/// reference: the first maximum in reading order, a NaN over any number, the gradient to that element. Values come
/// from {0, 0.25, 0.5, NaN}, so ties and NaNs are everywhere, on every width from 2 to 21 (window rows of 1 to 10,
/// below, at and past the 4 of a block) and odd heights, overwriting and accumulating.
/// </summary>
public sealed class PairPoolingTests
{
    public static TheoryData<int, int> Sizes()
    {
        var sizes = new TheoryData<int, int>();
        for (int width = 2; width <= 21; width++) sizes.Add(width % 3 + 2, width);
        return sizes;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ForwardAndBackwardChooseAsTheReferenceDoes(int height, int width)
    {
        var random = new Random(height * 100 + width);
        float[] values = [0f, 0.25f, 0.5f, float.NaN];
        var xShape = new Shape(2, 3, height, width);
        var x = new Tensor(xShape, [.. Enumerable.Range(0, xShape.ElementCount).Select(_ => values[random.Next(random.Next(5) == 0 ? 4 : 3)])]);
        int outHeight = (height - 2) / 2 + 1, outWidth = (width - 2) / 2 + 1;
        var yShape = new Shape(2, 3, outHeight, outWidth);
        var dy = new Tensor(yShape, [.. Enumerable.Range(0, yShape.ElementCount).Select(i => 1f + i)]);
        var (expectedY, expectedDx) = Reference(x, outHeight, outWidth, dy);

        foreach (var backend in new[] { TestBackends.SingleThreaded, TestBackends.Parallel })
        {
            var y = new Tensor(yShape);
            backend.MaxPool2D(x, y, 2, 2);
            Assert.Equal(expectedY.Select(BitConverter.SingleToInt32Bits), y.Span.ToArray().Select(BitConverter.SingleToInt32Bits));

            var dx = new Tensor(xShape, [.. Enumerable.Repeat(float.NaN, xShape.ElementCount)]);
            backend.MaxPool2DBackward(x, dy, dx, 2, 2, accumulate: false);
            Assert.Equal(expectedDx, dx.Span.ToArray());

            var accumulated = new Tensor(xShape, [.. Enumerable.Repeat(1000f, xShape.ElementCount)]);
            backend.MaxPool2DBackward(x, dy, accumulated, 2, 2, accumulate: true);
            Assert.Equal(expectedDx.Select(g => g + 1000f), accumulated.Span.ToArray());
        }
    }

    private static (float[] Y, float[] Dx) Reference(Tensor x, int outHeight, int outWidth, Tensor dy)
    {
        int planes = x.Shape[0] * x.Shape[1], height = x.Shape[2], width = x.Shape[3];
        float[] input = x.Span.ToArray(), upstream = dy.Span.ToArray();
        var y = new float[planes * outHeight * outWidth];
        var dx = new float[input.Length];
        for (int plane = 0; plane < planes; plane++)
            for (int oy = 0; oy < outHeight; oy++)
                for (int ox = 0; ox < outWidth; ox++)
                {
                    int best = -1;
                    foreach (int index in new[] { (2 * oy) * width + 2 * ox, (2 * oy) * width + 2 * ox + 1, (2 * oy + 1) * width + 2 * ox, (2 * oy + 1) * width + 2 * ox + 1 })
                    {
                        int at = plane * height * width + index;
                        if (best < 0 || input[at] > input[best] || float.IsNaN(input[at]) && !float.IsNaN(input[best])) best = at;
                    }
                    int output = (plane * outHeight + oy) * outWidth + ox;
                    y[output] = input[best];
                    dx[best] += upstream[output];
                }
        return (y, dx);
    }
}
