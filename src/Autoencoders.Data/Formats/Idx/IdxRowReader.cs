using System.Globalization;
using System.Numerics.Tensors;

namespace Autoencoders.Data;

/// <summary>
/// The images of an IDX file (the MNIST format) as rows of pixels scaled to [0, 1] (value / 255, as
/// <see cref="Dataset.FromBytes"/>), read a chunk at a time; with a labels file, each row's label as text.
/// </summary>
/// <remarks>The file is read whole and checked (<see cref="IdxReader"/>) before the first row: one byte per pixel, a
/// quarter of the floats a dataset would hold; rows are converted to float32 one chunk at a time.</remarks>
public sealed class IdxRowReader : IRowReader
{
    private readonly IdxArray images;
    private readonly IdxArray? labels;
    private int next;

    /// <exception cref="InvalidDataException">A file is truncated or not an unsigned-byte IDX file, or the labels do not match the images.</exception>
    public IdxRowReader(string imagesPath, string? labelsPath = null)
    {
        Path = imagesPath ?? throw new ArgumentNullException(nameof(imagesPath));
        images = IdxReader.ReadImages(imagesPath);
        FeatureCount = images.Dimensions[1] * images.Dimensions[2];
        if (labelsPath is not null)
        {
            labels = IdxReader.ReadLabels(labelsPath);
            if (labels.Count != images.Count)
                throw DataErrors.Invalid(labelsPath, $"expected {images.Count} labels (one per image of {imagesPath}), received {labels.Count}");
        }
    }

    public string Path { get; }

    public int FeatureCount { get; }

    public bool HasLabels => labels is not null;

    /// <summary>Images in the file.</summary>
    public int Count => images.Count;

    public int Read(Span<float> destination, Span<string?> rowLabels)
    {
        int rows = Math.Min(destination.Length / FeatureCount, images.Count - next);
        var pixels = images.Data.AsSpan(next * FeatureCount, rows * FeatureCount);
        Span<float> values = destination[..(rows * FeatureCount)];
        TensorPrimitives.ConvertTruncating<byte, float>(pixels, values);
        TensorPrimitives.Divide(values, 255f, values);
        if (labels is not null)
            for (int i = 0; i < rows && i < rowLabels.Length; i++) rowLabels[i] = labels.Data[next + i].ToString(CultureInfo.InvariantCulture);
        next += rows;
        return rows;
    }

    public void Dispose()
    {
    }
}
