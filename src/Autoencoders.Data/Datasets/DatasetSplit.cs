namespace Autoencoders.Data;

/// <summary>A training set, an optional test set, and one line saying where they came from and how they were split.</summary>
public sealed record DatasetSplit(Dataset Train, Dataset? Test, string Description)
{
    /// <summary>Keeps at most the first <paramref name="count"/> samples of each part, for quick runs (<c>--limit</c>).</summary>
    public DatasetSplit Limit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        bool trims = Train.Count > count || Test?.Count > count;
        return trims
            ? new DatasetSplit(Train.Limit(count), Test?.Limit(count), $"{Description}; limited to the first {count:N0} samples of each part")
            : this;
    }

    /// <summary>Keeps the first <paramref name="count"/> training samples only (<c>--limit</c>); the test split stays whole,
    /// so that figures measured on it compare with those of unlimited runs. <paramref name="note"/> says so in the
    /// description; by default "training on its first N samples".</summary>
    public DatasetSplit LimitTraining(int count, string? note = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count >= Train.Count
            ? this
            : this with { Train = Train.Limit(count), Description = $"{Description}; {note ?? $"training on its first {count:N0} samples"}" };
    }
}
