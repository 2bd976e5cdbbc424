namespace Autoencoders.Drawing.Tests;

public class AxisTicksTests
{
    [Theory]
    [InlineData(10, 11, 1)]
    [InlineData(10, 6, 2)]
    [InlineData(10, 3, 5)]
    [InlineData(0.7, 8, 0.1)]
    [InlineData(3e7, 5, 1e7)]
    [InlineData(0.00027, 10, 0.00005)]
    public void StepIsOneTwoOrFiveTimesAPowerOfTen(double range, int maxTicks, double expected)
    {
        Assert.Equal(expected, AxisTicks.NiceStep(range, maxTicks), 12);
    }

    [Fact]
    public void TicksAreMultiplesOfTheStepInsideTheRange()
    {
        double[] ticks = AxisTicks.Compute(0.065, 0.625, 8);

        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], ticks.Select(t => Math.Round(t, 10)));
        Assert.All(ticks, tick => Assert.InRange(tick, 0.065, 0.625));
    }

    [Fact]
    public void TickCountNeverExceedsTheMaximum()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 500; trial++)
        {
            double min = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 8));
            double max = min + random.NextDouble() * Math.Pow(10, random.Next(-6, 8));
            int maxTicks = random.Next(2, 12);
            double[] ticks = AxisTicks.Compute(min, max, maxTicks);
            Assert.InRange(ticks.Length, 0, maxTicks);
            Assert.Equal(ticks.Order(), ticks);
        }
    }

    [Fact]
    public void DegenerateRangesDoNotThrow()
    {
        Assert.Equal([2.5], AxisTicks.Compute(2.5, 2.5, 8));
        Assert.Empty(AxisTicks.Compute(double.NaN, 1, 8));
        Assert.Empty(AxisTicks.Compute(1, 0, 8));
        Assert.Equal(1, AxisTicks.NiceStep(0, 8));
    }

    [Theory]
    [InlineData(0.15, 0.05, "0.15")]
    [InlineData(0.2, 0.1, "0.2")]
    [InlineData(0, 0.1, "0.0")]
    [InlineData(-0.0, 1, "0")]
    [InlineData(25, 5, "25")]
    [InlineData(-1.5, 0.5, "-1.5")]
    [InlineData(20_000_000, 10_000_000, "2E+7")]
    [InlineData(0, 10_000_000, "0")]
    [InlineData(0.00015, 0.00005, "1.5E-4")]
    [InlineData(0.100005, 0.000005, "1.00005E-1")] // a narrow window far from zero keeps its digits
    public void LabelsShowJustEnoughDigits(double value, double step, string expected)
    {
        Assert.Equal(expected, AxisTicks.Format(value, step));
    }
}
