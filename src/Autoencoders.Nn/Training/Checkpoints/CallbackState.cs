using System.Globalization;

namespace Autoencoders.Nn.Training.Checkpoints;

/// <summary>
/// What a callback keeps across a resumed run (early stopping's best loss, its patience count, the best weights):
/// numbers as exact text and float arrays, under names of the callback's choosing.
/// </summary>
public sealed class CallbackState
{
    private readonly SortedDictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, float[]> tensors = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => values;

    public IReadOnlyDictionary<string, float[]> Tensors => tensors;

    /// <summary>Stores <paramref name="value"/> as round-trip text ("R"), so that ±∞ and every bit of it come back.</summary>
    public void Set(string name, double value) => values[name] = value.ToString("R", CultureInfo.InvariantCulture);

    public void Set(string name, int value) => values[name] = value.ToString(CultureInfo.InvariantCulture);

    public void Set(string name, float[] tensor) => tensors[name] = tensor;

    internal void SetText(string name, string text) => values[name] = text;

    public double GetDouble(string name) =>
        double.TryParse(Get(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new FormatException($"callback state \"{name}\" is not a number: \"{values[name]}\"");

    public int GetInt32(string name) =>
        int.TryParse(Get(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"callback state \"{name}\" is not an integer: \"{values[name]}\"");

    public float[]? GetTensorOrNull(string name) => tensors.GetValueOrDefault(name);

    private string Get(string name) =>
        values.TryGetValue(name, out string? text) ? text : throw new FormatException($"callback state \"{name}\" is missing");
}
