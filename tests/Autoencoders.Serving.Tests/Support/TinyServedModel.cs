using System.Numerics.Tensors;
using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Serialization;
using Autoencoders.Serving.Inference;
using Autoencoders.Tensors;

namespace Autoencoders.Serving.Tests;

/// <summary>
/// A 4 → 2 → 4 autoencoder with seeded weights, a min-max scaler over columns a, b, c, d in different units, and a
/// fixed threshold: small enough to build per test, and every answer can be recomputed here by hand.
/// </summary>
public static class TinyServedModel
{
    public static readonly string[] Columns = ["a", "b", "c", "d"];

    public static readonly float[] Minimum = [0f, -10f, 100f, 0f];

    public static readonly float[] Maximum = [1f, 10f, 300f, 0.5f];

    public const double Threshold = 0.05;

    public static ServedModel Create()
    {
        var model = new Autoencoder([new Dense(2, Activation.Relu)], [new Dense(4, Activation.Sigmoid)]);
        model.Build(new Shape(4), seed: 3);
        var preprocessing = new ModelPreprocessing(new MinMaxScaler(Minimum, Maximum), Columns, null);
        return new ServedModel(new AnomalyDetector(new AutoencoderCodec(model), preprocessing, Threshold, "given by the test"));
    }

    /// <summary>Seeded raw rows in the columns' units, row-major (count, 4).</summary>
    public static float[] Rows(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var rows = new float[count * 4];
        for (int i = 0; i < rows.Length; i++)
        {
            int j = i % 4;
            rows[i] = Minimum[j] + (Maximum[j] - Minimum[j]) * (random.NextFloat() * 1.4f - 0.2f);
        }
        return rows;
    }

    /// <summary>The score of each row recomputed outside the server: scale, reconstruct, mean squared error.</summary>
    public static double[] ExpectedScores(ServedModel served, float[] rows)
    {
        var scaled = new float[rows.Length];
        for (int i = 0; i < rows.Length; i++)
            scaled[i] = (rows[i] - Minimum[i % 4]) / (Maximum[i % 4] - Minimum[i % 4]);
        float[] reconstructed = served.Model.Reconstruct(new Dataset(scaled, 4));
        var scores = new double[rows.Length / 4];
        for (int r = 0; r < scores.Length; r++)
        {
            double sum = 0;
            for (int j = 0; j < 4; j++) sum += Math.Pow(scaled[r * 4 + j] - reconstructed[r * 4 + j], 2);
            scores[r] = sum / 4;
        }
        return scores;
    }
}
