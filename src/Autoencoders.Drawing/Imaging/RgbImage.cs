namespace Autoencoders.Drawing;

/// <summary>
/// An 8-bit RGB raster. <see cref="Pixels"/> is row-major, top row first, three bytes per pixel:
/// shape (Height, Width, 3). Writes outside the image are ignored so drawing code need not clip.
/// </summary>
public sealed class RgbImage
{
    /// <summary>Creates a black image.</summary>
    public RgbImage(int width, int height)
        : this(width, height, new byte[CheckedByteCount(width, height)])
    {
    }

    /// <summary>Creates an image filled with <paramref name="background"/>.</summary>
    public RgbImage(int width, int height, Color background)
        : this(width, height)
    {
        Fill(background);
    }

    /// <summary>Wraps existing pixel bytes (not copied); length must be width · height · 3.</summary>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        long expected = CheckedByteCount(width, height);
        if (pixels.Length != expected)
        {
            throw new ArgumentException(
                $"Expected {expected} bytes for a {width}x{height} RGB image, received {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The raw bytes, shape (Height, Width, 3).</summary>
    public byte[] Pixels { get; }

    /// <summary>Whether (x, y) lies inside the image.</summary>
    public bool Contains(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height;

    /// <summary>Sets one pixel; coordinates outside the image are ignored.</summary>
    public void SetPixel(int x, int y, Color color)
    {
        if (!Contains(x, y)) return;
        int offset = (y * Width + x) * 3;
        Pixels[offset] = color.R;
        Pixels[offset + 1] = color.G;
        Pixels[offset + 2] = color.B;
    }

    /// <summary>Reads one pixel; unlike <see cref="SetPixel"/> this throws outside the image, since there is no sensible value.</summary>
    public Color GetPixel(int x, int y)
    {
        if (!Contains(x, y))
        {
            throw new ArgumentOutOfRangeException(
                nameof(x), $"Expected a pixel inside {Width}x{Height}, received ({x}, {y}).");
        }

        int offset = (y * Width + x) * 3;
        return new Color(Pixels[offset], Pixels[offset + 1], Pixels[offset + 2]);
    }

    /// <summary>Paints every pixel.</summary>
    public void Fill(Color color) => FillSpan(0, 0, Width * Height, color);

    /// <summary>Paints <paramref name="count"/> pixels of row <paramref name="y"/> from column <paramref name="x"/>; clipped to the image.</summary>
    public void FillRow(int x, int y, int count, Color color)
    {
        if ((uint)y >= (uint)Height) return;
        int start = Math.Max(x, 0);
        int end = (int)Math.Min((long)x + count, Width);
        if (end > start) FillSpan(start, y, end - start, color);
    }

    private void FillSpan(int x, int y, int count, Color color)
    {
        Span<byte> span = Pixels.AsSpan((y * Width + x) * 3, count * 3);
        if (color.R == color.G && color.G == color.B)
        {
            span.Fill(color.R);
            return;
        }

        // Paint the first pixel, then double the painted prefix: log2(count) block copies instead of a byte loop.
        span[0] = color.R;
        span[1] = color.G;
        span[2] = color.B;
        for (int done = 3; done < span.Length; done *= 2)
        {
            span[..Math.Min(done, span.Length - done)].CopyTo(span[done..]);
        }
    }

    private static int CheckedByteCount(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(width), $"Expected a positive image size, received {width}x{height}.");
        }

        long count = (long)width * height * 3;
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(width), $"Expected at most {Array.MaxLength} bytes of pixels, received {width}x{height}x3 = {count}.");
        }

        return (int)count;
    }
}
