using Autoencoders.Data;
using Autoencoders.Drawing;

namespace Autoencoders.Cli.Tests;

/// <summary>Writes pix2pix-style folders of PNG pairs: B/NNN.png colour images (soft coloured blobs) and A/NNN.png the
/// same images darkened and blurred, the translation to learn.</summary>
public static class PairedPngFolders
{
    public static (string A, string B) Write(string root, int count = 40, int side = 16)
    {
        string a = Path.Combine(root, "A"), b = Path.Combine(root, "B");
        Directory.CreateDirectory(a);
        Directory.CreateDirectory(b);
        var random = new DeterministicRandom(5);
        for (int i = 0; i < count; i++)
        {
            var clean = new byte[side * side * 3];
            var dark = new byte[side * side * 3];
            double cx = random.NextDouble() * side, cy = random.NextDouble() * side;
            double[] colour = [random.NextDouble(), random.NextDouble(), random.NextDouble()];
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                {
                    double blob = Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (side * 2.0));
                    for (int c = 0; c < 3; c++)
                    {
                        double v = 0.15 + 0.8 * blob * colour[c];
                        clean[(y * side + x) * 3 + c] = (byte)Math.Round(255 * v);
                        dark[(y * side + x) * 3 + c] = (byte)Math.Round(255 * (0.05 + 0.4 * v));
                    }
                }
            PngFile.Save(Path.Combine(b, $"{i:D3}.png"), new RgbImage(side, side, clean));
            PngFile.Save(Path.Combine(a, $"{i:D3}.png"), new RgbImage(side, side, dark));
        }
        return (a, b);
    }
}
