namespace Autoencoders.Drawing;

/// <summary>Liang–Barsky clipping of a segment to an axis-aligned rectangle, used before rasterising a line.</summary>
internal static class LineClipper
{
    /// <summary>
    /// Shrinks the segment to the part inside [minX, maxX] × [minY, maxY]; false when nothing is inside.
    /// https://en.wikipedia.org/wiki/Liang%E2%80%93Barsky_algorithm
    /// </summary>
    public static bool Clip(ref int x0, ref int y0, ref int x1, ref int y1, int minX, int minY, int maxX, int maxY)
    {
        double dx = (double)x1 - x0, dy = (double)y1 - y0;
        double enter = 0, exit = 1;
        if (!Narrow(-dx, (double)x0 - minX, ref enter, ref exit)) return false;
        if (!Narrow(dx, (double)maxX - x0, ref enter, ref exit)) return false;
        if (!Narrow(-dy, (double)y0 - minY, ref enter, ref exit)) return false;
        if (!Narrow(dy, (double)maxY - y0, ref enter, ref exit)) return false;

        // Only move an end that was actually clipped, so in-image segments keep their exact pixels.
        int startX = x0, startY = y0;
        if (exit < 1)
        {
            x1 = (int)Math.Round(startX + exit * dx);
            y1 = (int)Math.Round(startY + exit * dy);
        }

        if (enter > 0)
        {
            x0 = (int)Math.Round(startX + enter * dx);
            y0 = (int)Math.Round(startY + enter * dy);
        }

        return true;
    }

    /// <summary>One boundary test: p·t ≤ q must hold for the parameter t along the segment.</summary>
    private static bool Narrow(double p, double q, ref double enter, ref double exit)
    {
        if (p == 0) return q >= 0; // parallel to this boundary: all in or all out
        double t = q / p;
        if (p < 0)
        {
            if (t > exit) return false;
            if (t > enter) enter = t;
        }
        else
        {
            if (t < enter) return false;
            if (t < exit) exit = t;
        }

        return true;
    }
}
