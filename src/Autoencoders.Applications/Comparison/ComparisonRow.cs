namespace Autoencoders.Applications.Comparison;

/// <summary>One line of <c>ae compare</c>: a codec at one code size, its test reconstruction MSE (mean over every
/// value) and the kNN-5 accuracy of its test codes against its training codes (null without labels).</summary>
public sealed record ComparisonRow(string Model, int Code, double TestMse, double? KnnAccuracy);
