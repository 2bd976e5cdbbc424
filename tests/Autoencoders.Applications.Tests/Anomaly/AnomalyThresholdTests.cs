using Autoencoders.Applications.Anomaly;

namespace Autoencoders.Applications.Tests.Anomaly;

public sealed class AnomalyThresholdTests
{
    [Fact]
    public void QuantileInterpolatesBetweenOrderStatistics()
    {
        // numpy.quantile([5, 1, 4, 2, 3], 0.95): h = 4 · 0.95 = 3.8 → 4 + 0.8 · (5 − 4).
        Assert.Equal(4.8, AnomalyThreshold.FromQuantile([5, 1, 4, 2, 3], 0.95), 12);
        Assert.Equal(2, AnomalyThreshold.FromQuantile([3, 1, 2], 0.5), 12);
        Assert.Equal(7, AnomalyThreshold.FromQuantile([7], 0.3), 12);
    }

    [Fact]
    public void ContaminationFlagsThatFractionOfTheReference()
    {
        double[] reference = [.. Enumerable.Range(1, 101).Select(i => (double)i)];
        double threshold = AnomalyThreshold.FromContamination(reference, 0.1);
        Assert.Equal(91, threshold, 9); // the 0.9 quantile of 1…101
        Assert.Equal(10, reference.Count(score => score > threshold));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void RejectsFractionsOutsideTheOpenUnitInterval(double fraction)
    {
        var quantile = Assert.Throws<ArgumentOutOfRangeException>(() => AnomalyThreshold.FromQuantile([1, 2], fraction));
        Assert.Contains("expected a quantile in (0, 1)", quantile.Message);
        var contamination = Assert.Throws<ArgumentOutOfRangeException>(() => AnomalyThreshold.FromContamination([1, 2], fraction));
        Assert.Contains("expected a contamination fraction in (0, 1)", contamination.Message);
    }

    [Fact]
    public void RejectsEmptyReferencesAndNonFiniteThresholds()
    {
        Assert.Throws<ArgumentException>(() => AnomalyThreshold.FromQuantile([], 0.5));
        Assert.Throws<ArgumentException>(() => AnomalyThreshold.FromQuantile([1, double.NaN], 0.5));
        Assert.Equal(0.25, AnomalyThreshold.Fixed(0.25));
        Assert.Throws<ArgumentOutOfRangeException>(() => AnomalyThreshold.Fixed(double.PositiveInfinity));
    }
}
