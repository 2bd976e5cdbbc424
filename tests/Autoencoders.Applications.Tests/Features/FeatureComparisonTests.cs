using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Features;
using Autoencoders.Data;

namespace Autoencoders.Applications.Tests.Features;

public sealed class FeatureComparisonTests
{
    private static readonly float[][] Centres = [[0, 0], [6, 0], [0, 6]];

    [Fact]
    public void Run_OnPcaCodes_GivesThePcaBaselineExactly()
    {
        Dataset train = SoftmaxClassifierTests.Blobs(new DeterministicRandom(1), 300, Centres, 0.5f, noiseFeatures: 4, constant: null);
        Dataset test = SoftmaxClassifierTests.Blobs(new DeterministicRandom(2), 150, Centres, 0.5f, noiseFeatures: 4, constant: null);
        var codec = PcaCodec.Fit(train, 2);

        var comparison = FeatureComparison.Run(codec, train, test);

        Assert.Equal(["codes", "pca", "raw"], comparison.Results.Select(result => result.Name));
        Assert.Equal([2, 2, 6], comparison.Results.Select(result => result.Dimensions));
        // The codec is the same PCA the baseline fits, so the two classifiers see the same numbers.
        Assert.Equal(comparison.Pca.Report.ConfusionMatrix, comparison.Codes.Report.ConfusionMatrix);
        Assert.All(comparison.Results, result => Assert.True(result.Accuracy >= 0.95, $"{result.Name}: {result.Accuracy}"));
        Assert.Equal(150, comparison.Raw.Report.Count);
    }

    [Fact]
    public void Run_CapsThePcaBaselineAtTheInputSize()
    {
        Dataset train = SoftmaxClassifierTests.Blobs(new DeterministicRandom(3), 120, Centres, 0.5f, noiseFeatures: 0, constant: null);
        Dataset test = SoftmaxClassifierTests.Blobs(new DeterministicRandom(4), 60, Centres, 0.5f, noiseFeatures: 0, constant: null);

        var comparison = FeatureComparison.Run(new DoublingCodec(), train, test, new SoftmaxOptions { Epochs = 5 });

        Assert.Equal([4, 2, 2], comparison.Results.Select(result => result.Dimensions));
    }

    [Fact]
    public void Run_NeedsLabels()
    {
        Dataset labelled = SoftmaxClassifierTests.Blobs(new DeterministicRandom(5), 30, Centres, 0.5f, noiseFeatures: 0, constant: null);
        var unlabelled = new Dataset(labelled.Features, labelled.FeatureCount);

        Assert.Contains("training split has no labels", Assert.Throws<ArgumentException>(() => FeatureComparison.Run(new DoublingCodec(), unlabelled, labelled)).Message);
        Assert.Contains("test split has no labels", Assert.Throws<ArgumentException>(() => FeatureComparison.Run(new DoublingCodec(), labelled, unlabelled)).Message);
    }

    /// <summary>An overcomplete codec: each 2-value sample becomes the 4-value code (x, 2x).</summary>
    private sealed class DoublingCodec : ICodec
    {
        public string Name => "doubling";

        public int InputSize => 2;

        public int CodeSize => 4;

        public float[] Encode(Dataset samples) =>
            [.. Enumerable.Range(0, samples.Count).SelectMany(i => new[] { samples.Row(i)[0], samples.Row(i)[1], 2 * samples.Row(i)[0], 2 * samples.Row(i)[1] })];

        public float[] Decode(float[] codes) => [.. codes.Where((_, index) => index % 4 < 2)];

        public float[] Reconstruct(Dataset samples) => samples.Features;
    }
}
