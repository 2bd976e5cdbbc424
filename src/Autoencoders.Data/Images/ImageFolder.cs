using SkiaSharp;

namespace Autoencoders.Data.Images;

/// <summary>
/// A folder of PNG or JPEG files as a dataset: one sample per file, in file-name order, values in [0, 1] laid out
/// (C, H, W). One channel when every pixel of every image is gray (R = G = B), else three; alpha is ignored. Images
/// are resized to a stated size, or must all have the first one's. Pairs of folders are matched by file name, as
/// pix2pix lays them out (A/001.png ↔ B/001.png). Every error names the file.
/// </summary>
public static class ImageFolder
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>Whether <paramref name="path"/> is a folder holding at least one PNG or JPEG file.</summary>
    public static bool IsImageFolder(string path) => Directory.Exists(path) && ImageFiles(path).Length > 0;

    /// <summary>The images of <paramref name="folder"/>, resized to <paramref name="size"/> when given.</summary>
    public static (Dataset Images, string[] Names) Load(string folder, (int Width, int Height)? size = null)
    {
        var (pixels, names, width, height) = Decode(folder, size, expected: null);
        return (ToDataset(pixels, width, height, AllGray(pixels) ? 1 : 3), names);
    }

    /// <summary>Two folders of the same samples, paired by file name: A's images and B's, with one size and channel count.</summary>
    public static (Dataset A, Dataset B, string[] Names) LoadPairs(string a, string b, (int Width, int Height)? size = null)
    {
        string[] namesA = [.. ImageFiles(a).Select(Path.GetFileName)!], namesB = [.. ImageFiles(b).Select(Path.GetFileName)!];
        foreach (string name in namesA)
            if (Array.BinarySearch(namesB, name, StringComparer.Ordinal) < 0)
                throw new InvalidDataException($"{Path.Combine(a, name)}: has no pair in {b} (expected {Path.Combine(b, name)})");
        foreach (string name in namesB)
            if (Array.BinarySearch(namesA, name, StringComparer.Ordinal) < 0)
                throw new InvalidDataException($"{Path.Combine(b, name)}: has no pair in {a} (expected {Path.Combine(a, name)})");
        var (pixelsA, names, width, height) = Decode(a, size, expected: null);
        var (pixelsB, _, _, _) = Decode(b, size, expected: (width, height, a));
        int channels = AllGray(pixelsA) && AllGray(pixelsB) ? 1 : 3;
        return (ToDataset(pixelsA, width, height, channels), ToDataset(pixelsB, width, height, channels), names);
    }

    private static string[] ImageFiles(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder");
        string[] files = [.. Directory.EnumerateFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))];
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>Each file's RGBA bytes at one size: <paramref name="size"/>, else the first file's (or, for the second
    /// folder of a pair, the first folder's).</summary>
    private static (List<byte[]> Pixels, string[] Names, int Width, int Height) Decode(string folder, (int Width, int Height)? size, (int Width, int Height, string Folder)? expected)
    {
        string[] files = ImageFiles(folder);
        if (files.Length == 0) throw new InvalidDataException($"{folder}: holds no .png, .jpg or .jpeg file");
        var pixels = new List<byte[]>(files.Length);
        int width = size?.Width ?? expected?.Width ?? 0, height = size?.Height ?? expected?.Height ?? 0;
        string? sizedBy = size is null ? expected?.Folder : null;
        foreach (string file in files)
        {
            using var bitmap = DecodeFile(file);
            if (width == 0) (width, height, sizedBy) = (bitmap.Width, bitmap.Height, file);
            if (size is null && (bitmap.Width != width || bitmap.Height != height))
                throw new InvalidDataException($"{file}: is {bitmap.Width}×{bitmap.Height}, expected {width}×{height} as {sizedBy} has (or resize all with --image-size)");
            pixels.Add(Rgba(bitmap, width, height));
        }
        return (pixels, [.. files.Select(Path.GetFileName)!], width, height);
    }

    private static SKBitmap DecodeFile(string file)
    {
        using var stream = File.OpenRead(file);
        using var codec = SKCodec.Create(stream) ?? throw new InvalidDataException($"{file}: not a PNG or JPEG image");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new InvalidDataException($"{file}: cannot be decoded ({(result == SKCodecResult.IncompleteInput ? "truncated" : result.ToString())})");
        }
        return bitmap;
    }

    private static byte[] Rgba(SKBitmap bitmap, int width, int height)
    {
        if (bitmap.Width == width && bitmap.Height == height) return bitmap.GetPixelSpan().ToArray();
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var resized = bitmap.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        return resized.GetPixelSpan().ToArray();
    }

    private static bool AllGray(List<byte[]> images)
    {
        foreach (byte[] rgba in images)
            for (int i = 0; i < rgba.Length; i += 4)
                if (rgba[i] != rgba[i + 1] || rgba[i] != rgba[i + 2]) return false;
        return true;
    }

    private static Dataset ToDataset(List<byte[]> images, int width, int height, int channels)
    {
        int plane = width * height, n = channels * plane;
        var features = new float[images.Count * n];
        for (int image = 0; image < images.Count; image++)
            for (int c = 0; c < channels; c++)
                for (int p = 0; p < plane; p++)
                    features[image * n + c * plane + p] = images[image][4 * p + c] / 255f;
        int[] shape = channels == 1 ? [height, width] : [channels, height, width];
        return new Dataset(features, n, sampleShape: shape);
    }
}
