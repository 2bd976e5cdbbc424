namespace Autoencoders.Nn.Layers;

/// <summary>
/// Zero padding of a convolution, as Keras names it (<c>same</c>, <c>valid</c>) or as a number of pixels on every
/// side (PyTorch's form). "same" pads (k − 1) / 2 on each side, so stride 1 keeps the size and stride s gives
/// ⌈H / s⌉; its windows align as PyTorch's do (symmetric padding), not as TensorFlow's (extra padding at the end).
/// </summary>
public readonly record struct Padding(string Name, int Pixels)
{
    public static Padding Same => new("same", -1);

    public static Padding Valid => new("valid", 0);

    public static Padding Explicit(int pixels) =>
        pixels >= 0 ? new(pixels.ToString(System.Globalization.CultureInfo.InvariantCulture), pixels)
                    : throw new ArgumentException($"expected a non-negative padding, received {pixels}");

    /// <summary>"same", "valid" or a number of pixels.</summary>
    public static Padding Parse(string? text) => text?.ToLowerInvariant() switch
    {
        null or "valid" => Valid,
        "same" => Same,
        _ when int.TryParse(text, out int pixels) => Explicit(pixels),
        _ => throw new ArgumentException($"unknown padding \"{text}\", expected same, valid or a number of pixels"),
    };

    /// <summary>Pixels on each side for a kernel of size <paramref name="kernel"/>.</summary>
    public int For(int kernel)
    {
        if (Pixels >= 0) return Pixels;
        if (kernel % 2 == 0)
            throw new ArgumentException($"padding \"same\" needs an odd kernel size, received {kernel}; give the padding in pixels instead");
        return (kernel - 1) / 2;
    }

    /// <summary>The setting as saved in model files: a string for same/valid, else the number.</summary>
    public System.Text.Json.Nodes.JsonNode ToJson() =>
        Name is "same" or "valid" ? System.Text.Json.Nodes.JsonValue.Create(Name) : System.Text.Json.Nodes.JsonValue.Create(Pixels);

    public override string ToString() => Name;
}
