namespace Autoencoders.Drawing;

/// <summary>One legend row: a swatch (a short line for a series, a dot for a category) and its label.</summary>
internal readonly record struct LegendEntry(string Label, Color Color, bool IsLine);
