using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// Token ids to vectors, as Keras's Embedding: a sample of T ids (float32 integers in [0, inputDim)) becomes (T, D)
/// rows of the table "embeddings" (inputDim, outputDim). With <see cref="MaskZero"/>, id 0 is padding: the output
/// carries the mask (N, T) = (id ≠ 0) for the mask-aware layers after it, and id 0 still counts in inputDim, as in Keras.
/// </summary>
public sealed class Embedding : Layer
{
    private Parameter? embeddings;

    public Embedding(int inputDim, int outputDim, bool maskZero = false, Initializer? embeddingsInitializer = null)
    {
        if (inputDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputDim), $"expected a positive vocabulary size, received {inputDim}");
        if (outputDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(outputDim), $"expected a positive embedding size, received {outputDim}");
        InputDim = inputDim;
        OutputDim = outputDim;
        MaskZero = maskZero;
        EmbeddingsInitializer = embeddingsInitializer ?? Initializer.Uniform;
    }

    public override string TypeName => "Embedding";

    /// <summary>The vocabulary size V: ids run from 0 to V − 1.</summary>
    public int InputDim { get; }

    /// <summary>The vector size D.</summary>
    public int OutputDim { get; }

    public bool MaskZero { get; }

    public Initializer EmbeddingsInitializer { get; }

    /// <summary>The table (V, D); available once built.</summary>
    public Tensor Embeddings => embeddings?.Value ?? throw new InvalidOperationException($"layer {Name} is not built yet");

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank is 0 or > 2)
            throw new ArgumentException($"Embedding expected samples of token ids (T) or (T, S), received shape {inputShape}");
        Span<int> dims = stackalloc int[inputShape.Rank + 1];
        inputShape.CopyTo(dims);
        dims[^1] = OutputDim;
        return new Shape(dims);
    }

    protected override void CreateParameters(Shape inputShape, DeterministicRandom random)
    {
        embeddings = AddParameter("embeddings", new Shape(InputDim, OutputDim));
        EmbeddingsInitializer.Fill(embeddings.Value.Span, InputDim, OutputDim, random);
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training) // x (N, T) ids → (N, T, D)
    {
        Tensor y;
        try
        {
            y = graph.Gather(embeddings!.Value, x);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"layer {Name}: {error.Message}", error);
        }
        if (MaskZero)
        {
            Tensor mask = graph.NewTensor(x.Shape); // (N, T)
            ReadOnlySpan<float> ids = x.Span;
            Span<float> real = mask.Span;
            for (int i = 0; i < ids.Length; i++) real[i] = ids[i] != 0f ? 1f : 0f;
            y.Mask = mask;
        }
        return y;
    }

    public override JsonObject GetConfig() => Config(
        ("input_dim", InputDim),
        ("output_dim", OutputDim),
        ("embeddings_initializer", EmbeddingsInitializer.Name),
        ("mask_zero", MaskZero));

    internal static Embedding FromConfig(LayerConfig c) => new(
        c.RequiredInteger("input_dim"), c.RequiredInteger("output_dim"), c.Boolean("mask_zero") ?? false,
        Initializer.Parse(c.Text("embeddings_initializer") ?? Initializer.Uniform.Name));
}
