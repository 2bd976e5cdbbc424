namespace Autoencoders.Drawing.Tests;

/// <summary>Pixel queries shared by the drawing tests.</summary>
internal static class ImageAssertions
{
    public static IEnumerable<(int X, int Y)> PixelsOf(RgbImage image, Color color)
    {
        for (int y = 0; y < image.Height; y++)
        for (int x = 0; x < image.Width; x++)
        {
            if (image.GetPixel(x, y) == color) yield return (x, y);
        }
    }

    public static int CountNot(RgbImage image, Color background) =>
        image.Width * image.Height - PixelsOf(image, background).Count();

    /// <summary>Whether a pixel within <paramref name="radius"/> of (x, y) is <paramref name="color"/> to within antialiasing.</summary>
    public static bool HasColorNear(RgbImage image, (int X, int Y) at, Color color, int radius = 2, int tolerance = 40)
    {
        for (int y = at.Y - radius; y <= at.Y + radius; y++)
        for (int x = at.X - radius; x <= at.X + radius; x++)
        {
            if (!image.Contains(x, y)) continue;
            Color pixel = image.GetPixel(x, y);
            if (Math.Abs(pixel.R - color.R) <= tolerance && Math.Abs(pixel.G - color.G) <= tolerance && Math.Abs(pixel.B - color.B) <= tolerance) return true;
        }

        return false;
    }

    /// <summary>Text ink: pixels dark in every channel (series colours and grid lines are not).</summary>
    public static IEnumerable<(int X, int Y)> DarkPixels(RgbImage image, PixelRectangle area) =>
        from y in Enumerable.Range(area.Y, area.Height)
        from x in Enumerable.Range(area.X, area.Width)
        let pixel = image.GetPixel(x, y)
        where pixel.R < 100 && pixel.G < 100 && pixel.B < 100
        select (x, y);
}
