using Autoencoders.Data.Images;
using Autoencoders.Nn.Graphs;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Layers.Merging;
using Autoencoders.Nn.Models;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Presets;

/// <summary>
/// The image-to-image architectures of <c>ae train --task</c>: a U-Net (Ronneberger, Fischer and Brox 2015) and, for
/// comparison, the same encoder-decoder without its skip connections. Both take a flat (C, H, W) row and give one of the
/// same shape in [0, 1]: two levels of two 3×3 convolutions (ReLU, "same" padding) and a 2×2 max-pool, a bottleneck at
/// a quarter of the size, and back up through stride-2 transposed convolutions. H and W must divide by 4.
/// </summary>
public static class TranslationPresets
{
    public const string UnetName = "unet", PlainName = "encoder-decoder";

    /// <summary>Filters of the first level (doubled at each level down) when not stated.</summary>
    public const int DefaultFilters = 16;

    public static IEnumerable<string> Names => [UnetName, PlainName];

    public static bool IsTranslationPreset(string name) => name is UnetName or PlainName;

    public static string Describe(string name) => name switch
    {
        UnetName => "U-Net: Conv F-F, pool, 2F-2F, pool, 4F-4F, ConvT 2F ⊕ skip, Conv 2F-2F, ConvT F ⊕ skip, Conv F-F, 1×1 sigmoid (F = 16)",
        PlainName => "the U-Net's layers without its skip connections (⊕), the comparison an ablation needs",
        _ => throw new ArgumentException($"unknown image-to-image model \"{name}\", expected {UnetName} or {PlainName}"),
    };

    /// <summary>The unbuilt model for images of <paramref name="layout"/>.</summary>
    public static Functional Create(string name, ImageLayout layout, int filters = DefaultFilters)
    {
        Describe(name);
        if (layout.Height % 4 != 0 || layout.Width % 4 != 0 || layout.Height < 8 || layout.Width < 8)
            throw new ArgumentException($"the {name} model needs images whose sides divide by 4 (28×28, 32×32, 64×64), received {layout}");
        if (filters < 1) throw new ArgumentOutOfRangeException(nameof(filters), filters, "expected at least 1 filter");
        bool skips = name == UnetName;
        var input = SymbolicTensor.Input(new Shape(layout.ValueCount), "image");
        var image = new Reshape(layout.Channels, layout.Height, layout.Width).Apply(input);
        var level1 = Block(image, filters);
        var level2 = Block(new MaxPooling2D(2).Apply(level1), 2 * filters);
        var bottom = Block(new MaxPooling2D(2).Apply(level2), 4 * filters);
        var up2 = Block(Joined(Up(bottom, 2 * filters), level2, skips), 2 * filters);
        var up1 = Block(Joined(Up(up2, filters), level1, skips), filters);
        var output = new Conv2D(layout.Channels, 1, 1, Padding.Same, Activation.Sigmoid).Apply(up1);
        return new Functional(input, new Flatten().Apply(output)) { Name = name };
    }

    private static SymbolicTensor Block(SymbolicTensor x, int filters) =>
        Convolution(filters).Apply(Convolution(filters).Apply(x));

    private static Conv2D Convolution(int filters) => new(filters, 3, 1, Padding.Same, Activation.Relu);

    private static SymbolicTensor Up(SymbolicTensor x, int filters) =>
        new Conv2DTranspose(filters, 3, 2, Padding.Same, null, Activation.Relu).Apply(x);

    private static SymbolicTensor Joined(SymbolicTensor up, SymbolicTensor skip, bool skips) =>
        skips ? new Concatenate(axis: 1).Apply(up, skip) : up;
}
