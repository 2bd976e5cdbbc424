using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Layers;

/// <summary>
/// Keras's <c>TimeDistributed(layer)</c>: the inner layer applied to every step of inputs (T, …) per sample with the same
/// weights, by viewing the batch (N, T, …) as N·T samples (a reshape view, no copy) and the result back as (N, T, …).
/// The inner layer's weights are this layer's (<c>decoder.2.kernel</c>). Its config nests the inner layer's, as Keras:
/// <c>{"type": "TimeDistributed", "layer": {"type": "Dense", …}}</c>. Passes the mask on: steps stay steps.
/// </summary>
public sealed class TimeDistributed : Layer
{
    public TimeDistributed(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer.IsBuilt)
            throw new ArgumentException($"expected an unbuilt layer to wrap, received {layer} already built for {layer.InputShape}");
        Layer = layer;
    }

    public override string TypeName => "TimeDistributed";

    public Layer Layer { get; }

    public override bool PassesMaskOn => true;

    internal override DeterministicRandom? RandomStream => Layer.RandomStream;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank < 2 || inputShape.Rank >= Shape.MaxRank)
            throw new ArgumentException($"TimeDistributed expected inputs (steps, features…) of rank 2 or 3 per sample, received shape {inputShape}");
        Shape step = Layer.ComputeOutputShape(inputShape.DropFirst());
        if (step.Rank + 1 >= Shape.MaxRank)
            throw new ArgumentException($"TimeDistributed({Layer.TypeName}) would output (steps, {string.Join(", ", step.ToArray())}) per sample: more than rank {Shape.MaxRank - 1}");
        return step.Prepend(inputShape[0]);
    }

    protected override void CreateParameters(Shape inputShape, DeterministicRandom random)
    {
        Layer.Name = Name;
        Layer.Build(inputShape.DropFirst(), random);
        foreach (var parameter in Layer.Parameters) AdoptParameter(parameter);
    }

    public override Tensor Forward(Graph graph, Tensor x, bool training)
    {
        int batch = x.Shape[0], steps = x.Shape[1];
        Tensor steps2D = graph.Reshape(x, InputShape.DropFirst().Prepend(batch * steps)); // (N·T, …): a view
        Tensor y = Layer.Forward(graph, steps2D, training);
        return graph.Reshape(y, OutputShape.Prepend(batch)); // (N, T, …)
    }

    public override JsonObject GetConfig() => Config(("layer", Layer.GetConfig()));

    internal static TimeDistributed FromConfig(LayerConfig c)
    {
        if (c.Json["layer"] is not JsonObject inner)
            throw c.Error("TimeDistributed needs \"layer\": the configuration of the layer to apply to every step");
        // The short form of model files, {"Dense": {"units": 28}}, as well as the long {"type": "Dense", "units": 28}.
        if (!inner.ContainsKey("type") && inner.Count == 1 && inner.First() is { Value: JsonObject or null } only)
        {
            var settings = only.Value is JsonObject given ? (JsonObject)given.DeepClone() : [];
            settings["type"] = only.Key;
            inner = settings;
        }
        return new TimeDistributed(LayerFactory.FromConfig(inner, $"{c.Where}.layer"));
    }
}
