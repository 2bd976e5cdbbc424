using FsCheck;
using FsCheck.Fluent;

namespace Autoencoders.Data.Tests.Fuzzing;

/// <summary>The FsCheck generator of damage plans: one to three <see cref="FileMutation"/>s applied in order.</summary>
public static class FileMutations
{
    /// <summary>Sizes where loaders go wrong: zero, signs, powers of two and their neighbours, 32- and 64-bit limits.</summary>
    private static readonly long[] ExtremeValues =
    [
        0, 1, 2, 3, -1, -2, 7, 8, 255, 256, 1000, 65535, 65536, 1 << 20, 100_000_000, 100_000_001,
        int.MaxValue, int.MaxValue - 1, int.MinValue, 1L << 31, uint.MaxValue, 1L << 32, (1L << 32) + 1,
        int.MaxValue / 4 + 1, int.MaxValue / 784 + 1, 1 << 24, 1 << 28, 50_000_000, 1L << 40, 1L << 62, long.MaxValue, long.MinValue + 17, -(1L << 31) - 1,
    ];

    public static Gen<FileMutation> One { get; } =
        from kind in Gen.Frequency(Enum.GetValues<MutationKind>().Select(kind => (IsSizeMutation(kind) ? 3 : 1, Gen.Constant(kind))))
        from position in Gen.Choose(0, int.MaxValue - 1)
        from length in Gen.Choose(1, 64)
        from value in Gen.Frequency(
            (4, Gen.Elements(ExtremeValues)),
            (2, Gen.Choose(int.MinValue, int.MaxValue - 1).Select(v => (long)v)),
            (1, Gen.Choose(-4, 4).Select(v => (long)v)),
            (2, Gen.Choose(0, 15).Select(k => FileMutation.FileLengthBase + k)))
        select new FileMutation(kind, position, length, value);

    public static Gen<FileMutation[]> Plan { get; } = Gen.Choose(1, 3).SelectMany(count => Gen.ArrayOf(One, count));

    // Inflated sizes are what the loaders must survive above all, so they are drawn three times as often.
    private static bool IsSizeMutation(MutationKind kind) => kind is MutationKind.InflateField or MutationKind.InflateNumberText;

    /// <summary>
    /// Every declared size at every extreme value, one at a time: each size field of the format and each decimal
    /// number in its text. Random plans reach a given field only now and then; this sweep reaches each one for sure.
    /// </summary>
    public static IEnumerable<FileMutation> SizeSweep(byte[] file, int sizeFieldCount)
    {
        long[] values = [.. ExtremeValues, .. Enumerable.Range(0, 16).Select(k => FileMutation.FileLengthBase + k)];
        int numberCount = FileMutation.NumberRuns(file).Count;
        foreach (long value in values)
        {
            for (int field = 0; field < sizeFieldCount; field++)
                yield return new FileMutation(MutationKind.InflateField, field, 4, value);
            for (int number = 0; number < numberCount; number++)
            {
                yield return new FileMutation(MutationKind.InflateNumberText, number, 2, value);
                if (value == 1) yield return new FileMutation(MutationKind.InflateNumberText, number, 1, value); // 1 and 20 zeros
            }
        }
    }

    /// <summary>Applies every mutation of <paramref name="plan"/> in order to a copy of <paramref name="file"/>.</summary>
    public static byte[] Apply(byte[] file, IEnumerable<FileMutation> plan, IReadOnlyList<SizeField> fields) =>
        plan.Aggregate(file, (bytes, mutation) => mutation.Apply(bytes, fields));
}
