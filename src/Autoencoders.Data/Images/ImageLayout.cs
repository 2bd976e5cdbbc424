namespace Autoencoders.Data.Images;

/// <summary>How a flat row of pixel values is laid out: channel-major planes (C, H, W), as the convolution layers read it.</summary>
public readonly record struct ImageLayout(int Channels, int Height, int Width)
{
    public int PlaneSize => Height * Width;

    public int ValueCount => Channels * Height * Width;

    public override string ToString() => Channels == 1 ? $"{Width}×{Height}" : $"{Width}×{Height}×{Channels}";

    /// <summary>The layout of a dataset's samples: its sample shape when it has one ((H, W) or (C, H, W)), else a square
    /// one-channel image; anything else is not an image.</summary>
    public static ImageLayout Of(Dataset dataset, string source)
    {
        if (dataset.SampleShape is { Length: 2 } hw) return Checked(new ImageLayout(1, hw[0], hw[1]), dataset, source);
        if (dataset.SampleShape is { Length: 3 } chw) return Checked(new ImageLayout(chw[0], chw[1], chw[2]), dataset, source);
        int side = (int)Math.Round(Math.Sqrt(dataset.FeatureCount));
        if (side * side == dataset.FeatureCount && side > 1) return new ImageLayout(1, side, side);
        throw new InvalidDataException($"{source}: expected images (a square number of values or a (C, H, W) sample shape), received {dataset.FeatureCount} values per sample");
    }

    private static ImageLayout Checked(ImageLayout layout, Dataset dataset, string source) =>
        layout.ValueCount == dataset.FeatureCount
            ? layout
            : throw new InvalidDataException($"{source}: sample shape {layout} does not hold its {dataset.FeatureCount} values");
}
