namespace Autoencoders.Drawing;

/// <summary>Linear interpolation between colours, used for translucent fills and colour maps.</summary>
internal static class ColorMix
{
    /// <summary>(1 − t)·from + t·to per channel, rounded; t = 0 gives <paramref name="from"/>, 1 gives <paramref name="to"/>.</summary>
    public static Color Lerp(Color from, Color to, double t)
    {
        static byte Channel(byte a, byte b, double t) => (byte)Math.Round(a + (b - a) * t);
        return new Color(Channel(from.R, to.R, t), Channel(from.G, to.G, t), Channel(from.B, to.B, t));
    }
}
