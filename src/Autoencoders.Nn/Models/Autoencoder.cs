using Autoencoders.Data;
using Autoencoders.Nn.Graphs;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Models;

/// <summary>
/// An encoder that maps a sample to a code and a decoder that maps the code back; trained to reconstruct
/// its input. <see cref="Encode"/>, <see cref="Decode"/> and <see cref="Reconstruct"/> are the applications.
/// Each part is a model graph of one input and one output: a stack of layers, or a functional model (skip
/// connections, shared layers) built from <see cref="SymbolicTensor"/>s.
/// </summary>
public sealed class Autoencoder : Model
{
    public Autoencoder(IEnumerable<Layer> encoderLayers, IEnumerable<Layer> decoderLayers)
        : this(LayerGraph.Chain(encoderLayers), LayerGraph.Chain(decoderLayers, "code"))
    {
    }

    /// <summary>An autoencoder from functional parts (Keras's <c>Model(input, decoder(encoder(input)))</c>): each part
    /// has one input and one output, and the decoder's input takes the encoder's output.</summary>
    public Autoencoder(Functional encoder, Functional decoder)
        : this(encoder.SinglePartGraph("encoder"), decoder.SinglePartGraph("decoder"))
    {
    }

    internal Autoencoder(LayerGraph encoder, LayerGraph decoder)
    {
        encoderGraph = encoder;
        decoderGraph = decoder;
        this.encoder = [.. encoder.Layers];
        this.decoder = [.. decoder.Layers];
        Name = "autoencoder";
    }

    private readonly LayerGraph encoderGraph, decoderGraph;

    private readonly Layer[] encoder, decoder;

    internal LayerGraph EncoderGraph => encoderGraph;

    internal LayerGraph DecoderGraph => decoderGraph;

    /// <summary>The encoder's layers in the order they run (each once, when one is shared).</summary>
    public IReadOnlyList<Layer> Encoder => encoder;

    public IReadOnlyList<Layer> Decoder => decoder;

    /// <summary>Whether both parts are plain stacks of layers (what the ONNX export and layer-wise pretraining need).</summary>
    public bool IsStack => encoderGraph.IsChain && decoderGraph.IsChain;

    /// <summary>The per-sample shape of the code; available once built.</summary>
    public Shape CodeShape { get; private set; }

    public int CodeSize => CodeShape.ElementCount;

    /// <summary>The VAE's code layer when the encoder ends in one, else null.</summary>
    public GaussianLatent? Latent => encoderGraph.Nodes[^1].Layer as GaussianLatent;

    public bool IsVariational => Latent is not null;

    // The negative ELBO of test data is estimated with a sampled code, as in training and PyTorch's reference.
    protected override Tensor EvaluationForward(Graph graph, Tensor x)
    {
        if (Latent is not { } latent) return Forward(graph, x, training: false);
        int last = encoderGraph.Nodes.Count - 1;
        Tensor[] values = encoderGraph.Run(graph, [x], training: false, calls: last);
        Tensor code = latent.Forward(graph, values[encoderGraph.InputSlotsOf(last)[0]], training: false, sample: true);
        return DecodeBatch(graph, code, training: false);
    }

    internal override IEnumerable<(string Prefix, LayerGraph Graph)> Graphs => [("encoder", encoderGraph), ("decoder", decoderGraph)];

    public override IEnumerable<(string Path, Layer Layer)> NamedLayers =>
        Encoder.Select((l, i) => ($"encoder.{i}", l)).Concat(Decoder.Select((l, i) => ($"decoder.{i}", l)));

    public override Tensor Forward(Graph graph, Tensor x, bool training) => DecodeBatch(graph, EncodeBatch(graph, x, training), training);

    public Tensor EncodeBatch(Graph graph, Tensor x, bool training) => encoderGraph.RunSingle(graph, x, training);

    public Tensor DecodeBatch(Graph graph, Tensor code, bool training) => decoderGraph.RunSingle(graph, code, training);

    protected override Shape BuildLayers(Shape inputShape, DeterministicRandom random)
    {
        CodeShape = encoderGraph.Build([inputShape], random, "encoder")[0];
        return decoderGraph.Build([CodeShape], random, "decoder")[0];
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
