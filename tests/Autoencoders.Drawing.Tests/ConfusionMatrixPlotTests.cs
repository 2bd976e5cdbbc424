namespace Autoencoders.Drawing.Tests;

public class ConfusionMatrixPlotTests
{
    private static readonly Color DarkBlue = new(8, 48, 107);
    private static readonly string[] Three = ["cat", "dog", "bird"];

    /// <summary>A pixel just inside cell (row, column), clear of the separators and of the centred count.</summary>
    private static Color CellPixel(RgbImage image, ConfusionMatrixPlot.Layout layout, int row, int column) =>
        image.GetPixel(layout.Grid.X + column * layout.CellSize + 2, layout.Grid.Y + row * layout.CellSize + 2);

    private static List<(int X, int Y)> PixelsInCell(RgbImage image, ConfusionMatrixPlot.Layout layout, int row, int column, Color color)
    {
        int x0 = layout.Grid.X + column * layout.CellSize, y0 = layout.Grid.Y + row * layout.CellSize;
        var pixels = new List<(int X, int Y)>();
        for (int y = y0 + 1; y < y0 + layout.CellSize - 1; y++)
        for (int x = x0 + 1; x < x0 + layout.CellSize - 1; x++)
        {
            if (image.GetPixel(x, y) == color) pixels.Add((x, y));
        }

        return pixels;
    }

    /// <summary>Ink pixels of <paramref name="text"/> at <paramref name="scale"/>, counted from the font directly.</summary>
    private static int InkPixels(string text, int scale) =>
        text.Sum(c => Enumerable.Range(0, BitmapFont.GlyphWidth)
            .Sum(column => Enumerable.Range(0, BitmapFont.GlyphHeight).Count(row => BitmapFont.IsInk(c, column, row)))) * scale * scale;

    [Fact]
    public void PerfectClassifierHasDarkDiagonalAndWhiteElsewhere()
    {
        int[,] counts = { { 50, 0, 0 }, { 0, 30, 0 }, { 0, 0, 7 } };
        RgbImage image = ConfusionMatrixPlot.Render(counts, Three, "Perfect");
        var layout = ConfusionMatrixPlot.CreateLayout(counts, Three, "Perfect", 0);

        Assert.Equal((layout.Width, layout.Height), (image.Width, image.Height));
        for (int row = 0; row < 3; row++)
        for (int column = 0; column < 3; column++)
        {
            Assert.Equal(row == column ? DarkBlue : Color.White, CellPixel(image, layout, row, column));
        }
    }

    [Fact]
    public void CellsAreColouredByTheirShareOfTheRow()
    {
        // Both off-diagonal cells hold 10, but that is 10% of the first row and 50% of the second.
        int[,] counts = { { 90, 10 }, { 10, 10 } };
        RgbImage image = ConfusionMatrixPlot.Render(counts, ["normal", "anomaly"]);
        var layout = ConfusionMatrixPlot.CreateLayout(counts, ["normal", "anomaly"], null, 0);

        static int Lightness(Color c) => c.R + c.G + c.B;
        Color tenth = CellPixel(image, layout, 0, 1), half = CellPixel(image, layout, 1, 0), most = CellPixel(image, layout, 0, 0);
        Assert.Equal(half, CellPixel(image, layout, 1, 1));
        Assert.True(Lightness(tenth) > Lightness(half) && Lightness(half) > Lightness(most), $"{tenth} {half} {most}");
        // The colour map's middle stop is matplotlib Blues' (107, 174, 214).
        Assert.Equal(new Color(107, 174, 214), half);
        Assert.Equal(ConfusionMatrixPlot.CellColor(0.9), most);
    }

    [Fact]
    public void CountsAreWrittenWhiteOnDarkCellsAndBlackOnLightOnes()
    {
        int[,] counts = { { 47, 3 }, { 0, 12 } };
        RgbImage image = ConfusionMatrixPlot.Render(counts, ["a", "b"]);
        var layout = ConfusionMatrixPlot.CreateLayout(counts, ["a", "b"], null, 0);
        Assert.True(layout.CountScale >= 1);

        Assert.Equal(InkPixels("47", layout.CountScale), PixelsInCell(image, layout, 0, 0, Color.White).Count);
        Assert.Equal(InkPixels("3", layout.CountScale), PixelsInCell(image, layout, 0, 1, Color.Black).Count);
        Assert.Equal(InkPixels("0", layout.CountScale), PixelsInCell(image, layout, 1, 0, Color.Black).Count);
        Assert.Equal(InkPixels("12", layout.CountScale), PixelsInCell(image, layout, 1, 1, Color.White).Count);
    }

    [Fact]
    public void ClassNamesLabelEveryRowAndColumn()
    {
        int[,] counts = { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } };
        RgbImage image = ConfusionMatrixPlot.Render(counts, Three);
        var layout = ConfusionMatrixPlot.CreateLayout(counts, Three, null, 0);
        PixelRectangle grid = layout.Grid;

        Assert.False(layout.VerticalColumnLabels); // "bird" fits under a 160-pixel column
        var ink = ImageAssertions.PixelsOf(image, Color.Black).ToList();
        for (int i = 0; i < 3; i++)
        {
            int bandStart = i * layout.CellSize, bandEnd = bandStart + layout.CellSize;
            int labelWidth = BitmapFont.Measure(Three[i], layout.LabelScale).Width;
            var rowLabel = ink.Where(p => p.X < grid.X && p.X > grid.X - 5 * layout.TextScale - labelWidth - 1
                && p.Y >= grid.Y + bandStart && p.Y < grid.Y + bandEnd).ToList();
            var columnLabel = ink.Where(p => p.Y > grid.Bottom && p.Y < grid.Bottom + 5 * layout.TextScale + 8 * layout.LabelScale
                && p.X >= grid.X + bandStart && p.X < grid.X + bandEnd).ToList();
            Assert.Equal(InkPixels(Three[i], layout.LabelScale), rowLabel.Count);
            Assert.Equal(InkPixels(Three[i], layout.LabelScale), columnLabel.Count);
        }
    }

    [Fact]
    public void LongNamesAreRotatedUnderNarrowColumnsAndAbbreviated()
    {
        string[] names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "An extremely long class name"];
        int[,] counts = new int[10, 10];
        for (int i = 0; i < 10; i++)
        for (int j = 0; j < 10; j++) counts[i, j] = i == j ? 900 + 9 * i : (i + 2 * j) % 7 * 5;

        RgbImage image = ConfusionMatrixPlot.Render(counts, names, "Fashion-MNIST test set");
        var layout = ConfusionMatrixPlot.CreateLayout(counts, names, "Fashion-MNIST test set", 0);

        Assert.True(layout.VerticalColumnLabels);
        Assert.Equal("An extremely l..", layout.Labels[9]);
        Assert.Equal(names[0], layout.Labels[0]);
        Assert.True(layout.CountScale >= 1, "counts up to 981 should fit the automatic cells");
        Assert.InRange(layout.Grid.Width, 400, 800);
        for (int i = 0; i < 10; i++)
        {
            double rowTotal = Enumerable.Range(0, 10).Sum(j => counts[i, j]);
            Assert.Equal(ConfusionMatrixPlot.CellColor(counts[i, i] / rowTotal), CellPixel(image, layout, i, i));
        }

        // The last column's label reads upwards from its bottom end, and is as long as the abbreviated text.
        int top = layout.Grid.Bottom + 5 * layout.TextScale, length = BitmapFont.Measure(layout.Labels[9], layout.LabelScale).Width;
        int predictedTitleTop = image.Height - 5 * layout.TextScale - BitmapFont.GlyphHeight * layout.TextScale;
        var ink = ImageAssertions.PixelsOf(image, Color.Black)
            .Where(p => p.X >= layout.Grid.X + 9 * layout.CellSize && p.X < layout.Grid.Right && p.Y > layout.Grid.Bottom && p.Y < predictedTitleTop)
            .ToList();
        Assert.InRange(ink.Min(p => p.Y), top, top + 3 * layout.LabelScale);
        Assert.Equal(top + length - 1, ink.Max(p => p.Y));
        Assert.True(ink.Max(p => p.X) - ink.Min(p => p.X) < BitmapFont.GlyphHeight * layout.LabelScale);
    }

    [Fact]
    public void ExplicitCellSizeIsUsed()
    {
        int[,] counts = { { 5, 1 }, { 2, 8 } };
        var layout = ConfusionMatrixPlot.CreateLayout(counts, ["x", "y"], null, 30);
        RgbImage image = ConfusionMatrixPlot.Render(counts, ["x", "y"], cellSize: 30);

        Assert.Equal(30, layout.CellSize);
        Assert.Equal(60, layout.Grid.Width);
        Assert.Equal(ConfusionMatrixPlot.CellColor(5 / 6.0), CellPixel(image, layout, 0, 0));
        Assert.Equal(ConfusionMatrixPlot.CellColor(2 / 10.0), CellPixel(image, layout, 1, 0));
    }

    [Fact]
    public void ColorBarRunsFromDarkBlueAtTheTopToWhiteAtTheBottom()
    {
        int[,] counts = { { 3, 1 }, { 1, 3 } };
        RgbImage image = ConfusionMatrixPlot.Render(counts, ["a", "b"]);
        PixelRectangle bar = ConfusionMatrixPlot.CreateLayout(counts, ["a", "b"], null, 0).ColorBar;
        int middleX = bar.X + bar.Width / 2;

        // Linear from fraction 1 on the top row to 0 on the bottom row (both under the frame).
        foreach (int y in new[] { bar.Y + 1, bar.Y + bar.Height / 3, bar.Y + (bar.Height - 1) / 2, bar.Bottom - 2 })
        {
            double fraction = (double)(bar.Bottom - 1 - y) / (bar.Height - 1);
            Assert.Equal(ConfusionMatrixPlot.CellColor(fraction), image.GetPixel(middleX, y));
        }

        Assert.Equal(DarkBlue, ConfusionMatrixPlot.CellColor(1));
        Assert.Equal(Color.White, ConfusionMatrixPlot.CellColor(0));
        Assert.True(bar.Height > 300, $"the bar should span the grid, received {bar.Height} pixels");
    }

    [Fact]
    public void EmptyRowsAndManyClassesRender()
    {
        int[,] noSamples = { { 0, 0 }, { 0, 4 } };
        RgbImage empty = ConfusionMatrixPlot.Render(noSamples, ["never seen", "seen"]);
        var emptyLayout = ConfusionMatrixPlot.CreateLayout(noSamples, ["never seen", "seen"], null, 0);
        Assert.Equal(Color.White, CellPixel(empty, emptyLayout, 0, 0));
        Assert.Equal(DarkBlue, CellPixel(empty, emptyLayout, 1, 1));

        const int classes = 300;
        int[,] many = new int[classes, classes];
        for (int i = 0; i < classes; i++) many[i, i] = 100_000;
        string[] names = [.. Enumerable.Range(0, classes).Select(i => $"class {i}")];
        RgbImage large = ConfusionMatrixPlot.Render(many, names);
        var layout = ConfusionMatrixPlot.CreateLayout(many, names, null, 0);
        Assert.Equal(5, layout.CellSize); // the grid is capped at 1600 pixels
        Assert.Equal(0, layout.CountScale); // 6-digit counts do not fit
        Assert.Equal(2, layout.LabelStep); // 7-pixel names on 5-pixel rows: every other class
        Assert.InRange(large.Width, 1_500, 2_000);
        Assert.Equal(DarkBlue, CellPixel(large, layout, 57, 57));
    }

    [Fact]
    public void SavedPngDecodesToTheRenderedPixels()
    {
        int[,] counts = { { 812, 40, 148 }, { 31, 930, 39 }, { 170, 52, 778 } };
        RgbImage image = ConfusionMatrixPlot.Render(counts, ["T-shirt/top", "Trouser", "Shirt"], "Latent k-NN classifier");
        string directory = Path.Combine(Path.GetTempPath(), "drawing-samples");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "confusion.png");
        PngFile.Save(path, image);

        PngDecoder.DecodedImage decoded = PngDecoder.Decode(File.ReadAllBytes(path));
        Assert.Equal((image.Width, image.Height), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void InvalidMatricesAreRejected()
    {
        var notSquare = Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Render(new int[3, 2], Three));
        Assert.Contains("received 3x2", notSquare.Message);
        var names = Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Render(new int[2, 2], Three));
        Assert.Contains("received 3 names", names.Message);
        var negative = Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Render(new int[,] { { 1, -2 }, { 0, 1 } }, ["a", "b"]));
        Assert.Contains("counts[0, 1]", negative.Message);
        Assert.Contains("received -2", negative.Message);

        Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Render(new int[0, 0], []));
        Assert.Throws<ArgumentException>(() => ConfusionMatrixPlot.Render(new int[1, 1], [null!]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrixPlot.Render(new int[1, 1], ["a"], cellSize: -1));
        Assert.Throws<ArgumentNullException>(() => ConfusionMatrixPlot.Render(null!, ["a"]));
    }
}
