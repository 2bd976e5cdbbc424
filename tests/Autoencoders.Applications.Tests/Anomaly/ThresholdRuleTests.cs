using Autoencoders.Applications.Anomaly;

namespace Autoencoders.Applications.Tests.Anomaly;

public sealed class ThresholdRuleTests
{
    // Quarters are exact in float32, so a record and the scores themselves give the same numbers.
    private static readonly double[] Scores = [.. Enumerable.Range(1, 101).Select(i => i / 4.0)];

    [Theory]
    [InlineData(0.95, 24.0)]
    [InlineData(0.5, 12.75)]
    public void AQuantileResolvesAgainstARecordAsAgainstTheScores(double q, double expected)
    {
        var rule = ThresholdRule.Quantile(q);
        Assert.Equal(expected, rule.Choose(Scores), 12);
        Assert.Equal(expected, rule.Resolve(Calibration.FromScores(Scores, Calibration.TrainingSource)), 12);
    }

    [Fact]
    public void ContaminationMaxAndFixedResolveToTheirNumbers()
    {
        var record = Calibration.FromScores(Scores, Calibration.TrainingSource);
        Assert.Equal(22.75, ThresholdRule.Contamination(0.1).Resolve(record), 12); // the 0.9 quantile: flags 10 of 101
        Assert.Equal(10, Scores.Count(s => s > ThresholdRule.Contamination(0.1).Resolve(record)));
        Assert.Equal(25.25, ThresholdRule.Max.Resolve(record));
        Assert.Equal(25.25, ThresholdRule.Max.Choose(Scores));
        Assert.Equal(3.5, ThresholdRule.Fixed(3.5).Resolve(record));
        Assert.False(ThresholdRule.Fixed(3.5).NeedsReference);
        Assert.Equal(ThresholdRule.Quantile(0.95), ThresholdRule.Default);
    }

    [Fact]
    public void DescriptionsSayHowTheThresholdWasChosen()
    {
        Assert.Equal("the 0.95 quantile of the errors of 6,000 validation samples", ThresholdRule.Default.Describe("6,000 validation samples"));
        Assert.Equal("the largest error of 12 training samples", ThresholdRule.Max.Describe("12 training samples"));
        Assert.Equal("flags a fraction 0.02 of 12 training samples (the 0.98 quantile of their errors)", ThresholdRule.Contamination(0.02).Describe("12 training samples"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void RejectsQuantilesAndFractionsOutsideTheOpenUnitInterval(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdRule.Quantile(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdRule.Contamination(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdRule.Fixed(double.PositiveInfinity));
    }
}
