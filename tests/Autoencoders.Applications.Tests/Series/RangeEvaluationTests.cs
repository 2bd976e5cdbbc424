using Autoencoders.Applications.Series;

namespace Autoencoders.Applications.Tests.Series;

public sealed class RangeEvaluationTests
{
    [Fact]
    public void CountsPointsRangesAndTheFarthestFalseAlarm()
    {
        // 20 steps; labelled 4..7 and 12..13; flagged 5..9 and 17.
        var labelled = new[] { new AnomalyRange(4, 7, double.NaN), new AnomalyRange(12, 13, double.NaN) };
        bool[] flags = AnomalyRange.ToFlags([new AnomalyRange(5, 9, 1), new AnomalyRange(17, 17, 1)], 20);

        var evaluation = RangeEvaluation.Evaluate(flags, labelled);

        Assert.Equal((3, 3, 3), (evaluation.TruePositives, evaluation.FalsePositives, evaluation.FalseNegatives));
        Assert.Equal(0.5, evaluation.Precision);
        Assert.Equal(0.5, evaluation.Recall);
        Assert.Equal(0.5, evaluation.F1);
        Assert.Equal(1, evaluation.RangesHit);
        Assert.Equal(0.5, evaluation.RangesHitShare);
        Assert.Equal(3.0 / 14, evaluation.NormalFlaggedShare, 12);
        Assert.Equal(4, evaluation.FarthestFlagDistance); // step 17 is 4 after range 12..13
    }
}
