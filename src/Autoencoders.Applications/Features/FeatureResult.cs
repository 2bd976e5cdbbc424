namespace Autoencoders.Applications.Features;

/// <summary>A softmax classifier trained on one kind of feature: "codes", "pca" or "raw", their size, and its test report.</summary>
public sealed record FeatureResult(string Name, int Dimensions, ClassificationReport Report)
{
    public double Accuracy => Report.Accuracy;
}
