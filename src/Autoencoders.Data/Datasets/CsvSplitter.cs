namespace Autoencoders.Data;

/// <summary>Loads a CSV dataset and, when asked, holds out a seeded random fraction of its rows as a test set.</summary>
internal static class CsvSplitter
{
    public static DatasetSplit Load(string path, DatasetLoadOptions options)
    {
        if (!(options.TestFraction >= 0 && options.TestFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TestFraction, "the test fraction must lie in [0, 1)");
        }

        Dataset all = CsvDatasetReader.Read(path, options.Csv);
        string shape = $"{all.Count:N0} rows × {all.FeatureCount} features"
            + (all.Labels is null ? "" : all.ClassNames is null ? ", labelled" : $", {all.ClassNames.Count} classes");
        if (options.TestFraction == 0)
        {
            return new DatasetSplit(all, null, $"CSV {path}: {shape}; no test set");
        }

        int testCount = (int)Math.Round(all.Count * options.TestFraction);
        if (testCount < 1 || testCount >= all.Count)
        {
            throw DataErrors.Invalid(path, $"{all.Count} rows are too few to hold out {options.TestFraction:P0} for testing and keep rows for training");
        }

        // Random rather than the last rows: CSV files are often sorted by class, which would leave whole classes out of training.
        int[] order = Enumerable.Range(0, all.Count).ToArray();
        new DeterministicRandom(options.SplitSeed).Shuffle(order.AsSpan());
        int[] testRows = order[..testCount];
        int[] trainRows = order[testCount..];
        Array.Sort(testRows);
        Array.Sort(trainRows);
        return new DatasetSplit(all.Subset(trainRows), all.Subset(testRows),
            $"CSV {path}: {shape}; {trainRows.Length:N0} rows for training, {testRows.Length:N0} held out at random (seed {options.SplitSeed}) for testing");
    }
}
