using System.Globalization;
using ScottPlot;

namespace Autoencoders.Drawing;

/// <summary>
/// A confusion matrix as a ScottPlot heatmap: row = true class, column = predicted class, each cell coloured by its
/// share of the row, counts[t, p] / Σ_q counts[t, q], from white (0) to dark blue (1), with the count written in it.
/// A colour bar on the right gives the scale. The image size follows from the cell size and the labels.
/// </summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Class names longer than this many characters are cut short with "..".</summary>
    private const int MaxLabelCharacters = 16;

    /// <summary>What the automatic cell size aims for the whole grid to span, and the most it may span.</summary>
    private const int TargetGridSize = 480, MaxGridSize = 1600, MaxAutomaticCellSize = 160;

    /// <summary>Room right of the grid for the colour bar, its tick labels and its label.</summary>
    private const int ColorBarRoom = 120;

    private const string ColorBarLabel = "fraction of true class";

    /// <summary>
    /// Renders <paramref name="counts"/> (shape (classes, classes), rows = true class) with
    /// <paramref name="classNames"/> on both axes. <paramref name="cellSize"/> is the side of a cell in pixels;
    /// 0 picks one that makes the grid about 480 pixels wide and leaves room for the counts.
    /// </summary>
    public static RgbImage Render(int[,] counts, IReadOnlyList<string> classNames, string? title = null, int cellSize = 0)
    {
        Validate(counts, classNames, cellSize);
        Layout layout = CreateLayout(counts, classNames, title, cellSize);
        int classes = counts.GetLength(0);
        using var plot = PlotFigure.Create(title, "predicted", "true");
        plot.HideGrid();

        double[,] fractions = RowFractions(counts);
        var heatmap = plot.Add.Heatmap(fractions);
        heatmap.Colormap = new BluesColormap();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Rectangle = new CoordinateRect(0, classes, 0, classes); // the outer edges; row 0 (the first true class) on top
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = ColorBarLabel;
        colorBar.LabelStyle.FontSize = PlotFigure.LabelSize;
        colorBar.LabelStyle.Bold = false;
        colorBar.Axis.TickLabelStyle.FontSize = PlotFigure.TickSize;
        colorBar.Axis.SetTicks([0, 0.2, 0.4, 0.6, 0.8, 1], ["0", "0.2", "0.4", "0.6", "0.8", "1"]);

        AddSeparators(plot, classes, layout.CellSize);
        AddCounts(plot, layout, counts, fractions);
        AddClassNames(plot, layout, classes);
        plot.Axes.SetLimits(0, classes, 0, classes);
        PixelRectangle grid = layout.Grid;
        plot.Layout.Fixed(new PixelPadding(grid.X, layout.Width - grid.Right, layout.Height - grid.Bottom, grid.Y));
        return PlotFigure.Render(plot, layout.Width, layout.Height).Image;
    }

    /// <summary>The cell colour for a row fraction in [0, 1]; see <see cref="BluesColormap"/>.</summary>
    internal static Color CellColor(double fraction) => BluesColormap.At(fraction);

    /// <summary>Where everything goes; exposed to tests so they can find the cells. Expects validated input.</summary>
    internal static Layout CreateLayout(int[,] counts, IReadOnlyList<string> classNames, string? title, int cellSize)
    {
        int classes = counts.GetLength(0);
        int preferred = Math.Clamp(TargetGridSize / classes, 1, MaxAutomaticCellSize);
        string widestCount = counts.Cast<int>().Max().ToString(CultureInfo.InvariantCulture);
        if (cellSize == 0)
        {
            // Room for the largest count at full text size, unless that would make the grid huge.
            int needed = (int)Math.Ceiling(FigureFont.MeasureWidth(widestCount, PlotFigure.TickSize)) + 12;
            cellSize = Math.Min(Math.Max(preferred, needed), Math.Max(MaxGridSize / classes, 1));
        }

        float countSize = LargestSizeFitting(widestCount, cellSize);
        // Labels shrink with small cells; below one text line per cell only every step-th class is named.
        float labelSize = Math.Clamp(cellSize * 0.8f, 8, PlotFigure.TickSize);
        int labelStep = (int)Math.Ceiling((labelSize * 1.3) / cellSize);
        string[] labels = [.. classNames.Select(Abbreviate)];
        float widestLabel = labels.Max(label => FigureFont.MeasureWidth(label, labelSize));
        bool verticalColumnLabels = widestLabel > cellSize * labelStep - 6;
        float columnLabelExtent = verticalColumnLabels ? widestLabel : labelSize * 1.3f;

        int top = string.IsNullOrEmpty(title) ? 15 : (int)(PlotFigure.TitleSize * 2.6);
        int left = (int)Math.Ceiling(widestLabel + PlotFigure.LabelSize * 2.5 + 10);
        int bottom = (int)Math.Ceiling(columnLabelExtent + PlotFigure.LabelSize * 2.5 + 10);
        var grid = new PixelRectangle(left, top, classes * cellSize, classes * cellSize);
        return new Layout(grid, cellSize, countSize, labelSize, labelStep, verticalColumnLabels, columnLabelExtent, labels, grid.Right + ColorBarRoom, grid.Bottom + bottom);
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

    /// <summary>counts[t, p] / Σ_q counts[t, q]; a row without samples is all 0.</summary>
    private static double[,] RowFractions(int[,] counts)
    {
        int classes = counts.GetLength(0);
        var fractions = new double[classes, classes];
        for (int row = 0; row < classes; row++)
        {
            long rowTotal = 0; // long: a row of large counts may overflow int
            for (int column = 0; column < classes; column++) rowTotal += counts[row, column];
            for (int column = 0; column < classes; column++)
                fractions[row, column] = rowTotal == 0 ? 0 : (double)counts[row, column] / rowTotal;
        }

        return fractions;
    }

    /// <summary>Thin light lines between cells keep neighbouring white cells apart.</summary>
    private static void AddSeparators(ScottPlot.Plot plot, int classes, int cellSize)
    {
        if (cellSize < 4) return;
        for (int i = 1; i < classes; i++)
        {
            plot.Add.VerticalLine(i, 1, PlotFigure.ToScottPlot(Color.LightGray));
            plot.Add.HorizontalLine(i, 1, PlotFigure.ToScottPlot(Color.LightGray));
        }
    }

    private static void AddCounts(ScottPlot.Plot plot, Layout layout, int[,] counts, double[,] fractions)
    {
        if (layout.CountFontSize == 0) return;
        int classes = counts.GetLength(0);
        for (int row = 0; row < classes; row++)
        {
            for (int column = 0; column < classes; column++)
            {
                var text = plot.Add.Text(counts[row, column].ToString(CultureInfo.InvariantCulture), column + 0.5, classes - row - 0.5);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelStyle.FontSize = layout.CountFontSize;
                text.LabelStyle.FontName = FigureFont.Family;
                // The Blues colours pass mid-gray lightness near 0.5.
                text.LabelStyle.ForeColor = fractions[row, column] > 0.5 ? Colors.White : Colors.Black;
            }
        }
    }

    private static void AddClassNames(ScottPlot.Plot plot, Layout layout, int classes)
    {
        var columnTicks = new List<(double, string)>();
        var rowTicks = new List<(double, string)>();
        for (int i = 0; i < classes; i += layout.LabelStep)
        {
            columnTicks.Add((i + 0.5, layout.Labels[i]));
            rowTicks.Add((classes - i - 0.5, layout.Labels[i]));
        }

        plot.Axes.Bottom.SetTicks([.. columnTicks.Select(t => t.Item1)], [.. columnTicks.Select(t => t.Item2)]);
        plot.Axes.Left.SetTicks([.. rowTicks.Select(t => t.Item1)], [.. rowTicks.Select(t => t.Item2)]);
        foreach (IAxis axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = layout.LabelSize;
            axis.MajorTickStyle.Length = 3;
            axis.MinorTickStyle.Length = 0;
        }

        if (layout.VerticalColumnLabels)
        {
            // Read bottom to top, ending just below the grid, as matplotlib's rotation=90 tick labels do.
            plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            // ScottPlot places the axis label as if the tick labels were level: move it below the rotated ones.
            plot.Axes.Bottom.Label.OffsetY = layout.ColumnLabelExtent - layout.LabelSize;
        }
    }

    /// <summary>The largest font size, at most the tick size, at which text fits a cell with a margin; 0 if below 6 pixels.</summary>
    private static float LargestSizeFitting(string text, int cellSize)
    {
        for (float size = PlotFigure.TickSize; size >= 6; size--)
        {
            if (FigureFont.MeasureWidth(text, size) + 4 <= cellSize && size * 1.2f + 2 <= cellSize) return size;
        }

        return 0;
    }

    /// <summary>Cuts a long class name to <see cref="MaxLabelCharacters"/> characters (".." included).</summary>
    private static string Abbreviate(string name) =>
        name.Length <= MaxLabelCharacters ? name : name[..(MaxLabelCharacters - 2)] + "..";

    /// <summary>
    /// Pixel positions of the parts: <see cref="Grid"/> holds the cells (cell (t, p) at Grid.X + p·CellSize,
    /// Grid.Y + t·CellSize); <see cref="CountFontSize"/> 0 means the counts do not fit and are left out.
    /// </summary>
    internal sealed record Layout(
        PixelRectangle Grid, int CellSize, float CountFontSize, float LabelSize, int LabelStep,
        bool VerticalColumnLabels, float ColumnLabelExtent, string[] Labels, int Width, int Height);
}
