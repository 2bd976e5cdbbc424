namespace Autoencoders.Applications.Text;

/// <summary>One line of <c>ae text compare</c>: a model (or <c>lsa</c>) at one code size, scored on the test documents.</summary>
/// <param name="KnnAccuracy">kNN-5 accuracy of the test codes, neighbours among the training codes by cosine.</param>
/// <param name="TestLoss">The model's own loss on the test documents (LSA: mean squared error of the rebuilt L2-normalised TF-IDF rows).</param>
/// <param name="LossName">What <paramref name="TestLoss"/> measures.</param>
public sealed record TextComparisonRow(string Model, int Code, double KnnAccuracy, double TestLoss, string LossName, double TrainSeconds);
