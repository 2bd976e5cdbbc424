namespace Autoencoders.Drawing;

/// <summary>An opaque colour with 8 bits per channel (sRGB).</summary>
public readonly record struct Color(byte R, byte G, byte B)
{
    public static Color White => new(255, 255, 255);
    public static Color Black => new(0, 0, 0);

    /// <summary>Grid lines: light enough to sit behind data without competing with it.</summary>
    public static Color LightGray => new(225, 225, 225);

    /// <summary>Frames and secondary text.</summary>
    public static Color DarkGray => new(80, 80, 80);

    // matplotlib's "tab10": ten hues chosen to stay distinguishable from each other, also when printed.
    private static readonly Color[] CategoryPalette =
    [
        new(31, 119, 180),  // blue
        new(255, 127, 14),  // orange
        new(44, 160, 44),   // green
        new(214, 39, 40),   // red
        new(148, 103, 189), // purple
        new(140, 86, 75),   // brown
        new(227, 119, 194), // pink
        new(127, 127, 127), // gray
        new(188, 189, 34),  // olive
        new(23, 190, 207),  // cyan
    ];

    /// <summary>How many distinct colours <see cref="Category"/> cycles through.</summary>
    public static int CategoryCount => CategoryPalette.Length;

    /// <summary>The colour of category <paramref name="index"/> (tab10 palette); cycles every 10, negatives wrap too.</summary>
    public static Color Category(int index)
    {
        int count = CategoryPalette.Length;
        return CategoryPalette[((index % count) + count) % count];
    }

    /// <summary>A gray level; <paramref name="intensity"/> is clamped to [0, 1] (0 = black) and NaN reads as 0.</summary>
    public static Color FromIntensity(float intensity)
    {
        byte level = IntensityToByte(intensity);
        return new Color(level, level, level);
    }

    /// <summary>round(255 · clamp(v, 0, 1)); NaN maps to 0 so a broken pixel shows as black, not as an exception.</summary>
    public static byte IntensityToByte(float intensity)
    {
        if (!(intensity > 0f)) return 0;
        if (intensity >= 1f) return 255;
        return (byte)(intensity * 255f + 0.5f);
    }

    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}";
}
