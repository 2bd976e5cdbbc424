namespace Autoencoders.Drawing;

/// <summary>
/// Drawing primitives on an <see cref="RgbImage"/> in pixel coordinates: (0, 0) is the top-left pixel,
/// y grows downwards. Everything is clipped to the image, so callers may draw partly (or wholly) outside it.
/// </summary>
public sealed class Canvas
{
    public Canvas(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Image = image;
    }

    /// <summary>Creates a canvas on a new image filled with <paramref name="background"/>.</summary>
    public Canvas(int width, int height, Color background)
        : this(new RgbImage(width, height, background))
    {
    }

    public RgbImage Image { get; }

    public int Width => Image.Width;

    public int Height => Image.Height;

    /// <summary>Paints a width × height block whose top-left corner is (x, y).</summary>
    public void FillRectangle(int x, int y, int width, int height, Color color)
    {
        int top = Math.Max(y, 0);
        int bottom = (int)Math.Min((long)y + height, Image.Height);
        for (int row = top; row < bottom; row++)
        {
            Image.FillRow(x, row, width, color);
        }
    }

    /// <summary>Outlines a width × height rectangle; the border of the given thickness lies inside it.</summary>
    public void DrawRectangle(int x, int y, int width, int height, Color color, int thickness = 1)
    {
        thickness = Math.Clamp(thickness, 1, Math.Max(1, Math.Min(width, height)));
        FillRectangle(x, y, width, thickness, color);
        FillRectangle(x, y + height - thickness, width, thickness, color);
        FillRectangle(x, y, thickness, height, color);
        FillRectangle(x + width - thickness, y, thickness, height, color);
    }

    /// <summary>A disc of the given radius centred on (centerX, centerY); radius 0 is a single pixel.</summary>
    public void FillCircle(int centerX, int centerY, int radius, Color color)
    {
        radius = Math.Max(radius, 0);
        // (r + 0.5)² instead of r² rounds the outline outward, so small discs look round rather than like a plus sign.
        double outer = (radius + 0.5) * (radius + 0.5);
        for (int dy = -radius; dy <= radius; dy++)
        {
            int half = (int)Math.Sqrt(outer - dy * dy);
            Image.FillRow(centerX - half, centerY + dy, 2 * half + 1, color);
        }
    }

    /// <summary>
    /// A straight line from (x0, y0) to (x1, y1), both ends included (Bresenham). A thickness above 1 stamps
    /// a thickness × thickness square at each step, centred on the line (an even thickness leans right/down).
    /// </summary>
    public void DrawLine(int x0, int y0, int x1, int y1, Color color, int thickness = 1)
    {
        thickness = Math.Max(thickness, 1);
        // Clip first: a line from a far-away point would otherwise cost one step per off-image pixel.
        if (!LineClipper.Clip(ref x0, ref y0, ref x1, ref y1, -thickness, -thickness, Width + thickness, Height + thickness))
        {
            return;
        }

        int dx = Math.Abs(x1 - x0), stepX = x0 < x1 ? 1 : -1;
        int dy = -Math.Abs(y1 - y0), stepY = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        int offset = (thickness - 1) / 2;
        while (true)
        {
            if (thickness == 1) Image.SetPixel(x0, y0, color);
            else FillRectangle(x0 - offset, y0 - offset, thickness, thickness, color);

            if (x0 == x1 && y0 == y1) break;
            int doubled = 2 * error;
            if (doubled >= dy)
            {
                error += dy;
                x0 += stepX;
            }

            if (doubled <= dx)
            {
                error += dx;
                y0 += stepY;
            }
        }
    }

    /// <summary>
    /// Draws one line of text with its top-left corner at (x, y) in the built-in <see cref="BitmapFont"/>,
    /// each font pixel a scale × scale block. Returns the x just past the text.
    /// </summary>
    public int DrawText(int x, int y, string text, Color color, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        scale = Math.Max(scale, 1);
        foreach (char character in text)
        {
            for (int column = 0; column < BitmapFont.GlyphWidth; column++)
            {
                byte bits = BitmapFont.ColumnBits(character, column);
                for (int row = 0; bits != 0; row++, bits >>= 1)
                {
                    if ((bits & 1) != 0) FillRectangle(x + column * scale, y + row * scale, scale, scale, color);
                }
            }

            x += BitmapFont.Advance * scale;
        }

        return x;
    }

    /// <summary>
    /// Draws text rotated 90° counter-clockwise (read bottom to top, as on a y-axis label). (x, y) is the
    /// top-left of its bounding box, which is <see cref="BitmapFont.Measure"/>'s height wide and width tall.
    /// </summary>
    public void DrawTextVertical(int x, int y, string text, Color color, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        scale = Math.Max(scale, 1);
        int length = BitmapFont.Measure(text, scale).Width;
        int along = 0; // distance from the start of the text, which sits at the bottom of the box
        foreach (char character in text)
        {
            for (int column = 0; column < BitmapFont.GlyphWidth; column++)
            {
                byte bits = BitmapFont.ColumnBits(character, column);
                int boxY = y + length - along - (column + 1) * scale;
                for (int row = 0; bits != 0; row++, bits >>= 1)
                {
                    if ((bits & 1) != 0) FillRectangle(x + row * scale, boxY, scale, scale, color);
                }
            }

            along += BitmapFont.Advance * scale;
        }
    }
}
