namespace Autoencoders.Drawing.Tests;

public class BitmapFontTests
{
    [Fact]
    public void EveryPrintableCharacterExceptSpaceHasInk()
    {
        for (char character = ' '; character <= '~'; character++)
        {
            var canvas = new Canvas(BitmapFont.GlyphWidth, BitmapFont.GlyphHeight, Color.White);
            canvas.DrawText(0, 0, character.ToString(), Color.Black);

            int ink = ImageAssertions.CountNot(canvas.Image, Color.White);
            if (character == ' ') Assert.Equal(0, ink);
            else Assert.True(ink > 0, $"'{character}' draws nothing");
        }
    }

    [Fact]
    public void GlyphsAreDistinct()
    {
        var shapes = Enumerable.Range(' ', '~' - ' ' + 1)
            .Select(c => string.Concat(Enumerable.Range(0, 35).Select(i => BitmapFont.IsInk((char)c, i % 5, i / 5) ? '#' : '.')))
            .ToList();

        Assert.Equal(shapes.Count, shapes.Distinct().Count());
    }

    [Fact]
    public void UnsupportedCharactersDrawAsQuestionMark()
    {
        var question = new Canvas(5, 7, Color.White);
        question.DrawText(0, 0, "?", Color.Black);
        var umlaut = new Canvas(5, 7, Color.White);
        umlaut.DrawText(0, 0, "ü", Color.Black);

        Assert.Equal(question.Image.Pixels, umlaut.Image.Pixels);
    }

    [Theory]
    [InlineData("", 1, 0, 0)]
    [InlineData("A", 1, 5, 7)]
    [InlineData("loss", 1, 23, 7)]
    [InlineData("loss", 3, 69, 21)]
    public void MeasureMatchesTheAdvance(string text, int scale, int width, int height)
    {
        Assert.Equal((width, height), BitmapFont.Measure(text, scale));
    }

    [Fact]
    public void TextStaysInsideItsMeasuredBoxAndScalesByBlocks()
    {
        var canvas = new Canvas(100, 40, Color.White);
        canvas.DrawText(10, 5, "Hg~", Color.Black, 2);
        (int width, int height) = BitmapFont.Measure("Hg~", 2);

        var pixels = ImageAssertions.PixelsOf(canvas.Image, Color.Black).ToList();
        Assert.All(pixels, p => Assert.True(p.X >= 10 && p.X < 10 + width && p.Y >= 5 && p.Y < 5 + height, $"{p} outside the box"));
        // 'H' starts with a full-height column: at scale 2 that is a 2 × 14 block.
        Assert.Equal(2 * 14, pixels.Count(p => p.X is 10 or 11));
    }

    [Fact]
    public void VerticalTextIsTheHorizontalTextRotatedCounterClockwise()
    {
        const string text = "y-axis";
        (int width, int height) = BitmapFont.Measure(text, 2);
        var horizontal = new Canvas(width, height, Color.White);
        horizontal.DrawText(0, 0, text, Color.Black, 2);
        var vertical = new Canvas(height, width, Color.White);
        vertical.DrawTextVertical(0, 0, text, Color.Black, 2);

        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            // Rotating 90° counter-clockwise sends (x, y) to (y, width - 1 - x).
            Assert.Equal(horizontal.Image.GetPixel(x, y), vertical.Image.GetPixel(y, width - 1 - x));
        }
    }
}
