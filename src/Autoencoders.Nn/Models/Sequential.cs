using Autoencoders.Data;
using Autoencoders.Nn.Graphs;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Models;

/// <summary>A plain stack of layers, each feeding the next; shapes are inferred from the first input shape.
/// It runs as a chain <see cref="LayerGraph"/>, the special case of a functional model.</summary>
public class Sequential : Model
{
    private readonly List<Layer> layers = [];
    private LayerGraph? chain;

    public Sequential(params IEnumerable<Layer> layers)
    {
        foreach (var layer in layers) Add(layer);
    }

    public IReadOnlyList<Layer> Layers => layers;

    public void Add(Layer layer)
    {
        if (IsBuilt)
            throw new InvalidOperationException($"model {Name} is already built; add layers before Build or Fit");
        layers.Add(layer);
    }

    internal override IEnumerable<(string Prefix, LayerGraph Graph)> Graphs => chain is null ? [] : [("", chain)];

    public override IEnumerable<(string Path, Layer Layer)> NamedLayers => layers.Select((l, i) => (i.ToString(), l));

    public override Tensor Forward(Graph graph, Tensor x, bool training) => chain!.RunSingle(graph, x, training);

    protected override Shape BuildLayers(Shape inputShape, DeterministicRandom random)
    {
        if (layers.Count == 0)
            throw new InvalidOperationException($"{Name} has no layers");
        chain = LayerGraph.Chain(layers);
        return chain.Build([inputShape], random, Name)[0];
    }
}
