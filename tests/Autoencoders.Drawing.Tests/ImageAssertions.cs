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
}
