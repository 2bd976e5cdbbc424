namespace Autoencoders.Drawing;

/// <summary>
/// A boxed list of swatches and labels. When the rows do not fit in the height allowed, the last visible row
/// says how many were left out, so a 100-category plot still gets a legend that stays inside the image.
/// </summary>
internal sealed class Legend
{
    private readonly List<LegendEntry> rows;
    private readonly string? overflowNote;
    private readonly int scale;

    public Legend(IReadOnlyList<LegendEntry> entries, int scale, int maxHeight = int.MaxValue)
    {
        this.scale = scale;
        int fitting = Math.Max(0, (maxHeight - 2 * Padding + RowGap) / RowHeight);
        if (entries.Count <= fitting)
        {
            rows = [.. entries];
        }
        else
        {
            int shown = Math.Max(fitting - 1, 0);
            rows = [.. entries.Take(shown)];
            overflowNote = $"+{entries.Count - shown} more";
        }

        int labelWidth = rows.Select(row => BitmapFont.Measure(row.Label, scale).Width)
            .Append(overflowNote is null ? 0 : BitmapFont.Measure(overflowNote, scale).Width).Max();
        int rowCount = rows.Count + (overflowNote is null ? 0 : 1);
        Width = 2 * Padding + SwatchWidth + Gap + labelWidth;
        Height = rowCount == 0 ? 0 : 2 * Padding + rowCount * RowHeight - RowGap;
    }

    public int Width { get; }

    public int Height { get; }

    public bool IsEmpty => Height == 0;

    private int Padding => 4 * scale;

    private int RowGap => 3 * scale;

    private int RowHeight => BitmapFont.GlyphHeight * scale + RowGap;

    private int SwatchWidth => 10 * scale;

    private int Gap => 3 * scale;

    /// <summary>Draws the box with its top-left corner at (x, y).</summary>
    public void Draw(Canvas canvas, int x, int y)
    {
        if (IsEmpty) return;
        canvas.FillRectangle(x, y, Width, Height, Color.White);
        canvas.DrawRectangle(x, y, Width, Height, new Color(190, 190, 190));

        int rowY = y + Padding;
        int textX = x + Padding + SwatchWidth + Gap;
        foreach (LegendEntry row in rows)
        {
            int middle = rowY + BitmapFont.GlyphHeight * scale / 2;
            if (row.IsLine)
            {
                canvas.DrawLine(x + Padding, middle, x + Padding + SwatchWidth - 1, middle, row.Color, thickness: 2);
            }
            else
            {
                canvas.FillCircle(x + Padding + SwatchWidth / 2, middle, 2 * scale, row.Color);
            }

            canvas.DrawText(textX, rowY, row.Label, Color.Black, scale);
            rowY += RowHeight;
        }

        if (overflowNote is not null) canvas.DrawText(textX, rowY, overflowNote, Color.DarkGray, scale);
    }
}
