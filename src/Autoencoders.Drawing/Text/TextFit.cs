namespace Autoencoders.Drawing;

/// <summary>Makes a line of text fit a width: first by using a smaller font scale, then by cutting it short with "..".</summary>
internal static class TextFit
{
    public static (string Text, int Scale) Fit(string text, int preferredScale, int maxWidth)
    {
        for (int scale = Math.Max(preferredScale, 1); scale >= 1; scale--)
        {
            if (BitmapFont.Measure(text, scale).Width <= maxWidth) return (text, scale);
        }

        int fitting = Math.Max(0, (maxWidth + 1) / BitmapFont.Advance - 2); // characters that fit, leaving room for ".."
        return (fitting == 0 ? "" : text[..Math.Min(fitting, text.Length)] + "..", 1);
    }
}
