using System.Text.Json;
using Autoencoders.Applications.Metrics;

namespace Autoencoders.Applications.Tests.Metrics;

public sealed class RankingMetricsTests
{
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of the 4 pairs are ordered right.
    private static readonly double[] HandScores = [0.1, 0.4, 0.35, 0.8];
    private static readonly bool[] HandPositive = [false, false, true, true];

    [Fact]
    public void RocAucCountsOrderedPairs() => Assert.Equal(0.75, RankingMetrics.RocAuc(HandScores, HandPositive), 12);

    [Fact]
    public void TiesCountHalf()
    {
        // Pairs (0.5⁺, 0.5⁻) = ½, (0.5⁺, 0.2⁻) = 1, (0.9⁺, 0.5⁻) = 1, (0.9⁺, 0.2⁻) = 1: 3.5 / 4.
        Assert.Equal(0.875, RankingMetrics.RocAuc([0.5, 0.5, 0.2, 0.9], [true, false, false, true]), 12);
    }

    [Fact]
    public void AveragePrecisionSumsPrecisionAtEachRecallStep()
    {
        // 0.8⁺: P = 1, R = ½; 0.4⁻; 0.35⁺: P = ⅔, R = 1. AP = ½·1 + ½·⅔.
        Assert.Equal(0.5 + 1.0 / 3, RankingMetrics.AveragePrecision(HandScores, HandPositive), 12);
    }

    [Fact]
    public void TiedSamplesEnterThePrecisionRecallCurveTogether()
    {
        // 0.9⁺: P = 1, R = ⅓; the tie at 0.5 (⁺⁻⁻): P = 2/4, R = ⅔; 0.1⁺: P = 3/5, R = 1.
        double ap = RankingMetrics.AveragePrecision([0.5, 0.9, 0.5, 0.1, 0.5], [true, true, false, true, false]);
        Assert.Equal((1.0 + 0.5 + 0.6) / 3, ap, 12);
    }

    [Fact]
    public void PerfectRankingScoresOne()
    {
        double[] scores = [3, 1, 2, 5];
        bool[] positive = [true, false, false, true];
        Assert.Equal(1.0, RankingMetrics.RocAuc(scores, positive));
        Assert.Equal(1.0, RankingMetrics.AveragePrecision(scores, positive));
        Assert.Equal(0.0, RankingMetrics.RocAuc(scores, [.. positive.Select(p => !p)]));
    }

    [Fact]
    public void RocCurveStepsThroughDistinctScores()
    {
        var curve = RankingMetrics.RocCurve(HandScores, HandPositive);
        Assert.Equal([(0.0, 0.0), (0.0, 0.5), (0.5, 0.5), (0.5, 1.0), (1.0, 1.0)], curve);
    }

    [Fact]
    public void AtThresholdFlagsScoresAboveIt()
    {
        // Flagged: 0.4⁻, 0.35⁺, 0.8⁺ (0.1 is not above 0.3); a score equal to the threshold is not flagged.
        Assert.Equal((2.0 / 3, 1.0), RankingMetrics.AtThreshold(HandScores, HandPositive, 0.3));
        Assert.Equal((1.0, 0.5), RankingMetrics.AtThreshold(HandScores, HandPositive, 0.4));
        Assert.Equal((0.0, 0.0), RankingMetrics.AtThreshold(HandScores, HandPositive, 0.8));
    }

    [Fact]
    public void RocAucAgreesWithEveryPairCountedByBruteForce()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = 2 + random.Next(60);
            double[] scores = [.. Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 4) / 4)]; // many ties
            bool[] positive = [.. Enumerable.Range(0, n).Select(i => i == 0 || (i != 1 && random.Next(3) == 0))];
            double pairs = 0, wins = 0;
            for (int p = 0; p < n; p++)
                for (int q = 0; q < n; q++)
                {
                    if (!positive[p] || positive[q]) continue;
                    pairs++;
                    wins += scores[p] > scores[q] ? 1 : scores[p] == scores[q] ? 0.5 : 0;
                }
            Assert.Equal(wins / pairs, RankingMetrics.RocAuc(scores, positive), 12);
            Assert.Equal(wins / pairs, TrapezoidArea(RankingMetrics.RocCurve(scores, positive)), 12);
        }
    }

    public static TheoryData<string> GoldenCases() => new(Golden().Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void AgreesWithScikitLearn(string name)
    {
        JsonElement golden = Golden().Single(c => c.GetProperty("name").GetString() == name);
        double[] scores = Doubles(golden, "scores");
        bool[] positive = [.. golden.GetProperty("positive").EnumerateArray().Select(e => e.GetBoolean())];
        Assert.Equal(golden.GetProperty("roc_auc").GetDouble(), RankingMetrics.RocAuc(scores, positive), 12);
        Assert.Equal(golden.GetProperty("average_precision").GetDouble(), RankingMetrics.AveragePrecision(scores, positive), 12);
        var curve = RankingMetrics.RocCurve(scores, positive);
        Assert.Equal(Doubles(golden, "roc_fpr"), curve.Select(p => p.FalsePositiveRate));
        Assert.Equal(Doubles(golden, "roc_tpr"), curve.Select(p => p.TruePositiveRate));
        var pr = RankingMetrics.PrecisionRecallCurve(scores, positive);
        Assert.Equal(Doubles(golden, "pr_precision").Length, pr.Count);
        Assert.All(Doubles(golden, "pr_precision").Zip(pr), p => Assert.Equal(p.First, p.Second.Precision, 12));
        Assert.All(Doubles(golden, "pr_recall").Zip(pr), p => Assert.Equal(p.First, p.Second.Recall, 12));
        var (precision, recall) = RankingMetrics.AtThreshold(scores, positive, golden.GetProperty("threshold").GetDouble());
        Assert.Equal(golden.GetProperty("precision").GetDouble(), precision, 12);
        Assert.Equal(golden.GetProperty("recall").GetDouble(), recall, 12);
    }

    [Fact]
    public void RejectsWhatCannotBeRanked()
    {
        var lengths = Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc([1, 2], [true]));
        Assert.Contains("2 scores and 1 flags", lengths.Message);
        var noNegatives = Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc([1, 2], [true, true]));
        Assert.Contains("negative", noNegatives.Message);
        Assert.Throws<ArgumentException>(() => RankingMetrics.RocCurve([1, 2], [true, true]));
        var noPositives = Assert.Throws<ArgumentException>(() => RankingMetrics.AveragePrecision([1, 2], [false, false]));
        Assert.Contains("positive", noPositives.Message);
        Assert.Throws<ArgumentException>(() => RankingMetrics.AtThreshold([1, 2], [false, false], 1));
        Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc([1, double.NaN], [true, false]));
        Assert.Equal(1.0, RankingMetrics.AveragePrecision([1, 2], [true, true])); // no negatives: fine for precision
    }

    private static double TrapezoidArea(IReadOnlyList<(double X, double Y)> curve)
    {
        double area = 0;
        for (int i = 1; i < curve.Count; i++) area += (curve[i].X - curve[i - 1].X) * (curve[i].Y + curve[i - 1].Y) / 2;
        return area;
    }

    private static double[] Doubles(JsonElement element, string name) => [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];

    private static JsonElement[] Golden()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Metrics", "ranking_golden.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone())];
    }
}
