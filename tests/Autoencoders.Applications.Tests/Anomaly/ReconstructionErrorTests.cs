using Autoencoders.Applications.Anomaly;
using Autoencoders.Applications.Codecs;
using Autoencoders.Data;

namespace Autoencoders.Applications.Tests.Anomaly;

public sealed class ReconstructionErrorTests
{
    [Fact]
    public void ScoreIsTheMeanSquaredErrorOfEachSample()
    {
        // Rows (2, 4, 0) and (1, −1, 6): errors x²/4 = (1, 4, 0) and (¼, ¼, 9).
        var samples = new Dataset([2, 4, 0, 1, -1, 6], 3);
        double[] scores = ReconstructionError.PerSample(new HalvingCodec(3), samples);
        Assert.Equal(2, scores.Length);
        Assert.Equal(5.0 / 3, scores[0], 6);
        Assert.Equal(9.5 / 3, scores[1], 6);
    }

    [Fact]
    public void ScoresEverySampleAcrossChunks()
    {
        // More rows than one reconstruction chunk (8,192) holds: the rows of the second chunk keep their own scores.
        int n = 8_200;
        var features = new float[n * 2];
        for (int i = 0; i < n; i++) (features[2 * i], features[2 * i + 1]) = (i % 7, -(i % 5));
        var codec = new HalvingCodec(2);
        double[] scores = ReconstructionError.PerSample(codec, new Dataset(features, 2));
        Assert.Equal(2, codec.ReconstructCalls);
        for (int i = 0; i < n; i++)
            Assert.Equal(((i % 7) * (i % 7) + (i % 5) * (i % 5)) / 8.0, scores[i], 5);
    }

    [Fact]
    public void PcaScoresThePointOffItsLineHighest()
    {
        // Ten points on the line t·(1, 2, 2) and one off it: one component reconstructs the line, not the outlier.
        var rows = new List<float>();
        for (int t = 0; t < 10; t++) rows.AddRange([t, 2 * t, 2 * t]);
        rows.AddRange([4, 0, 9]);
        var samples = new Dataset([.. rows], 3);
        double[] scores = ReconstructionError.PerSample(PcaCodec.Fit(samples.Slice(0, 10), 1), samples);
        Assert.All(scores[..10], score => Assert.True(score < 1e-8, $"on-line score {score}"));
        // Off-line residual: (4, 0, 9) − mean (4.5, 9, 9) = (−0.5, −9, 0); minus its projection on (1, 2, 2)/3.
        double[] residual = [-0.5, -9, 0];
        double along = (residual[0] + 2 * residual[1] + 2 * residual[2]) / 3;
        double expected = residual.Select((r, j) => r - along * new[] { 1.0, 2, 2 }[j] / 3).Sum(r => r * r) / 3;
        Assert.Equal(expected, scores[10], 3);
    }

    [Fact]
    public void TopFeaturesAreTheLargestSquaredErrorsLargestFirst()
    {
        // Errors x²/4: row 0 → (1, 4, 0, 4): the tie between features 1 and 3 goes to the lower index.
        var samples = new Dataset([2, 4, 0, -4, 0, 1, -6, 0], 4);
        FeatureError[][] top = ReconstructionError.TopFeatures(new HalvingCodec(4), samples, 2);
        Assert.Equal([new FeatureError(1, 4), new FeatureError(3, 4)], top[0]);
        Assert.Equal([new FeatureError(2, 9), new FeatureError(1, 0.25)], top[1]);
        Assert.Equal(4, ReconstructionError.TopFeatures(new HalvingCodec(4), samples, 4)[0].Length);
    }

    [Fact]
    public void RejectsMismatchedSizesAndCounts()
    {
        var samples = new Dataset([1, 2, 3, 4], 2);
        var wrongSize = Assert.Throws<ArgumentException>(() => ReconstructionError.PerSample(new HalvingCodec(3), samples));
        Assert.Contains("expects samples of 3 values, received 2", wrongSize.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconstructionError.TopFeatures(new HalvingCodec(2), samples, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconstructionError.TopFeatures(new HalvingCodec(2), samples, 3));
    }
}
