namespace Autoencoders.Drawing;

/// <summary>
/// Maps data values on one axis to pixel positions: Min lands on PixelAtMin, Max on PixelAtMax. For a y axis
/// PixelAtMin is the bottom of the plot, since pixel rows grow downwards.
/// </summary>
internal readonly record struct AxisScale(double Min, double Max, int PixelAtMin, int PixelAtMax, double[] Ticks, double Step)
{
    public double ToPixel(double value) =>
        PixelAtMin + (value - Min) / (Max - Min) * (PixelAtMax - PixelAtMin);

    /// <summary>The nearest pixel, clamped to a range well inside int so it is safe to rasterise.</summary>
    public int ToPixelRounded(double value) => (int)Math.Round(Math.Clamp(ToPixel(value), -1e8, 1e8));

    public string Label(double tick) => AxisTicks.Format(tick, Step);

    /// <summary>Builds the scale with as many ticks as fit, given the room each label needs along the axis.</summary>
    public static AxisScale Create(
        (double Min, double Max) limits, int pixelAtMin, int pixelAtMax, Func<AxisScale, int> labelExtent, int maxTicks)
    {
        double range = limits.Max - limits.Min;
        int length = Math.Abs(pixelAtMax - pixelAtMin);
        for (int ticks = Math.Max(maxTicks, 2); ; ticks--)
        {
            var scale = new AxisScale(
                limits.Min, limits.Max, pixelAtMin, pixelAtMax,
                AxisTicks.Compute(limits.Min, limits.Max, ticks), AxisTicks.NiceStep(range, ticks));
            // Neighbouring labels need their own extent plus a gap of at least half an extent between them.
            double spacing = length * scale.Step / range;
            if (ticks <= 2 || spacing >= labelExtent(scale) * 1.5) return scale;
        }
    }
}
