using Autoencoders.Applications.Series;

namespace Autoencoders.Applications.Tests.Series;

public sealed class WindowPointsTests
{
    [Fact]
    public void AllWindowsRuleChecksTheLastCoveringWindowToo()
    {
        // 6 steps, windows of 3 at stride 1: windows 0..3; only window 3 (steps 3, 4, 5) is above 0.5.
        double[] windows = [0, 0, 0, 1];

        double[] all = WindowPoints.Scores(windows, window: 3, stride: 1, length: 6, PointRule.AllWindows);
        double[] any = WindowPoints.Scores(windows, window: 3, stride: 1, length: 6, PointRule.AnyWindow);

        // Step 5 is covered by window 3 alone, so it is flagged under "all". Keras's slice anomalies[i − W + 1 : i]
        // would never look at window i, and for step 5 would look at windows 3 and 4, of which 4 does not exist.
        Assert.Equal([0, 0, 0, 0, 0, 1], all);
        Assert.Equal([0, 0, 0, 1, 1, 1], any);
        Assert.Equal([new AnomalyRange(5, 5, 1)], AnomalyRange.Merge(all, 0.5));
        Assert.Equal([new AnomalyRange(3, 5, 1)], AnomalyRange.Merge(any, 0.5));
    }

    [Fact]
    public void AStepIsTheMinimumOrMaximumOfItsCoveringWindows()
    {
        double[] windows = [1, 5, 2];

        // Step 2 of 4 is covered by windows 0, 1 and 2 (window 3 long, stride 1).
        Assert.Equal(1, WindowPoints.Scores(windows, 3, 1, 5, PointRule.AllWindows)[2]);
        Assert.Equal(5, WindowPoints.Scores(windows, 3, 1, 5, PointRule.AnyWindow)[2]);
    }

    [Fact]
    public void StepsPastTheLastWindowAtAStrideAreNeverFlagged()
    {
        // 7 steps, windows of 2 every 2: starts 0, 2, 4; step 6 is in none.
        double[] points = WindowPoints.Scores([9, 9, 9], window: 2, stride: 2, length: 7, PointRule.AnyWindow);

        Assert.Equal([9, 9, 9, 9, 9, 9], points[..6]);
        Assert.True(double.IsNaN(points[6]));
        Assert.Equal([new AnomalyRange(0, 5, 9)], AnomalyRange.Merge(points, 1));
    }

    [Fact]
    public void RangesKeepTheirPeakAndSplitAtUnflaggedSteps()
    {
        var ranges = AnomalyRange.Merge([0, 3, 4, 0, 0, 2, 7, 1], threshold: 1.5);

        Assert.Equal([new AnomalyRange(1, 2, 4), new AnomalyRange(5, 6, 7)], ranges);
    }
}
