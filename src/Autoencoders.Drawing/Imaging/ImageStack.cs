namespace Autoencoders.Drawing;

/// <summary>Images one above the other on a white background, left-aligned: panels that share an x axis.</summary>
public static class ImageStack
{
    public static RgbImage Vertical(params RgbImage[] images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Length == 0) throw new ArgumentException("expected at least one image, received none", nameof(images));
        int width = images.Max(i => i.Width), height = images.Sum(i => i.Height);
        var stacked = new RgbImage(width, height, Color.White);
        int top = 0;
        foreach (var image in images)
        {
            for (int y = 0; y < image.Height; y++)
                Array.Copy(image.Pixels, y * image.Width * 3, stacked.Pixels, ((top + y) * width) * 3, image.Width * 3);
            top += image.Height;
        }
        return stacked;
    }
}
