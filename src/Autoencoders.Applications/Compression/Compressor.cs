using System.Numerics.Tensors;
using System.Security.Cryptography;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;

namespace Autoencoders.Applications.Compression;

/// <summary>
/// Lossy compression with a codec: a sample is stored as its code, and restored by decoding it. The measures of
/// <c>ae compress</c> live here too: what the samples take as stored, and the samples as a decompressor stores them.
/// </summary>
/// <remarks>Samples with a 2-D shape are images, stored as one byte per pixel (IDX uint8, value = round(255·x));
/// other samples are tabular, stored as 4-byte floats.</remarks>
public static class Compressor
{
    /// <summary>The codes of <paramref name="samples"/> at <paramref name="precision"/>, tagged with the model's
    /// hash (<see cref="HashFile"/>) and keeping the samples' labels and shape.</summary>
    public static CompressedCodes Compress(ICodec codec, Dataset samples, CodePrecision precision, ReadOnlySpan<byte> modelSha256)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(samples);
        return new CompressedCodes(codec.Encode(samples), codec.CodeSize, precision, modelSha256, samples.Labels, samples.SampleShape);
    }

    /// <summary>The samples decoded from <paramref name="codes"/> (values as the codec outputs them), with their labels and shape.</summary>
    public static Dataset Decompress(ICodec codec, CompressedCodes codes)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.CodeSize != codec.CodeSize)
            throw new ArgumentException($"{codec.Name} decodes codes of {codec.CodeSize} values, received codes of {codes.CodeSize}");
        return new Dataset(codec.Decode(codes.Codes), codec.InputSize, codes.Labels, codes.SampleShape);
    }

    /// <summary>The SHA-256 of a file's bytes: ties a code file to the model file that can decode it.</summary>
    public static byte[] HashFile(string path)
    {
        using var file = File.OpenRead(path);
        return SHA256.HashData(file);
    }

    /// <summary>Whether samples of this shape are images (rows, columns), stored one byte per pixel.</summary>
    public static bool IsImage(int[]? sampleShape) => sampleShape is [_, _];

    /// <summary>Bytes one value takes as stored: 1 for an image's pixel (IDX uint8), 4 for a tabular value (float32).</summary>
    public static int StoredBytesPerValue(Dataset samples) => IsImage(samples.SampleShape) ? 1 : 4;

    /// <summary>The bytes <paramref name="samples"/> take as stored: Count × FeatureCount × <see cref="StoredBytesPerValue"/>.</summary>
    public static long StoredBytes(Dataset samples) => (long)samples.Count * samples.FeatureCount * StoredBytesPerValue(samples);

    /// <summary>Images as they come back from their stored bytes (<see cref="ToPixels"/> then / 255); tabular samples unchanged.</summary>
    public static Dataset AsStored(Dataset samples) =>
        IsImage(samples.SampleShape)
            ? Dataset.FromBytes(ToPixels(samples.Features), samples.FeatureCount, samples.Labels, samples.SampleShape, samples.ClassNames)
            : samples;

    /// <summary>Values in [0, 1] as 8-bit pixels: round(255 · clamp(x, 0, 1)), ties to even; NaN becomes 0.</summary>
    public static byte[] ToPixels(ReadOnlySpan<float> values)
    {
        var scaled = new float[values.Length];
        TensorPrimitives.Multiply(values, 255f, scaled);
        TensorPrimitives.Round(scaled, scaled);
        var pixels = new byte[values.Length];
        // Saturation clamps to [0, 255] (and maps NaN to 0), which is the clamp to [0, 1] before scaling.
        TensorPrimitives.ConvertSaturating<float, byte>(scaled, pixels);
        return pixels;
    }
}
