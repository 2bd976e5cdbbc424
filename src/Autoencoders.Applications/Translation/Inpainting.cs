using Autoencoders.Data;
using Autoencoders.Data.Images;

namespace Autoencoders.Applications.Translation;

/// <summary>Where <see cref="Inpainting"/> puts its square.</summary>
public enum MaskPlacement
{
    Centre,
    /// <summary>Anywhere wholly inside the image, drawn per image and per epoch.</summary>
    Random,
}

/// <summary>Inpainting: a size × size square of every channel set to 0; the model fills it in.</summary>
public sealed class Inpainting(MaskPlacement placement, int size) : ImageCorruption
{
    public const string Name = "inpaint";

    public MaskPlacement Placement { get; } = placement;

    public int Size { get; } = size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(size), size, "expected a positive mask size");

    public override string Task => Name;

    public override bool HidesPixels => true;

    public override void Validate(ImageLayout layout)
    {
        if (Size >= layout.Height || Size >= layout.Width)
            throw new ArgumentException($"a {Size}×{Size} mask does not leave any pixel of a {layout} image visible on some row or column: expected a mask smaller than the image");
    }

    public override void Apply(ReadOnlySpan<float> clean, Span<float> corrupted, Span<bool> hidden, ImageLayout layout, DeterministicRandom random)
    {
        var (top, left) = Placement == MaskPlacement.Centre
            ? ((layout.Height - Size) / 2, (layout.Width - Size) / 2)
            : (random.NextInt(layout.Height - Size + 1), random.NextInt(layout.Width - Size + 1));
        clean.CopyTo(corrupted);
        hidden.Clear();
        for (int c = 0; c < layout.Channels; c++)
            for (int y = top; y < top + Size; y++)
            {
                int start = c * layout.PlaneSize + y * layout.Width + left;
                corrupted.Slice(start, Size).Clear();
                hidden.Slice(start, Size).Fill(true);
            }
    }

    public override string Describe() => $"inpainting: a {Size}×{Size} square {(Placement == MaskPlacement.Centre ? "in the centre" : "at a random place")} set to 0";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new("mask", Placement == MaskPlacement.Centre ? "centre" : "random"), new("size", Size.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>centre (or center) or random.</summary>
    public static MaskPlacement ParsePlacement(string text) => text switch
    {
        "centre" or "center" => MaskPlacement.Centre,
        "random" => MaskPlacement.Random,
        _ => throw new FormatException($"unknown mask placement '{text}' (expected centre or random)"),
    };
}
