using Autoencoders.Applications.Features;

namespace Autoencoders.Applications.Tests.Features;

public sealed class ClassificationReportTests
{
    // scikit-learn's documented example of classification_report.
    private static readonly int[] Actual = [0, 1, 2, 2, 2], Predicted = [0, 0, 2, 2, 1];

    [Fact]
    public void Scores_MatchHandComputedOnes()
    {
        var report = ClassificationReport.Create(Actual, Predicted, ["class 0", "class 1", "class 2"]);

        Assert.Equal(new int[,] { { 1, 0, 0 }, { 1, 0, 0 }, { 0, 1, 2 } }, report.ConfusionMatrix);
        Assert.Equal(0.6, report.Accuracy, 12);
        // class 0: TP 1 of 2 predicted, 1 actual; class 1: no TP (precision 0/1, recall 0/1); class 2: TP 2 of 2 predicted, 3 actual.
        Assert.Equal(new ClassScores("class 0", 0.5, 1.0, 2.0 / 3, 1), report.Classes[0], ScoresComparer);
        Assert.Equal(new ClassScores("class 1", 0.0, 0.0, 0.0, 1), report.Classes[1], ScoresComparer);
        Assert.Equal(new ClassScores("class 2", 1.0, 2.0 / 3, 0.8, 3), report.Classes[2], ScoresComparer);
        Assert.Equal(new ClassScores("macro avg", 0.5, 5.0 / 9, (2.0 / 3 + 0.8) / 3, 5), report.MacroAverage, ScoresComparer);
        Assert.Equal(new ClassScores("weighted avg", 0.7, 0.6, (2.0 / 3 + 2.4) / 5, 5), report.WeightedAverage, ScoresComparer);
    }

    [Fact]
    public void ToString_IsScikitLearnsTable()
    {
        string expected = string.Join('\n',
            "              precision    recall  f1-score   support",
            "",
            "     class 0       0.50      1.00      0.67         1",
            "     class 1       0.00      0.00      0.00         1",
            "     class 2       1.00      0.67      0.80         3",
            "",
            "    accuracy                           0.60         5",
            "   macro avg       0.50      0.56      0.49         5",
            "weighted avg       0.70      0.60      0.61         5",
            "");
        Assert.Equal(expected, ClassificationReport.Create(Actual, Predicted, ["class 0", "class 1", "class 2"]).ToString());
    }

    [Fact]
    public void ConfusionMatrixText_PutsTrueClassesDownAndPredictionsAcross()
    {
        string expected = string.Join('\n',
            "true \\ predicted  0  1  2",
            "0 class 0         1  0  0",
            "1 class 1         1  0  0",
            "2 class 2         0  1  2",
            "");
        Assert.Equal(expected, ClassificationReport.Create(Actual, Predicted, ["class 0", "class 1", "class 2"]).ConfusionMatrixText());
        string[] unnamed = ClassificationReport.Create(Actual, Predicted).ConfusionMatrixText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["2", "0", "1", "2"], unnamed[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Classes_AreNumberedWithoutNames_AndNamesFixTheirCount()
    {
        Assert.Equal(["0", "1", "2"], ClassificationReport.Create(Actual, Predicted).ClassNames);
        var report = ClassificationReport.Create([0, 1], [0, 1], ["a", "b", "c", "d"]);
        Assert.Equal(4, report.Classes.Count);
        Assert.Equal(0, report.Classes[3].Support);
        Assert.Equal(0.5, report.MacroAverage.Recall, 12); // two perfect classes and two empty ones
    }

    [Fact]
    public void Create_RejectsBadInput()
    {
        Assert.Contains("one prediction per true label (2), received 1", Assert.Throws<ArgumentException>(() => ClassificationReport.Create([0, 1], [0])).Message);
        Assert.Contains("labels in [0, 2)", Assert.Throws<ArgumentException>(() => ClassificationReport.Create([0, 2], [0, 1], ["a", "b"])).Message);
    }

    private static readonly IEqualityComparer<ClassScores> ScoresComparer = EqualityComparer<ClassScores>.Create((a, b) =>
        a.Name == b.Name && a.Support == b.Support && Math.Abs(a.Precision - b.Precision) < 1e-12
        && Math.Abs(a.Recall - b.Recall) < 1e-12 && Math.Abs(a.F1 - b.F1) < 1e-12);
}
