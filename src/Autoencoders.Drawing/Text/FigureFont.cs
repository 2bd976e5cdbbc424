using SkiaSharp;

namespace Autoencoders.Drawing;

/// <summary>
/// The one font of every figure: DejaVu Sans from Debian's fonts-dejavu-core, or the TrueType file named by
/// <c>AE_FIGURE_FONT</c>. Figures never fall back to a system font, so the same inputs draw the same pixels everywhere.
/// </summary>
public static class FigureFont
{
    /// <summary>The environment variable that names another font file.</summary>
    public const string PathVariable = "AE_FIGURE_FONT";

    /// <summary>Where fonts-dejavu-core installs DejaVu Sans.</summary>
    public const string DefaultPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>The family name ScottPlot knows the font by (registered under this name whatever the file is).</summary>
    public const string Family = "AE Figure Sans";

    private static readonly Lock Gate = new();
    private static (string Path, SKTypeface Regular, SKTypeface Bold)? loaded;

    /// <summary>The font file in use: <c>$AE_FIGURE_FONT</c> when set, else <see cref="DefaultPath"/>.</summary>
    public static string FilePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    /// <summary>The regular typeface; throws <see cref="FileNotFoundException"/> naming the file when it is missing.</summary>
    public static SKTypeface Regular => Load().Regular;

    /// <summary>The bold typeface: the "-Bold" file beside the regular one when there is one, else the regular face.</summary>
    public static SKTypeface Bold => Load().Bold;

    /// <summary>The advance width in pixels of <paramref name="text"/> at <paramref name="size"/> pixels.</summary>
    public static float MeasureWidth(string text, float size, bool bold = false)
    {
        using var font = new SKFont(bold ? Bold : Regular, size);
        return font.MeasureText(text);
    }

    /// <summary>Registers the font with ScottPlot (once per file) and returns the family name to give plots.</summary>
    internal static string ForScottPlot()
    {
        Load();
        return Family;
    }

    private static (string Path, SKTypeface Regular, SKTypeface Bold) Load()
    {
        string path = FilePath;
        lock (Gate)
        {
            if (loaded is { } current && current.Path == path) return current;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"{path}: figure font not found; install fonts-dejavu-core (scripts/debian-packages.sh) or set {PathVariable} to a .ttf file", path);
            }

            SKTypeface regular = SKTypeface.FromFile(path)
                ?? throw new InvalidDataException($"{path}: not a font file SkiaSharp can read (expected TrueType or OpenType)");
            string boldPath = Path.Combine(Path.GetDirectoryName(path) ?? ".", Path.GetFileNameWithoutExtension(path) + "-Bold" + Path.GetExtension(path));
            SKTypeface bold = (File.Exists(boldPath) ? SKTypeface.FromFile(boldPath) : null) ?? regular;

            // ScottPlot asks for a family by name with a bold flag (titles and axis labels are bold); answer both from our files.
            ScottPlot.Fonts.AddFontFile(Family, path, bold: false, italic: false);
            ScottPlot.Fonts.AddFontFile(Family, File.Exists(boldPath) ? boldPath : path, bold: true, italic: false);
            loaded = (path, regular, bold);
            return loaded.Value;
        }
    }
}
