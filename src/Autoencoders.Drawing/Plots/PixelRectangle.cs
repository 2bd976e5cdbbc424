namespace Autoencoders.Drawing;

/// <summary>An axis-aligned block of pixels; <see cref="Right"/> and <see cref="Bottom"/> are exclusive.</summary>
internal readonly record struct PixelRectangle(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;

    public static PixelRectangle FromEdges(int left, int top, int right, int bottom) => new(left, top, right - left, bottom - top);
}
