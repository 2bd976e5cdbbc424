using System.Globalization;

namespace Autoencoders.Cli.Commands.Translation;

/// <summary>An image size on the command line: W×H (as 32x32 or 32×32) or one number for a square.</summary>
internal static class ImageSizeOption
{
    public static (int Width, int Height)? Parse(string? text, string option)
    {
        if (text is null) return null;
        string[] parts = text.Split('x', '×', 'X');
        if (parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v is > 0 and <= 4096))
        {
            int width = int.Parse(parts[0], CultureInfo.InvariantCulture);
            return (width, parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : width);
        }
        throw new UsageException($"{option}: expected W×H in pixels (e.g. 32x32), received '{text}'");
    }
}
