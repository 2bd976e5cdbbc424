using System.Globalization;

namespace Autoencoders.Drawing;

/// <summary>
/// A confusion matrix as a heatmap: row = true class, column = predicted class, each cell coloured by its share
/// of the row, counts[t, p] / Σ_q counts[t, q], from white (0) to dark blue (1), with the count written in it.
/// A colour bar on the right gives the scale. The image size follows from the cell size and the labels.
/// </summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Class names longer than this many characters are cut short with "..".</summary>
    private const int MaxLabelCharacters = 16;

    /// <summary>What the automatic cell size aims for the whole grid to span, and the most it may span.</summary>
    private const int TargetGridSize = 480, MaxGridSize = 1600, MaxAutomaticCellSize = 160;

    private const string ColorBarLabel = "fraction of true class";

    // Stops of matplotlib's "Blues" colour map, with white at 0: light blues stay distinguishable, unlike a straight white → navy blend.
    private static readonly Color[] Stops =
        [new(255, 255, 255), new(198, 219, 239), new(107, 174, 214), new(33, 113, 181), new(8, 48, 107)];

    /// <summary>
    /// Renders <paramref name="counts"/> (shape (classes, classes), rows = true class) with
    /// <paramref name="classNames"/> on both axes. <paramref name="cellSize"/> is the side of a cell in pixels;
    /// 0 picks one that makes the grid about 480 pixels wide and leaves room for the counts.
    /// </summary>
    public static RgbImage Render(int[,] counts, IReadOnlyList<string> classNames, string? title = null, int cellSize = 0)
    {
        Validate(counts, classNames, cellSize);
        Layout layout = CreateLayout(counts, classNames, title, cellSize);
        var canvas = new Canvas(layout.Width, layout.Height, Color.White);
        DrawCells(canvas, layout, counts);
        DrawClassNames(canvas, layout, classNames);
        DrawColorBar(canvas, layout);
        DrawTitles(canvas, layout, title);
        return canvas.Image;
    }

    /// <summary>The cell colour for a row fraction in [0, 1]: piecewise-linear between the <see cref="Stops"/>.</summary>
    internal static Color CellColor(double fraction)
    {
        double position = Math.Clamp(double.IsNaN(fraction) ? 0 : fraction, 0, 1) * (Stops.Length - 1);
        int lower = Math.Min((int)position, Stops.Length - 2);
        return ColorMix.Lerp(Stops[lower], Stops[lower + 1], position - lower);
    }

    /// <summary>Where everything goes; exposed to tests so they can find the cells. Expects validated input.</summary>
    internal static Layout CreateLayout(int[,] counts, IReadOnlyList<string> classNames, string? title, int cellSize)
    {
        int classes = counts.GetLength(0);
        int preferred = Math.Clamp(TargetGridSize / classes, 1, MaxAutomaticCellSize);
        // Text as in an 800×600 plot (scale 2), larger only for grids bigger than a plot would be.
        int gridSize = Math.Max(TargetGridSize, classes * (cellSize > 0 ? cellSize : preferred));
        int textScale = Axes.TextScaleFor(gridSize, gridSize);
        int padding = 5 * textScale, textHeight = BitmapFont.GlyphHeight * textScale;

        string widestCount = counts.Cast<int>().Max().ToString(CultureInfo.InvariantCulture);
        if (cellSize == 0)
        {
            // Room for the largest count at full text size, unless that would make the grid huge.
            int needed = BitmapFont.Measure(widestCount, textScale).Width + 4 * textScale;
            cellSize = Math.Min(Math.Max(preferred, needed), Math.Max(MaxGridSize / classes, 1));
        }

        int countScale = LargestScaleFitting(widestCount, cellSize, textScale);
        // Labels shrink with small cells; below one font row per cell only every step-th class is named.
        int labelScale = Math.Clamp(cellSize / (BitmapFont.GlyphHeight + 2), 1, textScale);
        int labelStep = (BitmapFont.GlyphHeight * labelScale + 1 + cellSize - 1) / cellSize;
        string[] labels = [.. classNames.Select(Abbreviate)];
        int widestLabel = labels.Max(label => BitmapFont.Measure(label, labelScale).Width);
        bool verticalColumnLabels = widestLabel > cellSize * labelStep - 2 * labelScale;
        int columnLabelExtent = verticalColumnLabels ? widestLabel : BitmapFont.GlyphHeight * labelScale;

        int top = string.IsNullOrEmpty(title) ? 2 * padding : 2 * padding + BitmapFont.GlyphHeight * (textScale + 1);
        int left = padding + textHeight + padding + widestLabel + padding;
        var grid = new PixelRectangle(left, top, classes * cellSize, classes * cellSize);

        var colorBar = new PixelRectangle(grid.Right + 2 * padding, grid.Y, 3 * padding, grid.Height);
        int ticks = Math.Clamp(grid.Height / (3 * textHeight), 2, 6);
        int tickLabelWidth = AxisTicks.Compute(0, 1, ticks)
            .Max(tick => BitmapFont.Measure(AxisTicks.Format(tick, AxisTicks.NiceStep(1, ticks)), textScale).Width);
        int width = colorBar.Right + 3 * textScale + padding / 2 + tickLabelWidth + padding + textHeight + padding;
        int height = grid.Bottom + padding + columnLabelExtent + padding + textHeight + padding;
        return new Layout(
            grid, cellSize, textScale, countScale, labelScale, labelStep, verticalColumnLabels, labels, colorBar, ticks, width, height);
    }

    private static void Validate(int[,] counts, IReadOnlyList<string> classNames, int cellSize)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentOutOfRangeException.ThrowIfNegative(cellSize);
        int rows = counts.GetLength(0), columns = counts.GetLength(1);
        if (rows != columns || rows == 0)
        {
            throw new ArgumentException(
                $"Expected a square, non-empty confusion matrix (true × predicted), received {rows}x{columns}.", nameof(counts));
        }

        if (classNames.Count != rows)
        {
            throw new ArgumentException(
                $"Expected one class name per row of the {rows}x{columns} matrix, received {classNames.Count} names.", nameof(classNames));
        }

        for (int row = 0; row < rows; row++)
        {
            if (classNames[row] is null) throw new ArgumentException($"classNames[{row}]: expected a name, received null.", nameof(classNames));
            for (int column = 0; column < columns; column++)
            {
                if (counts[row, column] < 0)
                {
                    throw new ArgumentException(
                        $"counts[{row}, {column}]: expected a non-negative count, received {counts[row, column]}.", nameof(counts));
                }
            }
        }
    }

    private static void DrawCells(Canvas canvas, Layout layout, int[,] counts)
    {
        int classes = counts.GetLength(0), cell = layout.CellSize;
        for (int row = 0; row < classes; row++)
        {
            // long: a row of large counts may overflow int.
            long rowTotal = 0;
            for (int column = 0; column < classes; column++) rowTotal += counts[row, column];
            for (int column = 0; column < classes; column++)
            {
                double fraction = rowTotal == 0 ? 0 : (double)counts[row, column] / rowTotal;
                int x = layout.Grid.X + column * cell, y = layout.Grid.Y + row * cell;
                canvas.FillRectangle(x, y, cell, cell, CellColor(fraction));
                if (layout.CountScale == 0) continue;

                string text = counts[row, column].ToString(CultureInfo.InvariantCulture);
                (int textWidth, int textHeight) = BitmapFont.Measure(text, layout.CountScale);
                Color ink = fraction > 0.5 ? Color.White : Color.Black; // the Blues stops pass mid-gray lightness near 0.5
                canvas.DrawText(x + (cell - textWidth) / 2, y + (cell - textHeight) / 2, text, ink, layout.CountScale);
            }
        }

        // Thin separators keep neighbouring white cells apart; the frame goes on top.
        for (int i = 1; i < classes && cell >= 4; i++)
        {
            canvas.DrawLine(layout.Grid.X + i * cell, layout.Grid.Y, layout.Grid.X + i * cell, layout.Grid.Bottom - 1, Color.LightGray);
            canvas.DrawLine(layout.Grid.X, layout.Grid.Y + i * cell, layout.Grid.Right - 1, layout.Grid.Y + i * cell, Color.LightGray);
        }

        canvas.DrawRectangle(layout.Grid.X, layout.Grid.Y, layout.Grid.Width, layout.Grid.Height, Color.Black);
    }

    private static void DrawClassNames(Canvas canvas, Layout layout, IReadOnlyList<string> classNames)
    {
        int scale = layout.LabelScale, padding = 5 * layout.TextScale, cell = layout.CellSize;
        int textHeight = BitmapFont.GlyphHeight * scale;
        for (int i = 0; i < classNames.Count; i += layout.LabelStep)
        {
            string label = layout.Labels[i];
            int width = BitmapFont.Measure(label, scale).Width;
            int middle = i * cell + cell / 2;
            canvas.DrawText(layout.Grid.X - padding - width, layout.Grid.Y + middle - textHeight / 2, label, Color.Black, scale);
            if (layout.VerticalColumnLabels)
            {
                // Read bottom to top, ending just below the grid, as matplotlib's rotation=90 tick labels do.
                canvas.DrawTextVertical(layout.Grid.X + middle - textHeight / 2, layout.Grid.Bottom + padding, label, Color.Black, scale);
            }
            else
            {
                canvas.DrawText(layout.Grid.X + middle - width / 2, layout.Grid.Bottom + padding, label, Color.Black, scale);
            }
        }
    }

    private static void DrawColorBar(Canvas canvas, Layout layout)
    {
        PixelRectangle bar = layout.ColorBar;
        for (int y = bar.Y; y < bar.Bottom; y++)
        {
            canvas.FillRectangle(bar.X, y, bar.Width, 1, CellColor(FractionAt(bar, y)));
        }

        canvas.DrawRectangle(bar.X, bar.Y, bar.Width, bar.Height, Color.Black);
        int scale = layout.TextScale, tickLength = 3 * scale, textHeight = BitmapFont.GlyphHeight * scale;
        double step = AxisTicks.NiceStep(1, layout.ColorBarTicks);
        int labelX = bar.Right + tickLength + 5 * scale / 2, labelsRight = labelX;
        foreach (double tick in AxisTicks.Compute(0, 1, layout.ColorBarTicks))
        {
            int y = (int)Math.Round(bar.Bottom - 1 - tick * (bar.Height - 1));
            canvas.DrawLine(bar.Right, y, bar.Right + tickLength - 1, y, Color.Black);
            labelsRight = Math.Max(labelsRight, canvas.DrawText(labelX, y - textHeight / 2, AxisTicks.Format(tick, step), Color.Black, scale));
        }

        (string text, int fitted) = TextFit.Fit(ColorBarLabel, scale, bar.Height);
        int length = BitmapFont.Measure(text, fitted).Width;
        canvas.DrawTextVertical(labelsRight + 5 * scale, bar.Y + bar.Height / 2 - length / 2, text, Color.Black, fitted);
    }

    /// <summary>The fraction shown by pixel row <paramref name="y"/> of the colour bar: 1 at the top row, 0 at the bottom.</summary>
    private static double FractionAt(PixelRectangle bar, int y) =>
        bar.Height <= 1 ? 1 : (double)(bar.Bottom - 1 - y) / (bar.Height - 1);

    private static void DrawTitles(Canvas canvas, Layout layout, string? title)
    {
        int scale = layout.TextScale, padding = 5 * scale, textHeight = BitmapFont.GlyphHeight * scale;
        PixelRectangle grid = layout.Grid;
        int centerX = grid.X + grid.Width / 2;

        (string predicted, int predictedScale) = TextFit.Fit("predicted", scale, canvas.Width - 2 * padding);
        int predictedWidth = BitmapFont.Measure(predicted, predictedScale).Width;
        canvas.DrawText(
            Math.Max(padding, centerX - predictedWidth / 2), canvas.Height - padding - textHeight, predicted, Color.Black, predictedScale);

        (string truth, int truthScale) = TextFit.Fit("true", scale, grid.Height);
        int truthLength = BitmapFont.Measure(truth, truthScale).Width;
        canvas.DrawTextVertical(padding, grid.Y + grid.Height / 2 - truthLength / 2, truth, Color.Black, truthScale);

        if (string.IsNullOrEmpty(title)) return;
        (string text, int fitted) = TextFit.Fit(title, scale + 1, canvas.Width - 2 * padding);
        int width = BitmapFont.Measure(text, fitted).Width;
        // Centre on the grid, but never push a long title off either edge.
        int x = Math.Max(padding, Math.Min(centerX - width / 2, canvas.Width - padding - width));
        canvas.DrawText(x, padding + (scale + 1 - fitted) * BitmapFont.GlyphHeight / 2, text, Color.Black, fitted);
    }

    /// <summary>The largest font scale, at most <paramref name="maxScale"/>, at which text fits a cell with a margin; 0 if none.</summary>
    private static int LargestScaleFitting(string text, int cellSize, int maxScale)
    {
        for (int scale = maxScale; scale >= 1; scale--)
        {
            (int width, int height) = BitmapFont.Measure(text, scale);
            if (width + 2 * scale <= cellSize && height + 2 * scale <= cellSize) return scale;
        }

        return 0;
    }

    /// <summary>Cuts a long class name to <see cref="MaxLabelCharacters"/> characters (".." included).</summary>
    private static string Abbreviate(string name) =>
        TextFit.Fit(name, 1, BitmapFont.Measure(new string('x', MaxLabelCharacters), 1).Width).Text;

    /// <summary>
    /// Pixel positions of the parts: <see cref="Grid"/> holds the cells (cell (t, p) at Grid.X + p·CellSize,
    /// Grid.Y + t·CellSize); <see cref="CountScale"/> 0 means the counts do not fit and are left out.
    /// </summary>
    internal sealed record Layout(
        PixelRectangle Grid, int CellSize, int TextScale, int CountScale, int LabelScale, int LabelStep,
        bool VerticalColumnLabels, string[] Labels, PixelRectangle ColorBar, int ColorBarTicks, int Width, int Height);
}
