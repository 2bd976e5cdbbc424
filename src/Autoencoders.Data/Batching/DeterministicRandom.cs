using System.Numerics;

namespace Autoencoders.Data;

/// <summary>
/// A small, fast, seeded random generator whose sequence is fixed by its seed on every platform and .NET
/// version (unlike <see cref="System.Random"/>, whose algorithm may change).
/// </summary>
/// <remarks>
/// xoshiro256** 1.0 (Blackman and Vigna, https://prng.di.unimi.it/), its 256-bit state seeded from one
/// 64-bit value by SplitMix64 as the authors recommend. Not for cryptography. Not thread-safe: give each
/// thread its own instance, for example through <see cref="Fork"/>.
/// </remarks>
public sealed class DeterministicRandom
{
    private ulong state0;
    private ulong state1;
    private ulong state2;
    private ulong state3;
    private bool hasSpareGaussian;
    private double spareGaussian;

    /// <summary>Creates a generator whose whole sequence is determined by <paramref name="seed"/>.</summary>
    public DeterministicRandom(ulong seed) => Reseed(seed);

    /// <summary>Starts over as a generator made with <paramref name="seed"/> would: for a per-row generator that a hot
    /// loop reuses instead of allocating one per row.</summary>
    public void Reseed(ulong seed)
    {
        ulong mixer = seed;
        state0 = SplitMix64(ref mixer);
        state1 = SplitMix64(ref mixer);
        state2 = SplitMix64(ref mixer);
        state3 = SplitMix64(ref mixer);
        (hasSpareGaussian, spareGaussian) = (false, 0);
    }

    /// <summary>Starts from a raw state, as the reference test vectors do; the state must not be all zero.</summary>
    internal DeterministicRandom(ulong state0, ulong state1, ulong state2, ulong state3)
    {
        if ((state0 | state1 | state2 | state3) == 0)
        {
            throw new ArgumentException("xoshiro256** state must not be all zero");
        }
        (this.state0, this.state1, this.state2, this.state3) = (state0, state1, state2, state3);
    }

    /// <summary>Everything that fixes the rest of the sequence, e.g. for a training checkpoint.</summary>
    public RandomState GetState() => new(state0, state1, state2, state3, hasSpareGaussian, spareGaussian);

    /// <summary>Continues from a state taken by <see cref="GetState"/>: the next draws are the ones that followed it.</summary>
    public void SetState(RandomState state)
    {
        if ((state.Word0 | state.Word1 | state.Word2 | state.Word3) == 0)
            throw new ArgumentException("xoshiro256** state must not be all zero", nameof(state));
        (state0, state1, state2, state3) = (state.Word0, state.Word1, state.Word2, state.Word3);
        (hasSpareGaussian, spareGaussian) = (state.HasSpareGaussian, state.SpareGaussian);
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014): advances <paramref name="state"/> and returns a well-mixed value.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(state1 * 5, 7) * 9;
        ulong shifted = state1 << 17;
        state2 ^= state0;
        state3 ^= state1;
        state1 ^= state2;
        state0 ^= state3;
        state2 ^= shifted;
        state3 = BitOperations.RotateLeft(state3, 45);
        return result;
    }

    /// <summary>A uniform integer in <c>[0, maxExclusive)</c>, without modulo bias (Lemire 2019, https://arxiv.org/abs/1805.10941).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong range = (ulong)maxExclusive;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            // Reject the few low values that would make some results one draw more likely than others.
            ulong threshold = unchecked(0UL - range) % range;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), range, out low);
            }
        }
        return (int)high;
    }

    /// <summary>A uniform double in <c>[0, 1)</c> with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in <c>[0, 1)</c> with 24 random bits (all a float's mantissa can hold, so never rounds to 1).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A standard normal sample (mean 0, standard deviation 1) by the Box–Muller transform.</summary>
    /// <remarks>Each pair of uniforms yields two normals; the second is kept for the next call.</remarks>
    public float NextGaussian()
    {
        if (hasSpareGaussian)
        {
            hasSpareGaussian = false;
            return (float)spareGaussian;
        }
        // 1 − u lies in (0, 1], so the logarithm is finite.
        double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        double angle = 2.0 * Math.PI * NextDouble();
        spareGaussian = radius * Math.Sin(angle);
        hasSpareGaussian = true;
        return (float)(radius * Math.Cos(angle));
    }

    /// <summary>Fills <paramref name="destination"/> with uniform values in <c>[minimum, maximum)</c>.</summary>
    public void FillUniform(Span<float> destination, float minimum, float maximum)
    {
        float width = maximum - minimum;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = minimum + width * NextFloat();
        }
    }

    /// <summary>Fills <paramref name="destination"/> with normal samples: <c>mean + standardDeviation · N(0, 1)</c>.</summary>
    public void FillGaussian(Span<float> destination, float mean, float standardDeviation)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = mean + standardDeviation * NextGaussian();
        }
    }

    /// <summary>Puts <paramref name="items"/> in a uniformly random order (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A new generator seeded from this one: an independent stream, e.g. one per layer or per thread.</summary>
    public DeterministicRandom Fork() => new(NextUInt64());
}
