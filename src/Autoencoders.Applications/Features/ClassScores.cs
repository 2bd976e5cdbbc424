namespace Autoencoders.Applications.Features;

/// <summary>One class's line of a <see cref="ClassificationReport"/>: precision = TP / (TP + FP), recall = TP / (TP + FN),
/// F1 = 2PR / (P + R), each 0 where its denominator is 0 (scikit-learn's zero_division default); support = TP + FN.</summary>
public readonly record struct ClassScores(string Name, double Precision, double Recall, double F1, int Support);
