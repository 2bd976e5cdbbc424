using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Nn.Training;

namespace Autoencoders.Applications.Translation;

/// <summary>
/// The model's inputs for an image-to-image task: each clean row corrupted as it is copied into a batch. The draws of
/// a random corruption (a random mask's place, noise) depend only on the seed, the row and the <see cref="Pass"/>, so a
/// run is reproducible whatever the batch order and thread count, and each epoch sees new masks
/// (<see cref="AdvancePerEpoch"/>). Pass 0 is the fixed test set.
/// </summary>
public sealed class CorruptedImages(Dataset clean, ImageLayout layout, ImageCorruption corruption, int seed) : IBatchSource
{
    [ThreadStatic] private static bool[]? hiddenScratch;
    [ThreadStatic] private static DeterministicRandom? rowRandom;

    public Dataset Clean { get; } = clean;

    public ImageLayout Layout { get; } = layout;

    public ImageCorruption Corruption { get; } = corruption;

    /// <summary>Which draw of the random corruptions rows get: the epoch while training.</summary>
    public int Pass { get; set; }

    public int Count => Clean.Count;

    public int FeatureCount => Clean.FeatureCount;

    public void CopyRows(ReadOnlySpan<int> rowIndices, Span<float> destination)
    {
        int n = FeatureCount;
        if (hiddenScratch is null || hiddenScratch.Length < n) hiddenScratch = new bool[n];
        for (int i = 0; i < rowIndices.Length; i++)
            Corrupt(rowIndices[i], destination.Slice(i * n, n), hiddenScratch.AsSpan(0, n));
    }

    /// <summary>Every row corrupted at the current pass, and which values each hid (null when the corruption hides none).</summary>
    public (float[] Inputs, bool[]? Hidden) Materialize()
    {
        int n = FeatureCount;
        var inputs = new float[Count * n];
        var hidden = new bool[Count * n];
        for (int row = 0; row < Count; row++) Corrupt(row, inputs.AsSpan(row * n, n), hidden.AsSpan(row * n, n));
        return (inputs, Corruption.HidesPixels ? hidden : null);
    }

    private void Corrupt(int row, Span<float> destination, Span<bool> hidden)
    {
        ulong state = (ulong)(uint)seed << 32 ^ (ulong)(uint)Pass;
        ulong mixed = DeterministicRandom.SplitMix64(ref state) ^ (ulong)row * 0xD1B54A32D192ED03UL;
        var random = rowRandom ??= new DeterministicRandom(0);
        random.Reseed(mixed); // the same draws as a generator made for this row, without one allocated per row
        Corruption.Apply(Clean.Row(row), destination, hidden, Layout, random);
    }

    /// <summary>A callback that sets <see cref="Pass"/> to the epoch as each begins.</summary>
    public Callback AdvancePerEpoch() => new EpochPass(this);

    private sealed class EpochPass(CorruptedImages images) : Callback
    {
        public override void OnEpochBegin(TrainingContext context, int epoch) => images.Pass = epoch;
    }
}
