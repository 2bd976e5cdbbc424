using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Models;

/// <summary>
/// An encoder that maps a sample to a code and a decoder that maps the code back; trained to reconstruct
/// its input. <see cref="Encode"/>, <see cref="Decode"/> and <see cref="Reconstruct"/> are the applications.
/// </summary>
public sealed class Autoencoder : Model
{
    public Autoencoder(IEnumerable<Layer> encoderLayers, IEnumerable<Layer> decoderLayers)
    {
        encoder = [.. encoderLayers];
        decoder = [.. decoderLayers];
        Name = "autoencoder";
    }

    // Arrays, not interfaces, so that the per-batch loops over them allocate no enumerator.
    private readonly Layer[] encoder, decoder;

    public IReadOnlyList<Layer> Encoder => encoder;

    public IReadOnlyList<Layer> Decoder => decoder;

    /// <summary>The per-sample shape of the code; available once built.</summary>
    public Shape CodeShape => Encoder[^1].OutputShape;

    public int CodeSize => CodeShape.ElementCount;

    /// <summary>The VAE's code layer when the encoder ends in one, else null.</summary>
    public GaussianLatent? Latent => encoder[^1] as GaussianLatent;

    public bool IsVariational => Latent is not null;

    // The negative ELBO of test data is estimated with a sampled code, as in training and PyTorch's reference.
    protected override Tensor EvaluationForward(Graph graph, Tensor x)
    {
        if (Latent is not { } latent) return Forward(graph, x, training: false);
        for (int i = 0; i < encoder.Length - 1; i++) x = encoder[i].Call(graph, x, training: false);
        return DecodeBatch(graph, latent.Forward(graph, x, training: false, sample: true), training: false);
    }

    public override IEnumerable<(string Path, Layer Layer)> NamedLayers =>
        Encoder.Select((l, i) => ($"encoder.{i}", l)).Concat(Decoder.Select((l, i) => ($"decoder.{i}", l)));

    public override Tensor Forward(Graph graph, Tensor x, bool training) => DecodeBatch(graph, EncodeBatch(graph, x, training), training);

    public Tensor EncodeBatch(Graph graph, Tensor x, bool training)
    {
        foreach (var layer in encoder) x = layer.Call(graph, x, training);
        return x;
    }

    public Tensor DecodeBatch(Graph graph, Tensor code, bool training)
    {
        foreach (var layer in decoder) code = layer.Call(graph, code, training);
        return code;
    }

    protected override Shape BuildLayers(Shape inputShape, DeterministicRandom random)
    {
        Shape code = Sequential.BuildStack(Encoder, inputShape, random, "encoder");
        return Sequential.BuildStack(Decoder, code, random, "decoder");
    }

    /// <summary>The codes of every sample, <see cref="CodeSize"/> values per row.</summary>
    public float[] Encode(IBatchSource inputs, int batchSize = 1000) =>
        Collect(inputs, batchSize, CodeSize, (g, x) => EncodeBatch(g, x, training: false));

    /// <summary>Decodes codes (<see cref="CodeSize"/> values per row) back to samples.</summary>
    public float[] Decode(Dataset codes, int batchSize = 1000)
    {
        if (codes.FeatureCount != CodeSize)
            throw new ArgumentException($"expected codes of {CodeSize} values, received {codes.FeatureCount}");
        var result = new float[checked((long)codes.Count * OutputShape.ElementCount)];
        return WithInferenceGraph(graph =>
        {
            for (int start = 0; start < codes.Count; start += batchSize)
            {
                int rows = Math.Min(batchSize, codes.Count - start);
                graph.Reset();
                Tensor code = graph.Constant(CodeShape.Prepend(rows), codes.Features.AsSpan(start * CodeSize, rows * CodeSize));
                DecodeBatch(graph, code, training: false).Span.CopyTo(result.AsSpan(start * OutputShape.ElementCount));
            }
            return result;
        });
    }

    /// <summary>The reconstruction of every sample: encode, then decode.</summary>
    public float[] Reconstruct(IBatchSource inputs, int batchSize = 1000) => Predict(inputs, batchSize);
}
