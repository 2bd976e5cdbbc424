namespace Autoencoders.Data.Tests;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void XoshiroMatchesTheReferenceVectors()
    {
        // Reference outputs of xoshiro256** for state {1, 2, 3, 4} (as in rand_xoshiro's tests).
        var random = new DeterministicRandom(1, 2, 3, 4);

        ulong[] outputs = [random.NextUInt64(), random.NextUInt64(), random.NextUInt64(), random.NextUInt64()];

        Assert.Equal([11520UL, 0UL, 1509978240UL, 1215971899390074240UL], outputs);
    }

    [Fact]
    public void SplitMixMatchesTheReferenceVector()
    {
        ulong state = 0;

        Assert.Equal(0xE220A8397B1DCDAFUL, DeterministicRandom.SplitMix64(ref state));
        Assert.Equal(0x9E3779B97F4A7C15UL, state);
    }

    [Fact]
    public void SameSeedGivesSameSequenceAndOtherSeedsDiffer()
    {
        var first = new DeterministicRandom(42);
        var second = new DeterministicRandom(42);
        var other = new DeterministicRandom(43);

        ulong[] a = Enumerable.Range(0, 100).Select(_ => first.NextUInt64()).ToArray();
        ulong[] b = Enumerable.Range(0, 100).Select(_ => second.NextUInt64()).ToArray();
        ulong[] c = Enumerable.Range(0, 100).Select(_ => other.NextUInt64()).ToArray();

        Assert.Equal(a, b);
        Assert.Empty(a.Intersect(c));
    }

    [Fact]
    public void UniformFloatsAreInTheUnitIntervalWithMeanOneHalf()
    {
        var random = new DeterministicRandom(7);

        float[] samples = Enumerable.Range(0, 100_000).Select(_ => random.NextFloat()).ToArray();

        Assert.All(samples, value => Assert.InRange(value, 0f, 0.99999994f));
        Assert.InRange(samples.Average(), 0.497, 0.503);
    }

    [Fact]
    public void GaussianSamplesHaveMeanZeroAndUnitDeviation()
    {
        var random = new DeterministicRandom(11);
        var samples = new float[200_000];

        random.FillGaussian(samples, mean: 0f, standardDeviation: 1f);

        double mean = samples.Average();
        double variance = samples.Select(value => (value - mean) * (value - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(Math.Sqrt(variance), 0.99, 1.01);
        // About 4.55 % of a normal lies beyond two deviations.
        Assert.InRange(samples.Count(value => Math.Abs(value) > 2) / (double)samples.Length, 0.043, 0.048);
    }

    [Fact]
    public void NextIntCoversItsRangeEvenly()
    {
        var random = new DeterministicRandom(3);
        var counts = new int[6];

        for (int i = 0; i < 60_000; i++)
        {
            counts[random.NextInt(6)]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 9_700, 10_300));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
    }

    [Fact]
    public void FillUniformRespectsBounds()
    {
        var values = new float[10_000];

        new DeterministicRandom(5).FillUniform(values, -0.5f, 0.5f);

        Assert.All(values, value => Assert.InRange(value, -0.5f, 0.5f));
        Assert.InRange(values.Min(), -0.5f, -0.49f);
        Assert.InRange(values.Max(), 0.49f, 0.5f);
    }

    [Fact]
    public void ShuffleIsADeterministicPermutation()
    {
        int[] first = Enumerable.Range(0, 50).ToArray();
        int[] second = Enumerable.Range(0, 50).ToArray();

        new DeterministicRandom(9).Shuffle<int>(first);
        new DeterministicRandom(9).Shuffle<int>(second);

        Assert.Equal(first, second);
        Assert.Equal(Enumerable.Range(0, 50), first.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), first);
    }

    [Fact]
    public void ForkGivesAnIndependentReproducibleStream()
    {
        var parent = new DeterministicRandom(1);
        DeterministicRandom child = parent.Fork();
        DeterministicRandom sameChild = new DeterministicRandom(1).Fork();

        Assert.Equal(child.NextUInt64(), sameChild.NextUInt64());
        Assert.NotEqual(parent.NextUInt64(), child.NextUInt64());
    }

    [Fact]
    public void AReseededGeneratorDrawsWhatANewOneWithThatSeedDraws()
    {
        var reused = new DeterministicRandom(5);
        reused.NextGaussian(); // leaves a spare Gaussian behind, which a reseed must drop
        reused.NextUInt64();
        reused.Reseed(11);
        var fresh = new DeterministicRandom(11);
        Assert.Equal(Enumerable.Range(0, 8).Select(_ => fresh.NextGaussian()), Enumerable.Range(0, 8).Select(_ => reused.NextGaussian()));
        Assert.Equal(fresh.NextUInt64(), reused.NextUInt64());
    }
}
