namespace Autoencoders.Data.Tests;

public sealed class DatasetTests
{
    // Row i holds (10 i, 10 i + 1); label i % 3.
    private static Dataset Numbered(int count) => new(
        Enumerable.Range(0, count).SelectMany(i => new[] { 10f * i, 10f * i + 1 }).ToArray(),
        featureCount: 2,
        labels: Enumerable.Range(0, count).Select(i => i % 3).ToArray(),
        sampleShape: [1, 2],
        classNames: ["a", "b", "c"]);

    [Fact]
    public void LimitKeepsTheFirstRowsWithTheirLabels()
    {
        Dataset limited = Numbered(10).Limit(4);

        Assert.Equal(4, limited.Count);
        Assert.Equal([30f, 31f], limited.Row(3).ToArray());
        Assert.Equal([0, 1, 2, 0], limited.Labels!);
        Assert.Equal([1, 2], limited.SampleShape!);
        Assert.Equal(["a", "b", "c"], limited.ClassNames);
    }

    [Fact]
    public void LimitAboveTheCountReturnsEverything()
    {
        Dataset data = Numbered(3);

        Assert.Same(data, data.Limit(3));
        Assert.Same(data, data.Limit(100));
    }

    [Fact]
    public void WhereLabelInKeepsMatchingRowsInOrder()
    {
        Dataset normal = Numbered(10).WhereLabelIn([0, 2]);

        Assert.Equal([0, 2, 0, 2, 0, 2, 0], normal.Labels!);
        Assert.Equal([0f, 1f, 20f, 21f, 30f, 31f], normal.Features[..6]);
    }

    [Fact]
    public void WhereLabelInNeedsLabels()
    {
        var unlabelled = new Dataset([1f, 2f], featureCount: 1);

        Assert.Throws<InvalidOperationException>(() => unlabelled.WhereLabelIn([0]));
    }

    [Fact]
    public void CopyRowsGathersRowsInTheGivenOrder()
    {
        Dataset data = Numbered(5);
        var destination = new float[8];

        data.CopyRows([4, 0, 2], destination);

        Assert.Equal([40f, 41f, 0f, 1f, 20f, 21f, 0f, 0f], destination);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.CopyRows([5], destination));
        Assert.Throws<ArgumentException>(() => data.CopyRows([0, 1, 2, 3, 4], destination));
    }

    [Fact]
    public void FromBytesScalesToTheUnitInterval()
    {
        Dataset data = Dataset.FromBytes([0, 51, 255, 128], featureCount: 2);

        Assert.Equal([0f, 0.2f, 1f, 128f / 255f], data.Features);
        Assert.Equal(2, data.Count);
    }

    [Fact]
    public void ConstructorRejectsInconsistentParts()
    {
        Assert.Throws<ArgumentException>(() => new Dataset(new float[5], featureCount: 2));
        Assert.Throws<ArgumentException>(() => new Dataset(new float[4], featureCount: 2, labels: [0]));
        Assert.Throws<ArgumentException>(() => new Dataset(new float[4], featureCount: 2, sampleShape: [3]));
        Assert.Throws<ArgumentException>(() => new Dataset(new float[4], featureCount: 2, labels: [0, 3], classNames: ["x", "y"]));
    }

    [Fact]
    public void SplitLimitTrimsBothPartsAndSaysSo()
    {
        var split = new DatasetSplit(Numbered(10), Numbered(6), "numbers");

        DatasetSplit limited = split.Limit(5);

        Assert.Equal(5, limited.Train.Count);
        Assert.Equal(5, limited.Test!.Count);
        Assert.Equal("numbers; limited to the first 5 samples of each part", limited.Description);
        Assert.Same(split, split.Limit(10));
    }

    [Fact]
    public void LimitTrainingTrimsOnlyTheTrainingPartAndSaysSo()
    {
        var split = new DatasetSplit(Numbered(10), Numbered(6), "numbers");

        DatasetSplit limited = split.LimitTraining(4);

        Assert.Equal(4, limited.Train.Count);
        Assert.Equal(split.Train.Row(3).ToArray(), limited.Train.Row(3).ToArray());
        Assert.Same(split.Test, limited.Test);
        Assert.Equal("numbers; training on its first 4 samples", limited.Description);
        Assert.Equal("numbers; PCA uses 3", split.LimitTraining(3, "PCA uses 3").Description);
        Assert.Same(split, split.LimitTraining(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => split.LimitTraining(-1));
    }
}
