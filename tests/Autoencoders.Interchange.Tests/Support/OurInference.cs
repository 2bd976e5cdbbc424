using Autoencoders.Data;
using Autoencoders.Interchange.Onnx;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Interchange.Tests;

/// <summary>What our own engine computes for each part, by output name: the values the ONNX outputs must match.</summary>
public static class OurInference
{
    /// <summary>The ONNX part's input name and values: the samples, or (decoder) the codes our encoder gives them.</summary>
    public static (string Name, float[] Values, Shape SampleShape) InputOf(Autoencoder model, OnnxPart part, Dataset samples) =>
        part == OnnxPart.Decoder
            ? (OnnxNames.Code, model.Encode(samples), model.CodeShape)
            : (OnnxNames.Input, samples.Features, model.InputShape);

    public static Dictionary<string, float[]> Outputs(Autoencoder model, OnnxPart part, Dataset samples) => part switch
    {
        OnnxPart.Autoencoder => new() { [OnnxNames.Output] = model.Reconstruct(samples) },
        OnnxPart.Decoder => new() { [OnnxNames.Output] = model.Decode(new Dataset(model.Encode(samples), model.CodeSize)) },
        _ when model.Latent is { } latent => new() { [OnnxNames.Mean] = model.Encode(samples), [OnnxNames.LogVariance] = LogVariance(model, latent, samples) },
        _ => new() { [OnnxNames.Code] = model.Encode(samples) },
    };

    // Our inference has no call that returns log σ², so it is computed here from the same layers and kernels.
    private static float[] LogVariance(Autoencoder model, GaussianLatent latent, Dataset samples)
    {
        var graph = new Graph(model.Backend) { IsRecording = false };
        Tensor x = graph.Constant(model.InputShape.Prepend(samples.Count), samples.Features);
        foreach (var layer in model.Encoder.Take(model.Encoder.Count - 1)) x = layer.Forward(graph, x, training: false);
        Tensor Parameter(string name) => latent.Parameters.Single(p => p.Name == name).Value;
        return graph.Linear(x, Parameter("log_variance_kernel"), Parameter("log_variance_bias")).ToArray();
    }
}
