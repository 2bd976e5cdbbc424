using ScottPlot;

namespace Autoencoders.Drawing;

/// <summary>
/// matplotlib's "Blues" colour map with white at 0, for the confusion matrix: light blues stay distinguishable, unlike a
/// straight white → navy blend. Piecewise-linear between five stops.
/// </summary>
internal sealed class BluesColormap : IColormap
{
    private static readonly Color[] Stops =
        [new(255, 255, 255), new(198, 219, 239), new(107, 174, 214), new(33, 113, 181), new(8, 48, 107)];

    public string Name => "Blues";

    public ScottPlot.Color GetColor(double position) => PlotFigure.ToScottPlot(At(position));

    /// <summary>The colour at <paramref name="fraction"/>, clamped to [0, 1]; NaN reads as 0.</summary>
    public static Color At(double fraction)
    {
        double position = Math.Clamp(double.IsNaN(fraction) ? 0 : fraction, 0, 1) * (Stops.Length - 1);
        int lower = Math.Min((int)position, Stops.Length - 2);
        return ColorMix.Lerp(Stops[lower], Stops[lower + 1], position - lower);
    }
}
