using Autoencoders.Applications.Features;
using Autoencoders.Data;

namespace Autoencoders.Applications.Tests.Features;

public sealed class SoftmaxClassifierTests
{
    [Fact]
    public void Train_SeparatesThreeWellSeparatedClasses()
    {
        // Blobs of standard deviation 0.5 around (0, 0), (6, 0), (0, 6), plus two pure-noise features and one constant
        // feature (which standardising must leave at 0, not divide by 0).
        Dataset train = Blobs(new DeterministicRandom(1), 600, [[0, 0], [6, 0], [0, 6]], 0.5f, noiseFeatures: 2, constant: 5f);
        Dataset test = Blobs(new DeterministicRandom(2), 300, [[0, 0], [6, 0], [0, 6]], 0.5f, noiseFeatures: 2, constant: 5f);

        var classifier = SoftmaxClassifier.Train(train.Features, train.Labels!, train.FeatureCount, 3);

        Assert.True(AccuracyOf(classifier.Predict(test.Features), test.Labels!) >= 0.95);
        Assert.Equal(334, classifier.EpochLosses.Count); // 3 batches an epoch: 1,000 steps take 334 epochs
        Assert.All(classifier.EpochLosses, loss => Assert.True(double.IsFinite(loss)));
        Assert.True(classifier.EpochLosses[^1] < 0.5 * classifier.EpochLosses[0], string.Join(", ", classifier.EpochLosses));
    }

    [Fact]
    public void Train_NearlyMatchesTheBayesRuleOnOverlappingClasses()
    {
        // Four unit-variance blobs 2 apart: the best possible rule is the nearest centre (about 71 % right), chance is 25 %.
        float[][] centres = [[0, 0], [2, 0], [0, 2], [2, 2]];
        Dataset train = Blobs(new DeterministicRandom(3), 2000, centres, 1f, noiseFeatures: 3, constant: null);
        Dataset test = Blobs(new DeterministicRandom(4), 2000, centres, 1f, noiseFeatures: 3, constant: null);
        int[] bayes = [.. Enumerable.Range(0, test.Count).Select(i =>
        {
            float x = test.Row(i)[0], y = test.Row(i)[1];
            return Enumerable.Range(0, 4).MinBy(c => Math.Pow(x - centres[c][0], 2) + Math.Pow(y - centres[c][1], 2));
        })];

        var classifier = SoftmaxClassifier.Train(train.Features, train.Labels!, train.FeatureCount, 4, new SoftmaxOptions { Seed = 7 });
        double accuracy = AccuracyOf(classifier.Predict(test.Features), test.Labels!), bayesAccuracy = AccuracyOf(bayes, test.Labels!);

        Assert.InRange(bayesAccuracy, 0.66, 0.76);
        Assert.True(accuracy >= bayesAccuracy - 0.03, $"softmax {accuracy:F3}, Bayes rule {bayesAccuracy:F3}");
    }

    [Fact]
    public void Train_IsDeterministicForASeed()
    {
        Dataset train = Blobs(new DeterministicRandom(5), 500, [[0, 0], [1, 0], [0, 1]], 1f, noiseFeatures: 1, constant: null);
        var options = new SoftmaxOptions { Epochs = 3, MinimumSteps = 0, Seed = 1 };

        var first = SoftmaxClassifier.Train(train.Features, train.Labels!, train.FeatureCount, 3, options);
        var second = SoftmaxClassifier.Train(train.Features, train.Labels!, train.FeatureCount, 3, options);
        var otherSeed = SoftmaxClassifier.Train(train.Features, train.Labels!, train.FeatureCount, 3, new SoftmaxOptions { Epochs = 3, MinimumSteps = 0, Seed = 2 });
        Assert.Equal(3, first.EpochLosses.Count);

        Assert.Equal(first.EpochLosses, second.EpochLosses);
        Assert.Equal(first.Predict(train.Features), second.Predict(train.Features));
        Assert.NotEqual(first.EpochLosses, otherSeed.EpochLosses); // the seed does order the batches
    }

    [Fact]
    public void TrainAndPredict_RejectBadInput()
    {
        float[] features = [0, 1, 2, 3];
        Assert.Contains("labels in [0, 2), received 2", Assert.Throws<ArgumentException>(() => SoftmaxClassifier.Train(features, [0, 2], 2, 2)).Message);
        Assert.Contains("expected 2 labels", Assert.Throws<ArgumentException>(() => SoftmaxClassifier.Train(features, [0], 2, 2)).Message);
        Assert.Contains("at least 2 classes", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxClassifier.Train(features, [0, 0], 2, 1)).Message);
        Assert.Contains("whole rows of 3 values", Assert.Throws<ArgumentException>(() => SoftmaxClassifier.Train(features, [0, 1], 3, 2)).Message);
        Assert.Contains("at least 1 epoch", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxClassifier.Train(features, [0, 1], 2, 2, new SoftmaxOptions { Epochs = 0 })).Message);
        var classifier = SoftmaxClassifier.Train(features, [0, 1], 2, 2, new SoftmaxOptions { Epochs = 1 });
        Assert.Contains("whole rows of 2 values, received 3", Assert.Throws<ArgumentException>(() => classifier.Predict([0, 1, 2])).Message);
    }

    /// <summary><paramref name="count"/> samples cycling through the classes: Gaussian around each centre (first two
    /// features), then pure noise features, then optionally one constant feature.</summary>
    internal static Dataset Blobs(DeterministicRandom random, int count, float[][] centres, float spread, int noiseFeatures, float? constant)
    {
        int dimensions = 2 + noiseFeatures + (constant is null ? 0 : 1);
        var features = new float[count * dimensions];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = labels[i] = i % centres.Length;
            var row = features.AsSpan(i * dimensions, dimensions);
            row[0] = centres[label][0] + spread * random.NextGaussian();
            row[1] = centres[label][1] + spread * random.NextGaussian();
            for (int j = 0; j < noiseFeatures; j++) row[2 + j] = random.NextGaussian();
            if (constant is { } value) row[^1] = value;
        }
        return new Dataset(features, dimensions, labels);
    }

    internal static double AccuracyOf(int[] predicted, int[] actual) => predicted.Zip(actual).Count(pair => pair.First == pair.Second) / (double)actual.Length;
}
