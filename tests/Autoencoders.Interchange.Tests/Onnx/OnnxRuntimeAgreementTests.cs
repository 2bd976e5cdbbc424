using Autoencoders.Interchange.Onnx;
using Autoencoders.Nn.Presets;
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
            // The exporter has no emitters for recurrent layers yet (LSTM, RepeatVector, TimeDistributed): lstm is left out.
            foreach (string name in ModelPresets.Names.Where(n => n != "lstm"))
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
