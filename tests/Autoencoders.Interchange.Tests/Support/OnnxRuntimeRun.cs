using Microsoft.ML.OnnxRuntime;

namespace Autoencoders.Interchange.Tests;

/// <summary>Runs an exported model in ONNX Runtime (CPU), the reference our exports are checked against.</summary>
public static class OnnxRuntimeRun
{
    /// <summary>Every output of <paramref name="model"/> for one input of shape <paramref name="shape"/>, by name.</summary>
    public static Dictionary<string, float[]> Run(byte[] model, string inputName, float[] input, long[] shape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        string[] outputNames = [.. session.OutputNames];
        using var results = session.Run(runOptions, [inputName], [value], outputNames);
        return outputNames.Zip(results).ToDictionary(p => p.First, p => p.Second.GetTensorDataAsSpan<float>().ToArray());
    }

    /// <summary>max |a − b| over equal-length arrays, and max |a − b| / max(1, |a|): the absolute difference where
    /// values are at most 1 (every reconstruction), the relative one beyond, where float32 itself cannot resolve 1e-5
    /// (its spacing is 3.8e-6 between 32 and 64, and a code of 49 after five layers differs by a few of those steps).</summary>
    public static (double Absolute, double Scaled) MaxDifference(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double absolute = 0, scaled = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs((double)expected[i] - actual[i]);
            absolute = Math.Max(absolute, difference);
            scaled = Math.Max(scaled, difference / Math.Max(1.0, Math.Abs(expected[i])));
        }
        return (absolute, scaled);
    }
}
