using Autoencoders.Applications.Codecs;
using Autoencoders.Data;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Applications.Features;

/// <summary>
/// Learned features against their baselines, as <c>ae classify</c> reports them: the same softmax classifier
/// (<see cref="SoftmaxClassifier"/>) trained on a codec's codes, on PCA codes of the same size (fitted on the training
/// split) and on the raw inputs, each scored on the test split.
/// </summary>
public sealed class FeatureComparison
{
    private FeatureComparison(FeatureResult codes, FeatureResult pca, FeatureResult raw)
    {
        Codes = codes;
        Pca = pca;
        Raw = raw;
    }

    public FeatureResult Codes { get; }

    /// <summary>PCA with as many components as the codec's code (at most the input size).</summary>
    public FeatureResult Pca { get; }

    public FeatureResult Raw { get; }

    /// <summary>Codes, PCA and raw, in that order.</summary>
    public IReadOnlyList<FeatureResult> Results => [Codes, Pca, Raw];

    /// <summary>Trains and scores the three classifiers; both splits need labels. Classes are named by the training
    /// split's class names where it has them.</summary>
    public static FeatureComparison Run(ICodec codec, Dataset train, Dataset test, SoftmaxOptions? options = null, IComputeBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        int[] trainLabels = train.Labels ?? throw new ArgumentException("the training split has no labels to classify", nameof(train));
        int[] testLabels = test.Labels ?? throw new ArgumentException("the test split has no labels to score against", nameof(test));
        if (train.FeatureCount != test.FeatureCount)
            throw new ArgumentException($"expected test samples of {train.FeatureCount} values like the training ones, received {test.FeatureCount}", nameof(test));
        IReadOnlyList<string>? names = train.ClassNames ?? test.ClassNames;
        int classes = Math.Max(2, names?.Count ?? Math.Max(trainLabels.DefaultIfEmpty(0).Max(), testLabels.DefaultIfEmpty(0).Max()) + 1);

        FeatureResult Score(string name, float[] trainFeatures, float[] testFeatures, int dimensions)
        {
            var classifier = SoftmaxClassifier.Train(trainFeatures, trainLabels, dimensions, classes, options, backend);
            return new FeatureResult(name, dimensions, ClassificationReport.Create(testLabels, classifier.Predict(testFeatures), names ?? Numbers(classes)));
        }

        var codes = Score("codes", codec.Encode(train), codec.Encode(test), codec.CodeSize);
        var pcaCodec = PcaCodec.Fit(train, Math.Min(codec.CodeSize, train.FeatureCount));
        var pca = Score("pca", pcaCodec.Encode(train), pcaCodec.Encode(test), pcaCodec.CodeSize);
        var raw = Score("raw", train.Features, test.Features, train.FeatureCount);
        return new FeatureComparison(codes, pca, raw);
    }

    private static string[] Numbers(int classes) => [.. Enumerable.Range(0, classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
