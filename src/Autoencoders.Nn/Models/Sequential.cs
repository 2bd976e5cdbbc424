using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Models;

/// <summary>A plain stack of layers, each feeding the next; shapes are inferred from the first input shape.</summary>
public class Sequential : Model
{
    private readonly List<Layer> layers = [];

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

    public override IEnumerable<(string Path, Layer Layer)> NamedLayers => layers.Select((l, i) => (i.ToString(), l));

    public override Tensor Forward(Graph graph, Tensor x, bool training)
    {
        foreach (var layer in layers)
            x = layer.Call(graph, x, training);
        return x;
    }

    protected override Shape BuildLayers(Shape inputShape, DeterministicRandom random) => BuildStack(layers, inputShape, random, Name);

    /// <summary>Builds layers in order, each on the previous one's output shape; errors name the layer.</summary>
    internal static Shape BuildStack(IReadOnlyList<Layer> stack, Shape inputShape, DeterministicRandom random, string where)
    {
        if (stack.Count == 0)
            throw new InvalidOperationException($"{where} has no layers");
        Shape shape = inputShape;
        for (int i = 0; i < stack.Count; i++)
        {
            try
            {
                stack[i].Build(shape, random);
            }
            catch (ArgumentException error)
            {
                throw new ArgumentException($"{where}[{i}] {stack[i]}: {error.Message}", error);
            }
            catch (OverflowException error)
            {
                // Shape refuses more than 2^31 - 1 elements; a layer file can ask for that (units: 3000000000 / 2).
                throw new ArgumentException($"{where}[{i}] {stack[i]}: sizes for inputs {shape} exceed 2^31 - 1 elements", error);
            }
            shape = stack[i].OutputShape;
        }
        return shape;
    }
}
