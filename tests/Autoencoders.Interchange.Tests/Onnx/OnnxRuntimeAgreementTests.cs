using Autoencoders.Interchange.Onnx;
using Autoencoders.Nn.Presets;
using Google.Protobuf;
using Xunit.Abstractions;

namespace Autoencoders.Interchange.Tests.Onnx;

/// <summary>
/// Every preset, each part, exported and run in ONNX Runtime on 256 samples: its outputs equal ours within 1e-5
/// (absolute for values up to 1, relative beyond: see <see cref="OnnxRuntimeRun.MaxDifference"/>).
/// The largest difference is printed; with AE_ONNX_EXPORT_DIR set, the files are kept there too (for
/// tools/onnx/check_onnx.py).
/// </summary>
[Collection(TrainedPresetsCollection.Name)]
public sealed class OnnxRuntimeAgreementTests(TrainedPresets presets, ITestOutputHelper log)
{
    public const double Tolerance = 1e-5;

    public static TheoryData<string, OnnxPart> PresetsAndParts
    {
        get
        {
            var data = new TheoryData<string, OnnxPart>();
            foreach (string name in ModelPresets.Names)
                foreach (var part in Enum.GetValues<OnnxPart>()) data.Add(name, part);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PresetsAndParts))]
    public void MatchesOurInference(string preset, OnnxPart part)
    {
        var model = presets.Get(preset);

        var (absolute, scaled) = AgreementCheck.Run(model, part, $"{preset}.{OnnxNames.Of(part)}", log);

        Assert.True(scaled <= Tolerance, $"{preset} {part}: max |ours − ONNX Runtime| / max(1, |ours|) = {scaled:E3} (absolute {absolute:E3}), expected ≤ {Tolerance:E0}");
    }
}

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
