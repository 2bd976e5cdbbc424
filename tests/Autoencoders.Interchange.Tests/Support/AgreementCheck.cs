using Autoencoders.Interchange.Onnx;
using Google.Protobuf;
using Xunit.Abstractions;

namespace Autoencoders.Interchange.Tests;

/// <summary>Exports one part, runs it in ONNX Runtime and ours, and returns the largest differences (absolute, scaled).</summary>
public static class AgreementCheck
{
    public static (double Absolute, double Scaled) Run(Nn.Models.Autoencoder model, OnnxPart part, string label, ITestOutputHelper log)
    {
        var samples = ExportSamples.Compare;
        byte[] bytes = OnnxExporter.Export(model, part).ToByteArray();
        if (Environment.GetEnvironmentVariable("AE_ONNX_EXPORT_DIR") is { Length: > 0 } keep)
            File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(keep).FullName, label + ".onnx"), bytes);

        var (inputName, input, sampleShape) = OurInference.InputOf(model, part, samples);
        var theirs = OnnxRuntimeRun.Run(bytes, inputName, input, [samples.Count, .. sampleShape.ToArray().Select(d => (long)d)]);
        var ours = OurInference.Outputs(model, part, samples);

        Assert.Equal(ours.Keys.Order(), theirs.Keys.Order());
        var differences = ours.Select(output => OnnxRuntimeRun.MaxDifference(output.Value, theirs[output.Key])).ToList();
        var max = (Absolute: differences.Max(d => d.Absolute), Scaled: differences.Max(d => d.Scaled));
        double largest = ours.Values.Max(values => values.Max(v => Math.Abs(v)));
        log.WriteLine($"{label}: max |ours − ONNX Runtime| = {max.Absolute:E3}, relative to max(1, |ours|) {max.Scaled:E3}, over {samples.Count} samples; outputs {string.Join(", ", ours.Keys)}, largest |value| {largest:G4}; {ExportSamples.Source}");
        return max;
    }
}
