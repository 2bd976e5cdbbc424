namespace Autoencoders.Drawing;

/// <summary>Chooses where an inside legend covers the least data, like matplotlib's loc="best".</summary>
internal static class LegendPlacement
{
    /// <summary>
    /// The top-left corner for the legend among the four inner corners of the plot area, scored by how many
    /// line segments and isolated points would pass under it; ties go to upper right, upper left, lower right, lower left.
    /// </summary>
    public static (int X, int Y) EmptiestCorner(Axes axes, Legend legend, IReadOnlyList<(int X, int Y)?[]> series)
    {
        PixelRectangle area = axes.PlotArea;
        int inset = 5 * axes.TextScale;
        int leftX = area.X + inset, rightX = area.Right - inset - legend.Width;
        int topY = area.Y + inset, bottomY = area.Bottom - inset - legend.Height;
        ReadOnlySpan<(int X, int Y)> corners = [(rightX, topY), (leftX, topY), (rightX, bottomY), (leftX, bottomY)];

        (int X, int Y) best = corners[0];
        int bestScore = int.MaxValue;
        foreach (var corner in corners)
        {
            var box = new PixelRectangle(corner.X, corner.Y, legend.Width, legend.Height);
            int score = series.Sum(points => CountCovered(box, points));
            if (score < bestScore)
            {
                bestScore = score;
                best = corner;
            }
        }

        return best;
    }

    private static int CountCovered(PixelRectangle box, (int X, int Y)?[] points)
    {
        int covered = 0;
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i] is not { } point) continue;
            if (box.Contains(point.X, point.Y))
            {
                covered++;
            }
            else if (i + 1 < points.Length && points[i + 1] is { } next)
            {
                int x0 = point.X, y0 = point.Y, x1 = next.X, y1 = next.Y;
                if (LineClipper.Clip(ref x0, ref y0, ref x1, ref y1, box.X, box.Y, box.Right - 1, box.Bottom - 1)) covered++;
            }
        }

        return covered;
    }
}
