using System.Diagnostics;

namespace Autoencoders.Drawing.Tests;

public class CanvasTests
{
    private static readonly Color Ink = new(200, 10, 10);

    [Fact]
    public void HorizontalLineCoversBothEndpointsAndNothingElse()
    {
        var canvas = new Canvas(10, 5, Color.White);
        canvas.DrawLine(7, 2, 2, 2, Ink);

        Assert.Equal(Enumerable.Range(2, 6).Select(x => (x, 2)), ImageAssertions.PixelsOf(canvas.Image, Ink));
    }

    [Fact]
    public void DiagonalLineSetsOnePixelPerColumn()
    {
        var canvas = new Canvas(10, 10, Color.White);
        canvas.DrawLine(0, 0, 9, 9, Ink);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (i, i)), ImageAssertions.PixelsOf(canvas.Image, Ink));
    }

    [Fact]
    public void SteepLineIsContinuous()
    {
        var canvas = new Canvas(10, 30, Color.White);
        canvas.DrawLine(1, 0, 8, 29, Ink);

        var pixels = ImageAssertions.PixelsOf(canvas.Image, Ink).ToList();
        Assert.Equal(30, pixels.Count);
        Assert.Equal(Enumerable.Range(0, 30), pixels.Select(p => p.Y));
        Assert.Contains((1, 0), pixels);
        Assert.Contains((8, 29), pixels);
    }

    [Fact]
    public void ThickLineIsTwoPixelsWide()
    {
        var canvas = new Canvas(20, 10, Color.White);
        canvas.DrawLine(2, 5, 17, 5, Ink, thickness: 2);

        var pixels = ImageAssertions.PixelsOf(canvas.Image, Ink).ToList();
        Assert.Equal(2 * 17, pixels.Count); // x = 2..17 plus the stamp's second column at 18
        Assert.All(pixels, p => Assert.InRange(p.Y, 5, 6)); // an even thickness puts the extra pixel below
    }

    [Fact]
    public void LinesFarOutsideAreClippedQuickly()
    {
        var canvas = new Canvas(50, 50, Color.White);
        var stopwatch = Stopwatch.StartNew();
        canvas.DrawLine(-100_000_000, 25, 100_000_000, 25, Ink);          // crosses the image
        canvas.DrawLine(-100_000_000, -5, 100_000_000, -5, Ink, thickness: 2); // entirely above it
        stopwatch.Stop();

        Assert.Equal(Enumerable.Range(0, 50).Select(x => (x, 25)), ImageAssertions.PixelsOf(canvas.Image, Ink));
        Assert.True(stopwatch.ElapsedMilliseconds < 500, $"clipping took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void FillRectangleIsClippedAndOutlineLeavesInteriorEmpty()
    {
        var canvas = new Canvas(10, 10, Color.White);
        canvas.FillRectangle(-5, -5, 8, 7, Ink);
        Assert.Equal(3 * 2, ImageAssertions.PixelsOf(canvas.Image, Ink).Count());

        var outline = new Canvas(10, 10, Color.White);
        outline.DrawRectangle(2, 2, 6, 5, Ink);
        var pixels = ImageAssertions.PixelsOf(outline.Image, Ink).ToList();
        Assert.Equal(2 * 6 + 2 * 3, pixels.Count);
        Assert.DoesNotContain((4, 4), pixels);
        Assert.Contains((7, 6), pixels);
    }

    [Fact]
    public void CirclesAreSymmetricDiscs()
    {
        var canvas = new Canvas(21, 21, Color.White);
        canvas.FillCircle(10, 10, 4, Ink);

        var pixels = ImageAssertions.PixelsOf(canvas.Image, Ink).ToHashSet();
        Assert.All(pixels, p => Assert.Contains((20 - p.X, p.Y), pixels));
        Assert.All(pixels, p => Assert.Contains((p.Y, p.X), pixels));
        Assert.Contains((14, 10), pixels);
        Assert.DoesNotContain((15, 10), pixels);
        Assert.DoesNotContain((14, 14), pixels); // a corner of the bounding square is outside the disc

        var dot = new Canvas(3, 3, Color.White);
        dot.FillCircle(1, 1, 0, Ink);
        Assert.Equal([(1, 1)], ImageAssertions.PixelsOf(dot.Image, Ink));
    }

    [Fact]
    public void ShapesPartlyOutsideTheImageDoNotThrow()
    {
        var canvas = new Canvas(8, 8, Color.White);
        canvas.FillCircle(0, 0, 5, Ink);
        canvas.FillCircle(-100, 3, 2, Ink);
        canvas.DrawRectangle(-2, -2, 20, 20, Ink, thickness: 3);
        canvas.DrawText(6, 6, "Hello", Ink, 3);
        canvas.DrawTextVertical(-3, -40, "Hello", Ink, 2);

        Assert.Equal(Ink, canvas.Image.GetPixel(0, 0));
        Assert.Equal(Ink, canvas.Image.GetPixel(7, 7));
    }
}
