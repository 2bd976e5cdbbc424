namespace Autoencoders.Data.Tests;

public sealed class MinMaxScalerTests
{
    // Columns: range [−2, 6], constant 5, range [0, 1].
    private static readonly Dataset Train = new([-2f, 5f, 0f, 6f, 5f, 1f, 2f, 5f, 0.5f], featureCount: 3, labels: [0, 1, 0]);

    [Fact]
    public void FitsPerColumnRangeAndMapsTrainingDataToTheUnitInterval()
    {
        var scaler = MinMaxScaler.Fit(Train);

        Dataset scaled = scaler.Transform(Train);

        Assert.Equal([-2f, 5f, 0f], scaler.Minimum);
        Assert.Equal([6f, 5f, 1f], scaler.Maximum);
        Assert.Equal([0f, 0f, 0f, 1f, 0f, 1f, 0.5f, 0f, 0.5f], scaled.Features);
        Assert.Equal(Train.Labels, scaled.Labels);
        Assert.Equal(-2f, Train.Features[0]);
    }

    [Fact]
    public void TestDataOutsideTheTrainingRangeIsNotClamped()
    {
        var scaler = MinMaxScaler.Fit(Train);
        float[] row = [10f, 7f, -1f];

        scaler.Transform(row);

        Assert.Equal([1.5f, 0f, -1f], row);
    }

    [Fact]
    public void InverseTransformRestoresOriginalUnits()
    {
        var scaler = MinMaxScaler.Fit(Train);
        float[] values = (float[])Train.Features.Clone();

        scaler.Transform(values);
        scaler.InverseTransform(values);

        Assert.Equal(Train.Features, values);
    }

    [Fact]
    public void SavedParametersRebuildTheSameScaler()
    {
        var fitted = MinMaxScaler.Fit(Train);
        var restored = new MinMaxScaler(fitted.Minimum.ToArray(), fitted.Maximum.ToArray());

        Assert.Equal(fitted.Transform(Train).Features, restored.Transform(Train).Features);
    }

    [Fact]
    public void RejectsMismatchedWidthsAndInvalidRanges()
    {
        var scaler = MinMaxScaler.Fit(Train);

        Assert.Throws<ArgumentException>(() => scaler.Transform(new Dataset(new float[4], featureCount: 2)));
        Assert.Throws<ArgumentException>(() => scaler.Transform(new float[4]));
        Assert.Throws<ArgumentException>(() => new MinMaxScaler([1f], [0f]));
        Assert.Throws<ArgumentException>(() => new MinMaxScaler([float.NaN], [1f]));
    }
}
