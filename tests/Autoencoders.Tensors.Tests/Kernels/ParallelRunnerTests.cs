using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Tensors.Tests.Kernels;

/// <summary>The kernel runner runs every chunk of every job exactly once, whatever the thread count and however jobs of
/// different sizes follow each other.</summary>
public sealed class ParallelRunnerTests
{
    /// <summary>Counts how often each chunk ran, and checks it was asked for with this job's chunk count.</summary>
    private sealed class CountingJob : IParallelJob
    {
        public readonly int[] Runs = new int[64];
        public int Expected;
        public int Mismatches;

        public void Execute(int part, int parts)
        {
            if (parts != Expected || part >= parts) Interlocked.Increment(ref Mismatches);
            Interlocked.Increment(ref Runs[Math.Min(part, Runs.Length - 1)]);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task JobsOfAlternatingSizesRunEachChunkOnce(int threads)
    {
        // A small job then a large one, over and over: a worker late to a small job must not take a chunk of the
        // large one under the small one's generation (it did, and a training run hung on a later job).
        using var runner = new ParallelRunner(threads);
        var small = new CountingJob { Expected = 2 };
        var large = new CountingJob { Expected = 40 };
        int rounds = 20_000;
        var finished = Task.Run(() =>
        {
            for (int round = 0; round < rounds; round++)
            {
                runner.RunExactly(small, small.Expected);
                runner.RunExactly(large, large.Expected);
            }
        });
        Assert.True(await Task.WhenAny(finished, Task.Delay(TimeSpan.FromMinutes(2))) == finished, "the runner hung");
        await finished;
        foreach (var job in new[] { small, large })
        {
            Assert.Equal(0, job.Mismatches);
            for (int part = 0; part < job.Runs.Length; part++) Assert.Equal(part < job.Expected ? rounds : 0, job.Runs[part]);
        }
    }

    [Theory]
    [InlineData(784, 8, 16)]     // deep's GEMM columns: rounding each part up left the eighth part empty
    [InlineData(200704, 8, 64)]  // a batch of 256 images, elementwise
    [InlineData(400, 4, 16)]
    [InlineData(30, 8, 8)]       // fewer blocks than parts: some parts are empty, none holds two blocks
    [InlineData(1, 3, 64)]
    public void RangeCoversTheLengthInAlignedPartsThatDifferByAtMostOneBlock(int length, int parts, int alignment)
    {
        var ranges = Enumerable.Range(0, parts).Select(part => ParallelRunner.Range(length, part, parts, alignment)).ToArray();
        Assert.Equal(0, ranges[0].Start);
        Assert.Equal(length, ranges[^1].End);
        for (int part = 1; part < parts; part++) Assert.Equal(ranges[part - 1].End, ranges[part].Start);
        foreach (var (start, end) in ranges)
        {
            Assert.True(start <= end);
            Assert.True(start % alignment == 0 || start == length, $"part starts at {start}");
        }
        int[] blocks = ranges.Select(r => (r.End - r.Start + alignment - 1) / alignment).ToArray();
        Assert.True(blocks.Max() - blocks.Min() <= 1, $"blocks per part: {string.Join(",", blocks)}");
    }
}
