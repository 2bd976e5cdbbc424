using Autoencoders.Tensors.Backends;
using static Autoencoders.Tensors.Tests.TestTensors;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>The broadcasting binary kernels against a scalar loop: same shapes at awkward lengths (the SIMD path),
/// a scalar operand on either side, and stretched shapes (the index-mapping path). Exact: one float op per element.</summary>
public sealed class BinaryKernelTests
{
    public static TheoryData<BinaryOp> Ops() => new(Enum.GetValues<BinaryOp>());

    [Theory]
    [MemberData(nameof(Ops))]
    public void SameShapesAndScalarsAtAwkwardLengths(BinaryOp op)
    {
        foreach (int length in UnaryKernelTests.Lengths)
        {
            var random = new Random(length);
            float[] a = AwayFromZero(random, length, 0.5f, 2f), b = AwayFromZero(random, length, 0.5f, 2f);
            Expect(op, new Shape(length), a, new Shape(length), b);
            if (length == 0)
                continue; // a scalar against (0): BroadcastingTests.AZeroSizedDimensionIsNotStretched
            Expect(op, new Shape(length), a, Shape.Scalar, [b[0]]);
            Expect(op, new Shape(1), [a[0]], new Shape(length), b);
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void StretchedShapes(BinaryOp op)
    {
        int[][][] cases =
        [
            [[3, 17], [17]], [[3, 17], [3, 1]], [[2, 3, 9], [2, 1, 9]], [[5, 1], [1, 9]], [[2, 1, 3, 1], [4, 1, 5]], [[7], [2, 3, 7]],
        ];
        var random = new Random((int)op);
        foreach (var pair in cases)
        {
            Shape sa = new(pair[0]), sb = new(pair[1]);
            Expect(op, sa, AwayFromZero(random, sa.ElementCount, 0.5f, 2f), sb, AwayFromZero(random, sb.ElementCount, 0.5f, 2f));
        }
    }

    private static void Expect(BinaryOp op, Shape sa, float[] a, Shape sb, float[] b)
    {
        Shape sc = Broadcasting.ResultShape(sa, sb);
        Tensor c = GuardedView(sc, new float[sc.ElementCount]);
        TestBackends.Parallel.Binary(op, new Tensor(sa, a), new Tensor(sb, b), c);
        string what = $"{op} of {sa} and {sb}";
        Span<int> index = stackalloc int[Shape.MaxRank];
        for (int flat = 0; flat < sc.ElementCount; flat++)
        {
            // Unravel the result index, then read each operand at it, size-1 dimensions pinned at 0.
            for (int axis = sc.Rank - 1, rest = flat; axis >= 0; axis--)
            {
                index[axis] = rest % sc[axis];
                rest /= sc[axis];
            }
            float x = a[Ravel(sa, sc, index)], y = b[Ravel(sb, sc, index)];
            float expected = op switch { BinaryOp.Add => x + y, BinaryOp.Subtract => x - y, BinaryOp.Multiply => x * y, _ => x / y };
            Assert.True(expected == c.Span[flat], $"{what}: element {flat} is {c.Span[flat]:G9}, expected {expected:G9}");
        }
        AssertGuardsIntact(c, what);
    }

    private static int Ravel(Shape operand, Shape result, ReadOnlySpan<int> index)
    {
        int flat = 0;
        for (int axis = 0; axis < operand.Rank; axis++)
        {
            int resultAxis = axis + result.Rank - operand.Rank;
            flat = flat * operand[axis] + (operand[axis] == 1 ? 0 : index[resultAxis]);
        }
        return flat;
    }
}
