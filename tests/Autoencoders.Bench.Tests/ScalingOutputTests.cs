namespace Autoencoders.Bench.Tests;

public class ScalingOutputTests
{
    private static readonly ScalingPoint[] Points =
    [
        new("threads", "dense", 2, "ours", 105772.04), new("threads", "conv", 1, "ours", 887.2), new("threads", "dense", 1, "ours", 180755.9),
        new("threads", "dense", 1, "pytorch", 67039.2), new("threads", "conv", 1, "pytorch", 1030.5),
    ];

    [Fact]
    public void CsvHasOneSortedRowPerWorkloadAndValueWithAnEmptyCellForAMissingRunner() =>
        Assert.Equal("workload,threads,ours,pytorch\nconv,1,887.2,1030.5\ndense,1,180755.9,67039.2\ndense,2,105772.0,\n", ScalingSweep.Csv(Points, "threads"));

    [Fact]
    public void PlotIsAPngOfTheStatedSize()
    {
        byte[] png = ScalingPlot.Render(Points, "training speed against threads", "threads", logX: false);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        Assert.Equal(900, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(560, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void ThreadCountsAreOneTwoAndAllWithoutRepeats()
    {
        var options = BenchOptions.Parse(["--threads", "2"]);
        Assert.Equal([1, 2], ScalingSweep.ThreadCounts(options));
        Assert.Equal([1, 2, 8], ScalingSweep.ThreadCounts(options with { Threads = 8 }));
    }
}
