using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Presets;
using Autoencoders.Tensors;

namespace Autoencoders.Bench;

/// <summary>
/// The floating-point operations of training one sample, counted from a built model by the usual convention: the
/// forward pass's multiply-adds in dense, convolution and recurrent layers, two FLOPs each; a training step is three
/// forward passes (forward, the input gradient, the weight gradient). Elementwise work, pooling, losses and the
/// optimizer are not counted, so the figure is the GEMM work a step must do, and GFLOP/s = FLOPs × samples/s is
/// comparable with an sgemm peak.
/// </summary>
internal static class TrainingFlops
{
    /// <summary>The convention, for the bench's output.</summary>
    public const string Convention = "training FLOPs per sample = 3 x forward, forward = 2 x the multiply-adds of dense, convolution and recurrent layers";

    /// <summary>FLOPs of training one sample of the preset <paramref name="workload"/> on samples of <paramref name="featureCount"/> values.</summary>
    public static long PerSample(string workload, int featureCount)
    {
        var (model, _) = ModelPresets.Create(workload, featureCount);
        model.Build(new Shape(featureCount), seed: 0);
        return PerSample(model);
    }

    /// <summary>FLOPs of one training sample: 3 × 2 × the forward multiply-adds.</summary>
    public static long PerSample(Model model) => 6 * model.NamedLayers.Sum(named => MultiplyAdds(named.Layer));

    /// <summary>The forward multiply-adds of one sample through <paramref name="layer"/> (built).</summary>
    public static long MultiplyAdds(Layer layer) => layer switch
    {
        Dense dense => (long)dense.InputShape.ElementCount * dense.Units,
        GaussianLatent latent => 2L * latent.InputShape.ElementCount * latent.Units, // μ and log σ², each a dense layer
        // A convolution does (its kernel's size / filters) multiply-adds per output value; a transposed one does
        // filters × kernel positions per input value.
        Conv2D conv => (long)conv.OutputShape.ElementCount * (KernelCount(conv) / conv.Filters),
        Conv1D conv => (long)conv.OutputShape.ElementCount * (KernelCount(conv) / conv.Filters),
        Conv2DTranspose conv => (long)conv.InputShape.ElementCount * conv.Filters * conv.KernelSize * conv.KernelSize,
        Conv1DTranspose conv => (long)conv.InputShape.ElementCount * conv.Filters * conv.KernelSize,
        RecurrentLayer recurrent => (long)recurrent.InputShape[0] * (recurrent.Kernel.Length + recurrent.RecurrentKernel.Length),
        TimeDistributed distributed => distributed.InputShape[0] * MultiplyAdds(distributed.Layer),
        _ => 0,
    };

    private static long KernelCount(Layer layer) => layer.Parameters.Single(parameter => parameter.Name == "kernel").Count;
}
