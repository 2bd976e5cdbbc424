using Autoencoders.Applications.Codecs;
using Autoencoders.Applications.Features;
using Autoencoders.Applications.Metrics;
using Autoencoders.Data;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Applications.Comparison;

/// <summary>
/// Measures a codec the way <c>ae compare</c> ranks them: how well it reconstructs the test split (MSE), and how
/// separable its latent space is — the accuracy of a k = 5 nearest-neighbour classifier that labels each test code
/// by the training codes around it.
/// </summary>
public static class CodecComparison
{
    public const int Neighbours = 5;

    public static ComparisonRow Measure(ICodec codec, Dataset train, Dataset test, IComputeBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(codec);
        // The test codes serve both figures: decoded for the MSE (= Reconstruct), and as the kNN queries.
        float[] testCodes = codec.Encode(test);
        double mse = Distortion.MeanSquaredError(codec.Decode(testCodes), test.Features);
        double? knn = null;
        if (train.Labels is { } trainLabels && test.Labels is { } testLabels)
            knn = KNearestNeighbors.Accuracy(codec.Encode(train), trainLabels, testCodes, testLabels, codec.CodeSize, Neighbours, backend);
        return new ComparisonRow(codec.Name, codec.CodeSize, mse, knn);
    }
}
