using Autoencoders.Data;

namespace Autoencoders.Cli.Tests;

/// <summary>Writes an MNIST-style folder of small synthetic 28×28 images: each class is a bright square in its own place, over faint noise.</summary>
public static class TinyImageFolder
{
    public const int TrainCount = 300, TestCount = 100, Side = 28;

    /// <summary>Writes the four files (train 300, t10k 100; gzip unless <paramref name="compress"/> is false) into <paramref name="folder"/> and returns it.</summary>
    public static string Write(string folder, int side = Side, bool compress = true)
    {
        Directory.CreateDirectory(folder);
        WritePair(folder, "train", TrainCount, side, seed: 1, compress);
        WritePair(folder, "t10k", TestCount, side, seed: 2, compress);
        return folder;
    }

    /// <summary>The path of one of the four files, e.g. <c>File(folder, "train-images-idx3-ubyte", compressed: true)</c>.</summary>
    public static string File(string folder, string name, bool compressed) => Path.Combine(folder, compressed ? name + ".gz" : name);

    /// <summary>Labels of the t10k part, in file order.</summary>
    public static int[] TestLabels => [.. Enumerable.Range(0, TestCount).Select(i => i % 10)];

    private static void WritePair(string folder, string part, int count, int side, ulong seed, bool compress)
    {
        var random = new DeterministicRandom(seed);
        byte[] pixels = new byte[count * side * side];
        byte[] labels = new byte[count];
        int square = side / 4;
        for (int i = 0; i < count; i++)
        {
            int label = i % 10;
            labels[i] = (byte)label;
            var image = pixels.AsSpan(i * side * side, side * side);
            for (int p = 0; p < image.Length; p++) image[p] = (byte)random.NextInt(30);
            int top = 1 + label / 5 * (side / 2), left = 1 + label % 5 * (side - square - 2) / 4;
            for (int r = top; r < top + square; r++)
                image.Slice(r * side + left, square).Fill((byte)(200 + random.NextInt(56)));
        }
        IdxWriter.Write(File(folder, $"{part}-images-idx3-ubyte", compress), new IdxArray([count, side, side], pixels), compress);
        IdxWriter.Write(File(folder, $"{part}-labels-idx1-ubyte", compress), new IdxArray([count], labels), compress);
    }
}
