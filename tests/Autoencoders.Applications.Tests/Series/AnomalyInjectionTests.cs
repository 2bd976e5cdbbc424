using Autoencoders.Applications.Series;

namespace Autoencoders.Applications.Tests.Series;

public sealed class AnomalyInjectionTests
{
    // Alternating 0, 2: mean 1, population std 1.
    private static readonly float[] Alternating = [0, 2, 0, 2, 0, 2, 0, 2];

    [Fact]
    public void SpikeAndLevelShiftAddTheMagnitudeInStandardDeviations()
    {
        var (spiked, spike) = AnomalyInjection.Inject(Alternating, 1, AnomalyKind.Spike, start: 2, length: 5, magnitude: 3);
        var (shifted, shift) = AnomalyInjection.Inject(Alternating, 1, AnomalyKind.LevelShift, start: 2, length: 3, magnitude: 1.5);

        Assert.Equal([0, 2, 3, 2, 0, 2, 0, 2], spiked);
        Assert.Equal((2, 2), (spike.Start, spike.End)); // a spike is one step whatever the length
        Assert.Equal([0, 2, 1.5f, 3.5f, 1.5f, 2, 0, 2], shifted);
        Assert.Equal((2, 4), (shift.Start, shift.End));
    }

    [Fact]
    public void FlatHoldsTheFirstValueAndChangedPeriodPlaysAtHalfSpeed()
    {
        float[] ramp = [0, 1, 2, 3, 4, 5, 6, 7];
        var (flat, _) = AnomalyInjection.Inject(ramp, 1, AnomalyKind.Flat, start: 2, length: 3, magnitude: 0);
        var (slow, range) = AnomalyInjection.Inject(ramp, 1, AnomalyKind.ChangedPeriod, start: 2, length: 4, magnitude: 0);

        Assert.Equal([0, 1, 2, 2, 2, 5, 6, 7], flat);
        Assert.Equal([0, 1, 2, 2.5f, 3, 3.5f, 6, 7], slow); // x(2 + (t − 2) / 2)
        Assert.Equal(AnomalyKind.ChangedPeriod, AnomalyInjection.Parse(AnomalyInjection.Name(AnomalyKind.ChangedPeriod)));
        Assert.Equal(5, range.End);
    }

    [Fact]
    public void RollingZScoreMeasuresAgainstThePreviousWindow()
    {
        // Previous 4 steps 0, 2, 0, 2: mean 1, std 1; the next step 5 is 4 deviations away.
        double[] scores = RollingZScore.Scores([0, 2, 0, 2, 5], channels: 1, window: 4);

        Assert.True(double.IsNaN(scores[3]));
        Assert.Equal(4, scores[4], 6);
    }

    [Fact]
    public void PeriodogramFindsTheCycleOfTheWindows()
    {
        // Windows of 48 steps of a period-12 cycle at random phases, plus a weaker period-8 harmonic.
        var random = new Random(1);
        float[] windows = [.. Enumerable.Range(0, 20).SelectMany(_ =>
        {
            double phase = random.NextDouble() * 12;
            return Enumerable.Range(0, 48).Select(t => (float)(Math.Sin(2 * Math.PI * (t + phase) / 12) + 0.3 * Math.Sin(2 * Math.PI * t / 8)));
        })];

        Assert.Equal(12, Periodogram.DominantPeriod(windows, 48));
        double[] power = Periodogram.Mean(windows, 48);
        Assert.Equal(24, power.Length);
        Assert.True(power[3] > 5 * power[5]); // period 12 against period 8 (k = 6)
    }
}
