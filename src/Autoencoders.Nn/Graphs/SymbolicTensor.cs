using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;

namespace Autoencoders.Nn.Graphs;

/// <summary>
/// A tensor of a model graph before any data flows (Keras's KerasTensor): either one of the model's inputs, made by
/// <see cref="Input(Shape, string?)"/>, or the output of a layer called on other symbolic tensors
/// (<see cref="Layer.Apply"/>). Following <see cref="Inputs"/> back from a model's outputs gives its whole graph.
/// Shapes are per sample (no batch axis).
/// </summary>
public sealed class SymbolicTensor
{
    private SymbolicTensor(string inputName, Shape? shape)
    {
        InputName = inputName;
        KnownShape = shape;
        Inputs = [];
    }

    internal SymbolicTensor(Layer layer, SymbolicTensor[] inputs, Shape? shape, string? nodeName = null)
    {
        Layer = layer;
        Inputs = inputs;
        KnownShape = shape;
        NodeName = nodeName;
    }

    /// <summary>A model input of per-sample <paramref name="shape"/> (Keras's <c>Input(shape)</c>).</summary>
    public static SymbolicTensor Input(Shape shape, string? name = null)
    {
        if (shape.Rank == 0 || shape.Rank >= Shape.MaxRank || shape.ElementCount == 0)
            throw new ArgumentException($"expected a per-sample input shape of rank 1 to {Shape.MaxRank - 1} with no zero dimension, received {shape}");
        return new SymbolicTensor(name ?? "input", shape);
    }

    /// <summary>A model input whose shape is given when the model is built (the first part of a Sequential or an
    /// autoencoder's encoder, built on the data's shape).</summary>
    internal static SymbolicTensor Placeholder(string name) => new(name, null);

    /// <summary>The layer this tensor is the output of; null for an input.</summary>
    public Layer? Layer { get; }

    /// <summary>The tensors the layer was called on; empty for an input.</summary>
    public IReadOnlyList<SymbolicTensor> Inputs { get; }

    /// <summary>An input's name; null for a layer's output.</summary>
    public string? InputName { get; }

    public bool IsInput => Layer is null;

    /// <summary>The per-sample shape, when known before the model is built (always for graphs made with <see cref="Input(Shape, string?)"/>).</summary>
    public Shape? KnownShape { get; }

    /// <summary>The per-sample shape; throws when only building the model will tell.</summary>
    public Shape Shape => KnownShape ?? throw new InvalidOperationException($"the shape of {this} is known once the model is built");

    /// <summary>A name given to this call in a model file (a shared layer's second call); null: named after the layer.</summary>
    internal string? NodeName { get; }

    public override string ToString() => IsInput ? $"input {InputName} {KnownShape}" : $"{Layer!.Name ?? Layer.TypeName} {KnownShape}";
}
