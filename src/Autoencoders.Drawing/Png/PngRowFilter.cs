namespace Autoencoders.Drawing;

/// <summary>
/// PNG scanline filtering (https://www.w3.org/TR/png/#9Filters). Each row is stored as a filter-type byte
/// followed by the filtered bytes; filtering turns smooth areas into runs of small numbers that deflate well.
/// </summary>
internal static class PngRowFilter
{
    private const int FilterCount = 5; // None, Sub, Up, Average, Paeth

    /// <summary>
    /// Filters every row of <paramref name="pixels"/> (shape (height, stride)) into a buffer of shape
    /// (height, 1 + stride), choosing per row the filter with the smallest sum of |signed byte| —
    /// the heuristic libpng recommends.
    /// </summary>
    public static byte[] FilterImage(ReadOnlySpan<byte> pixels, int height, int stride, int bytesPerPixel)
    {
        var output = new byte[height * (stride + 1)];
        var candidates = new byte[FilterCount * stride];
        ReadOnlySpan<byte> previous = new byte[stride]; // the row above the first row is defined as zeros

        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * stride, stride);
            int best = 0;
            long bestCost = long.MaxValue;
            for (int filter = 0; filter < FilterCount; filter++)
            {
                Span<byte> candidate = candidates.AsSpan(filter * stride, stride);
                Apply(filter, row, previous, candidate, bytesPerPixel);
                long cost = Cost(candidate);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = filter;
                }
            }

            int rowStart = y * (stride + 1);
            output[rowStart] = (byte)best;
            candidates.AsSpan(best * stride, stride).CopyTo(output.AsSpan(rowStart + 1));
            previous = row;
        }

        return output;
    }

    private static void Apply(int filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, Span<byte> output, int bpp)
    {
        for (int i = 0; i < row.Length; i++)
        {
            int left = i >= bpp ? row[i - bpp] : 0;
            int up = above[i];
            int upLeft = i >= bpp ? above[i - bpp] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) >> 1,
                _ => Paeth(left, up, upLeft),
            };
            output[i] = (byte)(row[i] - predictor);
        }
    }

    /// <summary>The Paeth predictor: whichever of left, up, up-left is closest to left + up − upLeft.</summary>
    internal static int Paeth(int left, int up, int upLeft)
    {
        int estimate = left + up - upLeft;
        int distanceLeft = Math.Abs(estimate - left);
        int distanceUp = Math.Abs(estimate - up);
        int distanceUpLeft = Math.Abs(estimate - upLeft);
        if (distanceLeft <= distanceUp && distanceLeft <= distanceUpLeft) return left;
        return distanceUp <= distanceUpLeft ? up : upLeft;
    }

    private static long Cost(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (byte value in filtered)
        {
            sum += Math.Abs((int)(sbyte)value); // widen first: Math.Abs(sbyte.MinValue) overflows
        }

        return sum;
    }
}
