using ScottPlot;

namespace Autoencoders.Drawing;

/// <summary>
/// A rendered figure, the pixels of its data area (inside the frame) and the axis limits it was drawn with, so tests
/// can find where a data point landed.
/// </summary>
internal readonly record struct Figure(RgbImage Image, PixelRectangle DataArea, AxisLimits Left, AxisLimits Right)
{
    /// <summary>The pixel of data point (x, y), read on the left y-axis or, with <paramref name="rightAxis"/>, the right one.</summary>
    public (int X, int Y) ToPixel(double x, double y, bool rightAxis = false)
    {
        AxisLimits limits = rightAxis ? Right : Left;
        double u = (x - limits.Left) / (limits.Right - limits.Left), v = (limits.Top - y) / (limits.Top - limits.Bottom);
        return ((int)Math.Floor(DataArea.X + u * DataArea.Width), (int)Math.Floor(DataArea.Y + v * DataArea.Height));
    }
}
