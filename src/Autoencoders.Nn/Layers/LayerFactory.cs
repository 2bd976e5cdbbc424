using System.Text.Json.Nodes;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// Turns a layer configuration (from <see cref="Layer.GetConfig"/>, a model file or a YAML/JSON model
/// description) back into a layer. A closed list of known types: a file never names code to run.
/// </summary>
public static class LayerFactory
{
    private static readonly Dictionary<string, Func<LayerConfig, Layer>> Constructors = new()
    {
        ["Dense"] = Dense.FromConfig,
        ["Activation"] = c => new ActivationLayer(Activation.Parse(c.Text("activation") ?? throw c.Error("Activation needs \"activation\""))),
        ["Conv2D"] = Conv2D.FromConfig,
        ["Conv2DTranspose"] = Conv2DTranspose.FromConfig,
        ["MaxPooling2D"] = MaxPooling2D.FromConfig,
        ["UpSampling2D"] = UpSampling2D.FromConfig,
        ["BatchNormalization"] = BatchNormalization.FromConfig,
        ["Dropout"] = Dropout.FromConfig,
        ["Flatten"] = _ => new Flatten(),
        ["Reshape"] = Reshape.FromConfig,
        ["GaussianNoise"] = GaussianNoise.FromConfig,
        ["SaltAndPepperNoise"] = SaltAndPepperNoise.FromConfig,
        ["MaskingNoise"] = MaskingNoise.FromConfig,
        ["GaussianLatent"] = GaussianLatent.FromConfig,
        ["Add"] = _ => new Merging.Add(),
        ["Concatenate"] = Merging.Concatenate.FromConfig,
        ["Embedding"] = Embedding.FromConfig,
        ["LSTM"] = Lstm.FromConfig,
        ["GRU"] = Gru.FromConfig,
        ["RepeatVector"] = RepeatVector.FromConfig,
        ["TimeDistributed"] = TimeDistributed.FromConfig,
        ["Conv1D"] = Conv1D.FromConfig,
        ["Conv1DTranspose"] = Conv1DTranspose.FromConfig,
        ["MaxPooling1D"] = MaxPooling1D.FromConfig,
        ["UpSampling1D"] = UpSampling1D.FromConfig,
        ["GlobalAveragePooling1D"] = _ => new GlobalAveragePooling1D(),
        ["GlobalMaxPooling1D"] = _ => new GlobalMaxPooling1D(),
        ["KCompetitive"] = KCompetitive.FromConfig,
    };

    public static IEnumerable<string> TypeNames => Constructors.Keys;

    /// <summary>Builds the layer; <paramref name="where"/> prefixes error messages (e.g. <c>encoder[2]</c>).</summary>
    public static Layer FromConfig(JsonObject config, string where)
    {
        var reader = new LayerConfig(config, where);
        string type = reader.Type;
        if (!Constructors.TryGetValue(type, out var construct))
            throw reader.Error($"unknown layer type \"{type}\", expected one of {string.Join(", ", TypeNames)}");
        try
        {
            return construct(reader);
        }
        catch (ArgumentException error)
        {
            throw reader.Error(error.Message);
        }
    }
}
